"""Rosters: the ad hoc election officers a cooperation agreement (PKS) covers.

Each valid row becomes a person (if the NIK is new) and one BPU spell for the officer's duty
period, with the agreement's programs and payer, pointing at the agreement: the natural key
(agreement, NIK, duty period) makes a re-upload add only what is new (writers.spells_insert).

Per row, besides the person checks every kind shares: the role must be one the agreement
covers (read flexibly: "Anggota KPPS 3" is KPPS), the duty dates must lie inside the
agreement's validity (absent dates default to the batch's duty period, itself defaulting to
the agreement's validity), and the officer must have the legal minimum age for the role on
the first day of duty (parameter `election.officer_min_age`, raised by the agreement's own
`min_age` where it sets one). The preview's total is the premium of the new spells, computed by
`agreements.money` under the agreement's charging rule; the preview shows the budget left.

It plugs into the generic imports pipeline through `cakupan.imports.kinds` (registered in
`AgreementsConfig.ready`); it reads and writes the registry through its selectors and services.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cakupan.agreements import money
from cakupan.agreements.officer_roles import role_match
from cakupan.agreements.selectors import agreement_get
from cakupan.errors import DomainError
from cakupan.imports.checks import blank, error_frame, json_params
from cakupan.imports.dates import parse_dates
from cakupan.imports.kinds import PERSON_FIELDS, Field, ImportKind
from cakupan.registry import services as registry_services
from cakupan.registry.models import PROGRAMS
from cakupan.registry.selectors import persons_spells_for_niks
from cakupan.rules.errors import NotInForceError
from cakupan.rules.formats import long_date, rupiah
from cakupan.rules.params import param

PERMISSION = "agreements.import_roster"
DATE = "%d-%m-%Y"  # the cell values shown beside an error, as a partner types them
ISO = "%Y-%m-%d"  # dates in message params: messages.message() writes them out long


def _agreement(*, user, agreement_id):
    return agreement_get(user=user, agreement_id=int(agreement_id), permission=PERMISSION)


def _date(value, fallback: dt.date) -> dt.date:
    if value in (None, ""):
        return fallback
    try:
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except ValueError:
        raise DomainError(
            "dates_invalid", "Tanggal tugas tidak sah.", "The duty date is not valid."
        ) from None


def legal_min_ages(day: dt.date) -> dict[str, int]:
    """The statutory minimum age per role in force on `day` (empty before the rule existed)."""
    try:
        return dict(param("election.officer_min_age").at(day).value)
    except NotInForceError:
        return {}


class RosterKind(ImportKind):
    name = "roster"
    label = _("Daftar petugas PKS")
    permission = PERMISSION
    total_label = _("Premi untuk petugas baru")
    fields = (
        *PERSON_FIELDS,
        Field(
            "role",
            _("Jabatan"),
            ("Posisi", "Peran", "Tugas", "Jabatan Petugas", "Jabatan Ad Hoc", "Role", "Position"),
        ),
        Field("tps", "TPS", ("No TPS", "No. TPS", "Nomor TPS", "TPS No", "Lokasi TPS")),
        Field(
            "duty_start",
            _("Mulai Tugas"),
            ("Tgl Mulai", "Tanggal Mulai", "Mulai", "Awal Tugas", "TMT", "Tanggal Mulai Tugas"),
        ),
        Field(
            "duty_end",
            _("Akhir Tugas"),
            ("Tgl Selesai", "Tanggal Selesai", "Selesai", "Selesai Tugas", "Tanggal Akhir"),
        ),
    )

    def options_clean(self, *, actor, options: dict, area_code: str) -> dict:
        if not options.get("agreement_id"):
            raise DomainError(
                "agreement_required", "Pilih PKS untuk daftar ini.", "Choose the agreement."
            )
        agreement = _agreement(user=actor, agreement_id=options["agreement_id"])
        if area_code != agreement.region_code:
            raise DomainError(
                "roster_area",
                "Wilayah impor harus wilayah PKS ({code}).",
                "The import's area must be the agreement's ({code}).",
                code=agreement.region_code,
            )
        start = _date(options.get("duty_start"), agreement.valid_from)
        end = _date(options.get("duty_end"), agreement.valid_to)
        if end < start:
            raise DomainError(
                "dates_reversed",
                "Tanggal akhir sebelum tanggal mulai.",
                "The end date is before the start date.",
            )
        return {
            "agreement_id": agreement.pk,
            "agreement_number": agreement.number,
            "duty_start": start.isoformat(),
            "duty_end": end.isoformat(),
        }

    def rows_check(self, ctx, frame: pl.DataFrame) -> tuple[pl.DataFrame, list]:
        opts = ctx.options
        agreement = _agreement(user=ctx.actor, agreement_id=opts["agreement_id"])
        roles = list(agreement.roles)
        texts = frame["role"].drop_nulls().unique().to_list()
        matched = pl.DataFrame(
            {"role": texts, "_role_out": [role_match(t) for t in texts]},
            schema={"role": pl.String, "_role_out": pl.String},
        )
        frame = frame.join(matched, on="role", how="left").with_columns(
            _role_given=~blank(pl.col("role"))
        )
        given = pl.col("_role_given")
        if len(roles) == 1:  # the agreement covers one role: the column may be left out
            frame = frame.with_columns(
                _role_out=pl.when(given).then(pl.col("_role_out")).otherwise(pl.lit(roles[0]))
            )
        start_given, end_given = ~blank(pl.col("duty_start")), ~blank(pl.col("duty_end"))
        frame = frame.with_columns(
            _start_row=parse_dates(pl.col("duty_start")), _end_row=parse_dates(pl.col("duty_end"))
        ).with_columns(
            start_date=pl.col("_start_row").fill_null(dt.date.fromisoformat(opts["duty_start"])),
            end_date=pl.col("_end_row").fill_null(dt.date.fromisoformat(opts["duty_end"])),
            segment=pl.lit("BPU"),
            payer=pl.lit(agreement.payer),
            employer_id=pl.lit(None, dtype=pl.Int64),
            agreement_id=pl.lit(agreement.pk, dtype=pl.Int64),
            wage=pl.lit(None, dtype=pl.Int64),  # the agreement's declared income applies
            role=pl.col("_role_out").fill_null(""),
            _role_text=pl.col("role"),
            **{p.lower(): pl.lit(p in agreement.programs) for p in PROGRAMS},
        )
        role_list = ", ".join(roles) or "-"
        errors = [
            error_frame(
                frame,
                ~given if len(roles) != 1 else pl.lit(False),
                "role",
                "roster.role_required",
                {"roles": role_list},
                value=pl.col("_role_text"),
            ),
            error_frame(
                frame,
                given & pl.col("_role_out").is_null(),
                "role",
                "roster.role_unknown",
                json_params(value=pl.col("_role_text"), roles=pl.lit(role_list)),
                value=pl.col("_role_text"),
            ),
            error_frame(
                frame,
                (pl.col("role") != "") & ~pl.col("role").is_in(roles) if roles else pl.lit(False),
                "role",
                "roster.role_not_in_agreement",
                json_params(
                    role=pl.col("role"), roles=pl.lit(role_list), number=pl.lit(agreement.number)
                ),
                value=pl.col("_role_text"),
            ),
            error_frame(
                frame,
                ~blank(pl.col("tps")) & ~pl.col("tps").str.contains(r"\d"),
                "tps",
                "roster.tps_invalid",
                json_params(value=pl.col("tps")),
            ),
        ]
        for column, given_expr, parsed in (
            ("duty_start", start_given, "_start_row"),
            ("duty_end", end_given, "_end_row"),
        ):
            errors.append(
                error_frame(
                    frame,
                    given_expr & pl.col(parsed).is_null(),
                    column,
                    "date.invalid",
                    json_params(value=pl.col(column)),
                )
            )
        dates = json_params(
            start=pl.col("start_date").dt.to_string(ISO),
            end=pl.col("end_date").dt.to_string(ISO),
            valid_from=pl.lit(agreement.valid_from.isoformat()),
            valid_to=pl.lit(agreement.valid_to.isoformat()),
            number=pl.lit(agreement.number),
        )
        reversed_ = pl.col("end_date") < pl.col("start_date")
        errors += [
            error_frame(frame, reversed_, "duty_end", "dates.reversed", value=pl.col("duty_end")),
            error_frame(
                frame,
                ~reversed_
                & (
                    (pl.col("start_date") < pl.lit(agreement.valid_from))
                    | (pl.col("end_date") > pl.lit(agreement.valid_to))
                ),
                "duty_start",
                "roster.duty_outside",
                dates,
                value=pl.concat_str(
                    [
                        pl.col("start_date").dt.to_string(DATE),
                        pl.col("end_date").dt.to_string(DATE),
                    ],
                    separator=" – ",
                ),
            ),
        ]
        frame, age_errors = _age_check(frame, agreement)
        return frame, errors + age_errors

    def contribution_total(self, ctx, valid: pl.DataFrame) -> int | None:
        agreement = _agreement(user=ctx.actor, agreement_id=ctx.options["agreement_id"])
        terms = money.Terms.of(agreement)
        groups = (
            valid.filter(pl.col("_spell_new")).group_by("start_date", "end_date").len().iter_rows()
        )
        return sum(money.spell_charge(terms, s, e, None).amount * n for s, e, n in groups)

    def describe_options(self, options: dict) -> list:
        return [
            (_("Nomor PKS"), options.get("agreement_number", "")),
            (_("Masa tugas bila tidak diisi di berkas"), _period(options)),
        ]

    def preview_facts(self, *, batch, user) -> list:
        agreement = _agreement(user=user, agreement_id=batch.options["agreement_id"])
        budget = money.budget(agreement)
        premium = batch.contribution_total or 0
        pending = batch.state != "committed"
        left = budget.remaining - (premium if pending else 0)
        if not budget.ceiling:  # no ceiling: nothing is "left" of it, least of all a negative sum
            return [
                (_("Pagu anggaran PKS"), str(_("pagu belum diisi")), "budget-ceiling"),
                (_("Sudah terpakai"), rupiah(budget.used), "budget-used"),
            ]
        facts = [
            (_("Pagu anggaran PKS"), rupiah(budget.ceiling), "budget-ceiling"),
            (_("Sudah terpakai"), rupiah(budget.used), "budget-used"),
            (
                _("Sisa pagu setelah disimpan") if pending else _("Sisa pagu"),
                rupiah(left),
                "budget-left",
            ),
        ]
        if budget.ceiling and left < 0:
            facts.append((_("Peringatan"), str(_("Premi melebihi pagu PKS.")), "budget-over"))
        return facts

    def back_link(self, batch):
        url = reverse("agreements:detail", args=[batch.options["agreement_id"]])
        return url, _("Kembali ke PKS {number}").format(number=batch.options["agreement_number"])

    def existing(self, niks: pl.Series) -> tuple[pl.DataFrame, pl.DataFrame]:
        return persons_spells_for_niks(niks=niks)

    def rows_write(self, *, actor, batch, rows: pl.DataFrame, now, audit: dict) -> tuple[int, int]:
        done = registry_services.persons_spells_bulk_insert(
            actor=actor,
            rows=rows,
            permission=self.permission,
            region_code=batch.region_code,
            source=f"import:{batch.pk}",
            now=now,
            audit=audit,
        )
        return done.persons_new, done.spells_new

    def write_refused(self, exc: BaseException) -> bool:
        return registry_services.spell_overlap_refused(exc)


def _period(options: dict) -> str:
    lang = (get_language() or "id")[:2]
    return f"{long_date(options['duty_start'], lang)} – {long_date(options['duty_end'], lang)}"


def _age_check(frame: pl.DataFrame, agreement) -> tuple[pl.DataFrame, list]:
    """Age on the first day of duty against the role's minimum on that day."""
    own = {str(k): int(v) for k, v in (agreement.min_age or {}).items()}
    pairs = frame.select("role", "start_date").unique().drop_nulls()
    minimum = []
    for role, start in pairs.iter_rows():
        legal = legal_min_ages(start).get(role)
        values = [v for v in (legal, own.get(role)) if v is not None]
        minimum.append(max(values) if values else None)
    table = pairs.with_columns(_min_age=pl.Series(minimum, dtype=pl.Int64))
    frame = frame.join(table, on=["role", "start_date"], how="left")
    birth, start = pl.col("birth_date"), pl.col("start_date")

    def month_day(day: pl.Expr) -> pl.Expr:  # month() and day() are Int8: widen first
        return day.dt.month().cast(pl.Int32) * 100 + day.dt.day().cast(pl.Int32)

    before_birthday = month_day(start) < month_day(birth)
    age = start.dt.year() - birth.dt.year() - before_birthday.cast(pl.Int32)
    frame = frame.with_columns(_age=age)
    errors = [
        error_frame(
            frame,
            pl.col("_age") < pl.col("_min_age"),
            "birth_date",
            "roster.under_age",
            json_params(
                age=pl.col("_age"),
                minimum=pl.col("_min_age"),
                role=pl.col("role"),
                start=start.dt.to_string(ISO),
            ),
            value=birth.dt.to_string(DATE),
        )
    ]
    return frame, errors
