"""The workers import kind: informal (BPU) workers from a village list, or wage earners (PU)
from an employer's list. Each valid row becomes a person (if the NIK is new) and one spell for
the batch's programs and dates, paid by the batch's payer.

It plugs into the generic imports pipeline through `cakupan.imports.kinds` (registered in
`RegistryConfig.ready`); it reads and writes the registry through its selectors and services."""

import datetime as dt

import polars as pl
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cakupan.errors import DomainError
from cakupan.imports.checks import blank, error_frame, json_params
from cakupan.imports.kinds import PERSON_FIELDS, Field, ImportKind
from cakupan.registry import services as registry_services
from cakupan.registry.models import PROGRAMS, Payer, Segment
from cakupan.registry.selectors import RULES_BPU_PAYER, employer_search, persons_spells_for_niks
from cakupan.rules.formats import long_date
from cakupan.rules.params import param
from cakupan.rules.vectorised import contributions_bpu_frame, contributions_pu_frame

BPU_PROGRAMS = ("JKK", "JKM", "JHT")
DEFAULT_PROGRAMS = {"BPU": ["JKK", "JKM"], "PU": ["JKK", "JKM", "JHT", "JP"]}
_AMOUNT_TEXT = r"^\d{1,3}(?:[.,]\d{3})+$|^\d+$"


def _refuse(code: str, message_id: str, message_en: str, **params) -> DomainError:
    return DomainError(code, message_id, message_en, **params)


def amounts(expr: pl.Expr) -> pl.Expr:
    """'Rp1.500.000', '1,500,000', '1500000', '1500000.0' → 1500000; anything else null."""
    text = expr.str.replace_all(r"(?i)^rp\.?|\s", "").str.replace(r"[.,]0{1,2}$", "")
    return (
        pl.when(text.str.contains(_AMOUNT_TEXT))
        .then(text.str.replace_all(r"[.,]", "").cast(pl.Int64, strict=False))
        .otherwise(None)
    )


class WorkersKind(ImportKind):
    name = "workers"
    label = _("Pekerja (BPU / PU)")
    permission = "registry.register_person"
    fields = (
        *PERSON_FIELDS,
        Field(
            "income",
            _("Penghasilan"),
            (
                "Upah",
                "Gaji",
                "Penghasilan per Bulan",
                "Upah per Bulan",
                "Penghasilan Sebulan",
                "Penghasilan Bulanan",
                "Income",
                "Wage",
            ),
        ),
    )

    def options_clean(self, *, actor, options: dict, area_code: str) -> dict:
        segment = options.get("segment") or Segment.BPU
        if segment not in (Segment.BPU, Segment.PU):
            raise _refuse(
                "segment_invalid", "Segmen harus BPU atau PU.", "Segment must be BPU or PU."
            )
        payer = options.get("payer") or (Payer.EMPLOYER if segment == Segment.PU else Payer.SELF)
        if payer not in Payer.values or (segment == Segment.BPU) == (payer == Payer.EMPLOYER):
            raise _refuse(
                "payer_invalid",
                "Pembayar tidak sesuai segmen.",
                "The payer does not fit the segment.",
            )
        programs = [p.upper() for p in options.get("programs") or DEFAULT_PROGRAMS[segment]]
        allowed = BPU_PROGRAMS if segment == Segment.BPU else PROGRAMS
        if not programs or any(p not in allowed for p in programs):
            raise _refuse(
                "programs_invalid",
                "Program tidak sesuai segmen: {programs}",
                "Programs do not fit the segment: {programs}",
                programs=", ".join(programs),
            )
        try:
            start = dt.date.fromisoformat(str(options.get("start_date")))
            end = options.get("end_date") and dt.date.fromisoformat(str(options["end_date"]))
        except ValueError:
            raise _refuse(
                "dates_invalid",
                "Tanggal mulai/akhir tidak sah.",
                "The start/end date is not valid.",
            ) from None
        if end and end < start:
            raise _refuse(
                "dates_reversed",
                "Tanggal akhir sebelum tanggal mulai.",
                "The end date is before the start date.",
            )
        income_default = options.get("income_default")
        if income_default not in (None, ""):
            income_default = int(income_default)
        cleaned = {
            "segment": segment,
            "payer": payer,
            "programs": sorted(set(programs), key=PROGRAMS.index),
            "start_date": start.isoformat(),
            "end_date": end.isoformat() if end else None,
            "income_default": income_default or None,
            "employer_npp": "",
            "employer_id": None,
            "risk_class": None,
        }
        if segment == Segment.PU:
            npp = str(options.get("employer_npp") or "").strip()
            employer = employer_search(user=actor, query=npp).first() if len(npp) == 8 else None
            if employer is None:
                raise _refuse(
                    "employer_unknown",
                    "Pemberi kerja dengan NPP '{npp}' tidak ditemukan.",
                    "No employer with NPP '{npp}' was found.",
                    npp=npp,
                )
            cleaned.update(
                employer_npp=npp, employer_id=employer.pk, risk_class=employer.risk_class
            )
        return cleaned

    def rows_check(self, ctx, frame: pl.DataFrame) -> tuple[pl.DataFrame, list]:
        opts = ctx.options
        start = dt.date.fromisoformat(opts["start_date"])
        end = dt.date.fromisoformat(opts["end_date"]) if opts.get("end_date") else None
        income_text = pl.col("income")
        if opts.get("income_default"):
            income_text = income_text.fill_null(pl.lit(str(opts["income_default"])))
        frame = frame.with_columns(
            _income_text=income_text,
            wage=amounts(income_text),
            start_date=pl.lit(start),
            end_date=pl.lit(end, dtype=pl.Date),
            segment=pl.lit(opts["segment"]),
            payer=pl.lit(opts["payer"]),
            employer_id=pl.lit(opts.get("employer_id"), dtype=pl.Int64),
            agreement_id=pl.lit(None, dtype=pl.Int64),
            role=pl.lit(""),
            **{p.lower(): pl.lit(p in opts["programs"]) for p in PROGRAMS},
        )
        given = ~blank(pl.col("_income_text"))
        errors = [
            error_frame(frame, ~given, "income", "income.required", value=pl.col("_income_text")),
            error_frame(
                frame,
                given & pl.col("wage").is_null(),
                "income",
                "income.invalid",
                json_params(value=pl.col("_income_text")),
                value=pl.col("_income_text"),
            ),
        ]
        if opts["segment"] == Segment.BPU:
            # The BPU bounds in force on the start date, from the rules' parameters.
            low = param("bpu.income_min").at(start).value
            high = param("bpu.income_max").at(start).value
            errors += [
                error_frame(
                    frame,
                    pl.col("wage") < low,
                    "income",
                    "bpu.income_below_minimum",
                    json_params(income=pl.col("wage"), minimum=pl.lit(low)),
                    value=pl.col("_income_text"),
                ),
                error_frame(
                    frame,
                    pl.col("wage") > high,
                    "income",
                    "bpu.income_above_maximum",
                    json_params(income=pl.col("wage"), maximum=pl.lit(high)),
                    value=pl.col("_income_text"),
                ),
            ]
        return frame, errors

    def contribution_total(self, ctx, valid: pl.DataFrame) -> int | None:
        opts = ctx.options
        start = dt.date.fromisoformat(opts["start_date"])
        if opts["segment"] == Segment.BPU:
            frame = valid.select(
                pl.lit(start).alias("date"),
                pl.col("wage").alias("income"),
                pl.lit("JHT" in opts["programs"]).alias("with_jht"),
                pl.lit(RULES_BPU_PAYER.get(opts["payer"], "sponsor")).alias("payer"),
            )
            return int(contributions_bpu_frame(frame)["total"].sum())
        frame = valid.select(
            pl.lit(start).alias("date"),
            pl.col("wage"),
            pl.lit(opts["risk_class"], dtype=pl.Int64).alias("risk_class"),
        )
        return int(contributions_pu_frame(frame, programs=opts["programs"])["total"].sum())

    def describe_options(self, options: dict) -> list:
        lang = (get_language() or "id")[:2]
        return [
            (_("Segmen"), Segment(options["segment"]).label),
            (_("Pembayar"), Payer(options["payer"]).label),
            (_("Program"), ", ".join(options["programs"])),
            (_("Mulai"), long_date(options["start_date"], lang)),
            (_("Sampai"), long_date(options.get("end_date"), lang) or "—"),
            *(
                [(_("NPP pemberi kerja"), options["employer_npp"])]
                if options.get("employer_npp")
                else []
            ),
        ]

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
