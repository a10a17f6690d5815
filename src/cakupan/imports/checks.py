"""Column-wise checks of the person part of a row: NIK, name, sex, birth date, desa, phone, KPJ.

Each check is a Polars expression over the whole column; Python runs once per *distinct* value
only where a lookup needs it (desa names, accented names), never once per row. Errors come back
as frames of (_row, field, value, code, params) and are concatenated by the caller.
"""

import difflib
import json

import polars as pl

from cakupan.registry.names import name_key
from cakupan.rules.nik import FEMALE_DAY_OFFSET, NIK_LENGTH, column_looks_excel_mangled

ERROR_SCHEMA = {
    "_row": pl.Int64,
    "field": pl.String,
    "value": pl.String,
    "code": pl.String,
    "params": pl.String,
}
# fmt: off
SEX_VALUES = {
    "L": "L", "LK": "L", "LAKI": "L", "LAKILAKI": "L", "PRIA": "L", "M": "L", "MALE": "L",
    "P": "P", "PR": "P", "PEREMPUAN": "P", "WANITA": "P", "W": "P", "F": "P", "FEMALE": "P",
}
# fmt: on
# fmt: off
# The registry's list (registry.names._TITLES); a test keeps the two equal.
TITLES = [
    "H", "HJ", "HAJI", "HAJJAH", "DR", "DRS", "DRA", "IR", "ST", "SE", "SH", "SPD", "SAG",
    "SKM", "AMD", "AMK", "MM", "MPD", "MSI", "SSOS", "SIP", "SKOM", "BAPAK", "BPK", "IBU",
    "SDR", "ALM",
]
# fmt: on


def error_frame(
    frame: pl.DataFrame,
    condition: pl.Expr,
    field: str,
    code: str | pl.Expr,
    params: pl.Expr | dict | None = None,
    value: pl.Expr | None = None,
) -> pl.DataFrame:
    """The rows of `frame` where `condition` holds, as error rows."""
    if isinstance(params, pl.Expr):
        params_expr = params
    else:
        params_expr = pl.lit(json.dumps(params or {}, ensure_ascii=False))
    value_expr = value if value is not None else pl.col(field)
    return frame.filter(condition.fill_null(False)).select(
        pl.col("_row"),
        pl.lit(field).alias("field"),
        value_expr.cast(pl.String).alias("value"),
        (pl.lit(code) if isinstance(code, str) else code).alias("code"),
        params_expr.cast(pl.String).alias("params"),
    )


def empty_errors() -> pl.DataFrame:
    return pl.DataFrame(schema=ERROR_SCHEMA)


def blank(expr: pl.Expr) -> pl.Expr:
    return expr.is_null() | (expr.str.strip_chars() == "")


def json_params(**exprs: pl.Expr) -> pl.Expr:
    return pl.struct(**{k: v.cast(pl.String) for k, v in exprs.items()}).struct.json_encode()


# ------------------------------------------------------------------------------------- NIK


def nik_columns(frame: pl.DataFrame, *, kecamatan_codes, today) -> tuple[pl.DataFrame, list]:
    """Normalise `nik` and decode it into `_nik_sex` / `_nik_birth`: the same rules as
    `rules.nik.parse_nik` (a test compares them value by value), over the whole column."""
    text = pl.col("nik").str.strip_chars().str.strip_chars_start("'").str.strip_chars()
    scientific = text.str.contains(r"^\d+(?:[.,]\d+)?[eE][+-]?\d+$")
    float_text = text.str.contains(r"^\d{1,17}[.,]0*$")
    value = (
        pl.when(float_text)
        .then(text.str.extract(r"^(\d{1,17})"))
        .when(scientific)
        .then(pl.lit(""))
        .otherwise(text.str.replace_all(r"[\s.\-]", ""))
    )
    work = frame.with_columns(
        _nik_raw=pl.col("nik"),
        _nik_empty=blank(pl.col("nik")),
        _nik_mangled=scientific | float_text,
        nik=value,
    )
    day = pl.col("nik").str.slice(6, 2).cast(pl.Int64, strict=False)
    female = day > FEMALE_DAY_OFFSET
    day = pl.when(female).then(day - FEMALE_DAY_OFFSET).otherwise(day)
    month = pl.col("nik").str.slice(8, 2)
    yy = pl.col("nik").str.slice(10, 2)

    def born(century: str) -> pl.Expr:
        return pl.concat_str(
            [pl.lit(century), yy, pl.lit("-"), month, pl.lit("-"), day.cast(pl.String).str.zfill(2)]
        ).str.to_date("%Y-%m-%d", strict=False)

    recent = born("20")
    birth = pl.when(recent <= pl.lit(today)).then(recent).otherwise(born("19"))
    full = pl.col("nik").str.len_chars() == NIK_LENGTH
    part_digits = [
        pl.col("nik").str.slice(a, n).str.contains(r"^\d+$") for a, n in ((0, 6), (6, 6), (12, 4))
    ]
    ok_shape = ~pl.col("_nik_empty") & ~pl.col("_nik_mangled")
    work = work.with_columns(
        _nik_len=pl.col("nik").str.len_chars(),
        _nik_digits=pl.col("nik").str.contains(r"^\d*$"),
        _nik_region_ok=~(full & part_digits[0])
        | pl.col("nik").str.slice(0, 6).is_in(list(kecamatan_codes)),
        _nik_birth=pl.when(ok_shape & full & part_digits[1]).then(birth).otherwise(None),
        _nik_birth_bad=ok_shape & full & part_digits[1] & birth.is_null(),
        _nik_sex=pl.when(ok_shape & full & part_digits[1] & birth.is_not_null())
        .then(pl.when(female).then(pl.lit("P")).otherwise(pl.lit("L")))
        .otherwise(None),
        _nik_serial_zero=full & (pl.col("nik").str.slice(12, 4) == "0000"),
    )
    # Excel rounded the whole column to 15 significant digits: every NIK ends in 0.
    whole_column = column_looks_excel_mangled(iter(work["nik"]))
    dotted = pl.concat_str(
        [
            pl.col("nik").str.slice(0, 2),
            pl.col("nik").str.slice(2, 2),
            pl.col("nik").str.slice(4, 2),
        ],
        separator=".",
    )
    raw = pl.col("_nik_raw")
    errors = [
        error_frame(work, pl.col("_nik_empty"), "nik", "nik.empty", value=raw),
        error_frame(
            work,
            ~pl.col("_nik_empty") & (pl.col("_nik_mangled") | pl.lit(whole_column)),
            "nik",
            "nik.excel_mangled",
            json_params(raw=raw),
            value=raw,
        ),
    ]
    checked = work.filter(ok_shape & ~pl.lit(whole_column))
    errors += [
        error_frame(
            checked,
            pl.col("_nik_len") != NIK_LENGTH,
            "nik",
            "nik.length",
            json_params(length=pl.col("_nik_len")),
            value=raw,
        ),
        error_frame(checked, ~pl.col("_nik_digits"), "nik", "nik.not_digits", value=raw),
        error_frame(
            checked,
            ~pl.col("_nik_region_ok"),
            "nik",
            "nik.region_unknown",
            json_params(code=dotted),
            value=raw,
        ),
        error_frame(
            checked,
            pl.col("_nik_birth_bad"),
            "nik",
            "nik.birth_date",
            json_params(ddmmyy=pl.col("nik").str.slice(6, 6)),
            value=raw,
        ),
        error_frame(checked, pl.col("_nik_serial_zero"), "nik", "nik.serial_zero", value=raw),
    ]
    return work.drop("_nik_len", "_nik_digits", "_nik_region_ok", "_nik_serial_zero"), errors


def duplicates_in_file(frame: pl.DataFrame) -> pl.DataFrame:
    """Every row whose NIK appears more than once: all of them, not the second only, because
    nobody can tell from the file which of two rows with one NIK is the right person."""
    rows = (
        frame.filter(pl.col("nik") != "")
        .group_by("nik")
        .agg(pl.col("_row").sort().alias("_rows"))
        .filter(pl.col("_rows").list.len() > 1)
    )
    joined = frame.join(rows, on="nik", how="inner")
    listed = pl.col("_rows").cast(pl.List(pl.String)).list.head(10).list.join(", ")
    return error_frame(
        joined,
        pl.lit(True),
        "nik",
        "nik.duplicate_in_file",
        json_params(rows=listed),
        value=pl.col("_nik_raw"),
    )


# ------------------------------------------------------------------------- name, sex, dates


def name_keys(names: pl.Series) -> pl.Series:
    """registry.names.name_key for a column: ASCII names in Polars, the few accented ones
    through the registry's own function (Polars has no Unicode decomposition)."""
    frame = pl.DataFrame({"n": names})
    ascii_only = pl.col("n").str.contains(r"^[\x00-\x7F]*$")
    words = (
        pl.col("n")
        .str.to_uppercase()
        .str.replace_all(".", "", literal=True)
        .str.replace_all(r"[^A-Z\s]", " ")
        .str.split(" ")
        .list.eval(pl.element().filter((pl.element() != "") & ~pl.element().is_in(TITLES)))
        .list.join(" ")
    )
    out = frame.select(pl.when(ascii_only).then(words).otherwise(None).alias("k"))["k"]
    others = frame.with_row_index("i").filter(~ascii_only.fill_null(True))
    if others.height:
        keys = [name_key(n or "") for n in others["n"].to_list()]
        out = out.scatter(others["i"], keys)
    return out


def sex_values(expr: pl.Expr) -> pl.Expr:
    key = expr.str.to_uppercase().str.replace_all(r"[^A-Z]", "")
    return key.replace_strict(SEX_VALUES, default=None, return_dtype=pl.String)


# --------------------------------------------------------------------------------- regions


def region_candidates(places: dict, key: str) -> list:
    return [p for p in places.values() if p.key == key]


def nearest(keys_to_names: dict[str, str], key: str) -> str:
    close = difflib.get_close_matches(key, list(keys_to_names), n=3, cutoff=0.6)
    return ", ".join(keys_to_names[k] for k in close)
