"""Validation of a whole file, column by column: person checks shared by every kind, the kind's
own checks, duplicates inside the file, and the rows' relation to what the registry holds
(the kind's one read of the persons and their spells, whatever the number of rows)."""

import datetime as dt
from dataclasses import dataclass, field

import polars as pl

from cakupan.accounts.scope import region_expr
from cakupan.imports import checks
from cakupan.imports.checks import blank, error_frame, json_params
from cakupan.imports.dates import parse_dates
from cakupan.imports.kinds import SPELL_COLUMNS, ImportKind
from cakupan.imports.places import Places, resolve_column
from cakupan.registry.models import PROGRAMS

FAR_FUTURE = dt.date(9999, 12, 31)
FLAGS = [p.lower() for p in PROGRAMS]
LIMITS = {"name": 150, "occupation": 100}
ROW_COLUMNS = [
    "_row",
    "nik",
    "name",
    "name_key",
    "sex",
    "birth_date",
    "regency_code",
    "region_code",
    "phone",
    "occupation",
    "kpj",
    *SPELL_COLUMNS,
    "_person_new",
    "_spell_new",
]


@dataclass
class Context:
    kind: ImportKind
    options: dict
    places: Places
    kecamatan_codes: frozenset
    today: dt.date
    actor: object = None


@dataclass
class Outcome:
    rows: pl.DataFrame  # the valid rows, ready for the writers
    errors: pl.DataFrame  # _row, field, value, code, params
    counts: dict = field(default_factory=dict)
    contribution_total: int | None = None


def fields_frame(table: pl.DataFrame, mapping: dict[str, str], kind: ImportKind) -> pl.DataFrame:
    """The file's columns renamed to fields; unmapped fields are null."""
    frame = table.select(pl.col("_row"), *[pl.col(c).alias(f) for c, f in mapping.items()])
    missing = [f.name for f in kind.fields if f.name not in frame.columns]
    return frame.with_columns([pl.lit(None, dtype=pl.String).alias(m) for m in missing])


def validate_table(ctx: Context, table: pl.DataFrame, mapping: dict[str, str]) -> Outcome:
    frame = fields_frame(table, mapping, ctx.kind)
    frame, errors = _person_checks(ctx, frame)
    frame, kind_errors = ctx.kind.rows_check(ctx, frame)
    errors += kind_errors
    errors.append(checks.duplicates_in_file(frame))
    frame, lookup_errors = _against_registry(ctx, frame)
    errors += lookup_errors
    error_rows = pl.concat(
        [e.select([pl.col(k).cast(t) for k, t in checks.ERROR_SCHEMA.items()]) for e in errors]
    ).sort("_row")
    bad = error_rows["_row"].unique()
    valid = frame.filter(~pl.col("_row").is_in(bad.implode()))
    counts = {
        "rows_total": frame.height,
        "rows_valid": valid.height,
        "rows_invalid": frame.height - valid.height,
        "persons_new": int(valid["_person_new"].sum()),
        "persons_existing": valid.height - int(valid["_person_new"].sum()),
        "spells_new": int(valid["_spell_new"].sum()),
        "spells_unchanged": valid.height - int(valid["_spell_new"].sum()),
    }
    total = ctx.kind.contribution_total(ctx, valid) if valid.height else 0
    return Outcome(valid.select(ROW_COLUMNS), error_rows, counts, total)


def _person_checks(ctx: Context, frame: pl.DataFrame) -> tuple[pl.DataFrame, list]:
    frame, errors = checks.nik_columns(frame, kecamatan_codes=ctx.kecamatan_codes, today=ctx.today)
    name = pl.col("name").str.replace_all(r"\s+", " ").str.strip_chars()
    frame = frame.with_columns(
        name=name,
        occupation=pl.col("occupation").str.strip_chars().fill_null(""),
        _sex_row=checks.sex_values(pl.col("sex")),
        _birth_row=parse_dates(pl.col("birth_date")),
    )
    frame = frame.with_columns(
        name_key=checks.name_keys(frame["name"]),
        _sex_out=pl.coalesce("_sex_row", "_nik_sex"),
        _birth_out=pl.coalesce("_birth_row", "_nik_birth"),
    )
    sex_given, birth_given = ~blank(pl.col("sex")), ~blank(pl.col("birth_date"))
    errors += [
        error_frame(frame, blank(pl.col("name")), "name", "name.required"),
        error_frame(
            frame,
            sex_given & pl.col("_sex_row").is_null(),
            "sex",
            "sex.invalid",
            json_params(value=pl.col("sex")),
        ),
        error_frame(
            frame,
            birth_given & pl.col("_birth_row").is_null(),
            "birth_date",
            "date.invalid",
            json_params(value=pl.col("birth_date")),
        ),
        error_frame(
            frame,
            pl.col("_birth_row") > pl.lit(ctx.today),
            "birth_date",
            "date.future",
            json_params(value=pl.col("birth_date")),
        ),
        error_frame(
            frame,
            pl.col("_birth_row") != pl.col("_nik_birth"),
            "birth_date",
            "nik.birth_date_mismatch",
            json_params(
                row_date=pl.col("_birth_row").dt.to_string("%Y-%m-%d"),
                nik_date=pl.col("_nik_birth").dt.to_string("%Y-%m-%d"),
            ),
        ),
        error_frame(
            frame,
            pl.col("_sex_row") != pl.col("_nik_sex"),
            "sex",
            "nik.sex_mismatch",
            json_params(row_sex=pl.col("_sex_row"), nik_sex=pl.col("_nik_sex")),
        ),
    ]
    for name_field, limit in LIMITS.items():
        errors.append(
            error_frame(
                frame,
                pl.col(name_field).str.len_chars() > limit,
                name_field,
                "text.too_long",
                {"limit": limit},
            )
        )
    # Desa: each distinct (kecamatan, desa) text is resolved once and joined back.
    resolved = resolve_column(ctx.places, frame)
    frame = frame.with_columns(
        pl.col("district").fill_null(""), pl.col("village").fill_null("")
    ).join(resolved, on=["district", "village"], how="left")
    for region_field in ("village", "district"):
        failed = (pl.col("_region_field") == region_field) & (pl.col("_region_error") != "")
        errors.append(
            error_frame(
                frame, failed, region_field, pl.col("_region_error"), pl.col("_region_params")
            )
        )
    phone = pl.col("phone").str.replace_all(r"[\s\-.()]", "")
    kpj = pl.col("kpj").str.replace_all(r"[\s\-.]", "")
    frame = frame.with_columns(phone=phone.fill_null(""), kpj=kpj.fill_null(""))
    errors += [
        error_frame(
            frame,
            (pl.col("phone") != "") & ~pl.col("phone").str.contains(r"^\+?\d{8,15}$"),
            "phone",
            "phone.invalid",
            json_params(value=pl.col("phone")),
        ),
        error_frame(
            frame,
            (pl.col("kpj") != "") & ~pl.col("kpj").str.contains(r"^\d{1,16}$"),
            "kpj",
            "kpj.invalid",
            json_params(value=pl.col("kpj")),
        ),
    ]
    frame = frame.with_columns(
        sex=pl.col("_sex_out"),
        birth_date=pl.col("_birth_out"),
        regency_code=pl.col("region_code").str.slice(0, 5),
    )
    return frame, errors


def _against_registry(ctx: Context, frame: pl.DataFrame) -> tuple[pl.DataFrame, list]:
    niks = frame.filter(pl.col("nik").str.len_chars() == 16)["nik"].unique()
    persons, spells = ctx.kind.existing(niks)
    frame = frame.join(persons, on="nik", how="left")
    permitted = ctx.places.permitted
    inside = region_expr("person_region", list(permitted))
    errors = [
        error_frame(
            frame,
            pl.col("person_id").is_not_null() & ~inside,
            "nik",
            "person.outside_scope",
            value=pl.col("_nik_raw"),
        ),
    ]
    same_rows, clashes = overlaps(frame, spells)
    # A person outside the uploader's scope gets the one neutral message above and nothing
    # else: their spells (programs, dates, ids) are none of the uploader's business.
    outside = frame.filter(pl.col("person_id").is_not_null() & ~inside.fill_null(False))["_row"]
    clashes = clashes.filter(~pl.col("_row").is_in(outside.implode()))
    programs = pl.concat_str(
        [pl.when(pl.col(f"s_{f}")).then(pl.lit(f.upper())) for f in FLAGS],
        separator="+",
        ignore_nulls=True,
    )
    errors.append(
        error_frame(
            clashes,
            pl.lit(True),
            "nik",
            # Under an agreement, say which role and which agreement hold the officer already.
            pl.when(pl.col("s_agreement").is_not_null())
            .then(pl.lit("spell.overlap_agreement"))
            .otherwise(pl.lit("spell.overlap")),
            json_params(
                spell_id=pl.col("spell_id"),
                programs=programs,
                start=pl.col("s_start").dt.to_string("%Y-%m-%d"),
                end=pl.col("s_end").dt.to_string("%Y-%m-%d").fill_null("…"),
                role=pl.col("s_role").replace("", "-").fill_null("-"),
                agreement=pl.col("s_agreement_number").fill_null("-"),
            ),
            value=pl.col("nik"),
        )
    )
    frame = frame.with_columns(
        _person_new=pl.col("person_id").is_null(),
        _spell_new=~pl.col("_row").is_in(same_rows.implode()),
    )
    return frame, errors


def overlaps(frame: pl.DataFrame, spells: pl.DataFrame) -> tuple[pl.Series, pl.DataFrame]:
    """The rows whose spell is already stored as it is (same programs, dates and agreement),
    and the rows that clash with a stored spell of the same person and program (the first
    such spell each, with its columns `spell_id`, `s_start`, `s_end`, `s_role` …)."""
    rows = frame.select("_row", "nik", "start_date", "end_date", "agreement_id", *FLAGS).join(
        spells, on="nik", how="inner"
    )
    shared = pl.any_horizontal([pl.col(f) & pl.col(f"s_{f}") for f in FLAGS])
    overlap = (pl.col("s_start") <= pl.col("end_date").fill_null(FAR_FUTURE)) & (
        pl.col("start_date") <= pl.col("s_end").fill_null(FAR_FUTURE)
    )
    identical = (
        pl.all_horizontal([pl.col(f) == pl.col(f"s_{f}") for f in FLAGS])
        & (pl.col("start_date") == pl.col("s_start"))
        & pl.col("end_date").eq_missing(pl.col("s_end"))
        & pl.col("agreement_id").eq_missing(pl.col("s_agreement"))
    )
    rows = rows.with_columns(_identical=identical, _clash=shared & overlap & ~identical)
    same_rows = rows.filter("_identical")["_row"].unique()
    clashes = (
        rows.filter(pl.col("_clash") & ~pl.col("_row").is_in(same_rows.implode()))
        .sort("_row", "s_start")
        .unique("_row", keep="first")
    )
    return same_rows, clashes
