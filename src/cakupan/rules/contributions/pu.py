"""Penerima Upah (wage earners): monthly contributions for one worker.

The employer pays JKK (by risk class) and JKM; JHT and JP are split between employer and
worker, JP on the wage up to the JP cap. From 2 Feb 2021 the government pays its JKP share on
the wage up to Rp5 jt; the JKP parts recomposed from JKK/JKM are shown as informational lines
because they are already inside the employer's JKK/JKM (rules.md §2.1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from cakupan.rules.calculation import Builder, Calculation
from cakupan.rules.contributions.lines import Line, apply, keep, split
from cakupan.rules.errors import InvalidInputError, NotInForceError
from cakupan.rules.money import Rounding, require_amount
from cakupan.rules.params import param

PU_PROGRAMS = ("JKK", "JKM", "JHT", "JP", "JKP")
RISK_CLASSES = (1, 2, 3, 4, 5)


def require_risk_class(value: object) -> int:
    if isinstance(value, bool) or value not in RISK_CLASSES:
        raise InvalidInputError("pu.risk_class", value=value)
    return int(value)  # type: ignore[arg-type]


def _programs(date: dt.date, programs: Iterable[str] | None) -> set[str]:
    jkp_from = param("jkp.government_rate").history[0].effective_from
    if programs is None:
        chosen = set(PU_PROGRAMS)
        if date < jkp_from:
            chosen.discard("JKP")  # JKP did not exist yet: by default, simply not charged
        return chosen
    chosen = {p.upper() for p in programs}
    unknown = chosen - set(PU_PROGRAMS)
    if unknown:
        raise InvalidInputError(
            "input.choice", field="programs", choices=", ".join(PU_PROGRAMS), value=unknown.pop()
        )
    if "JKP" in chosen and date < jkp_from:
        raise NotInForceError(
            "pu.program_not_in_force", program="JKP", date=date.isoformat(), first=str(jkp_from)
        )
    return chosen


def pu_lines(
    b: Builder,
    *,
    date: dt.date,
    risk_class: int,
    padat_karya: bool = False,
    programs: Iterable[str] | None = None,
) -> list[Line]:
    """The rate lines in force on `date`, every parameter used recorded in `b`'s trace."""
    chosen = _programs(date, programs)
    lines: list[Line] = []
    cut = b.use("relief.covid_jkk_jkm_cut", date)
    if "JKK" in chosen:
        rate = b.use("pu.jkk_rate", date)
        percent = rate.value[risk_class]
        pk = b.use("relief.padat_karya_jkk_discount", date) if padat_karya else None
        payable = keep(percent, cut.value, pk.value if pk else 0)
        relief = pk.reference if pk and pk.value else cut.reference
        lines += split(
            "JKK",
            "jkk",
            "employer",
            str(rate.reference),
            percent,
            payable,
            withheld_name="jkk_discount",
            withheld_reference=str(relief),
        )
    if "JKM" in chosen:
        rate = b.use("pu.jkm_rate", date)
        lines += split(
            "JKM",
            "jkm",
            "employer",
            str(rate.reference),
            rate.value,
            keep(rate.value, cut.value),
            withheld_name="jkm_discount",
            withheld_reference=str(cut.reference),
        )
    if "JHT" in chosen:
        for payer in ("employer", "worker"):
            rate = b.use(f"pu.jht_{payer}_rate", date)
            lines.append(Line("JHT", f"jht_{payer}", payer, str(rate.reference), rate.value))
    if "JP" in chosen:
        cap = b.use("pu.jp_wage_cap", date)
        deferral = b.use("relief.covid_jp_deferral", date)
        for payer in ("employer", "worker"):
            rate = b.use(f"pu.jp_{payer}_rate", date)
            lines += split(
                "JP",
                f"jp_{payer}",
                payer,
                str(rate.reference),
                rate.value,
                keep(rate.value, deferral.value),
                cap=cap.value,
                withheld_name=f"jp_deferred_{payer}",
                withheld_reference=str(deferral.reference),
            )
    if "JKP" in chosen:
        cap = b.use("jkp.wage_cap", date).value
        gov = b.use("jkp.government_rate", date)
        lines.append(
            Line("JKP", "jkp_government", "government", str(gov.reference), gov.value, cap=cap)
        )
        for source in ("jkk", "jkm"):
            if source.upper() not in chosen:
                continue
            part = b.use(f"jkp.recomposed_from_{source}", date)
            if part.value:
                lines.append(
                    Line(
                        "JKP",
                        f"jkp_from_{source}",
                        "employer",
                        str(part.reference),
                        part.value,
                        cap=cap,
                        informational=True,
                    )
                )
    return lines


def contribution_pu(
    *,
    date: dt.date,
    wage: int,
    risk_class: int,
    padat_karya: bool = False,
    programs: Iterable[str] | None = None,
    rounding: Rounding | str = Rounding.COMPONENT_HALF_UP,
) -> Calculation:
    """One month's contributions for a wage earner, for the iuran month containing `date`.

    `programs` defaults to all PU programs in force (JKP only from 2 Feb 2021); a Pemda non-ASN
    worker enrolled in JKK+JKM only passes `programs={"JKK", "JKM"}`. `padat_karya` says the
    employer qualifies for PP 7/2025 / PP 36/2025; checking eligibility is the caller's job.
    """
    wage = require_amount("wage", wage)
    risk_class = require_risk_class(risk_class)
    b = Builder(rounding)
    lines = pu_lines(
        b, date=date, risk_class=risk_class, padat_karya=padat_karya, programs=programs
    )
    apply(b, lines, wage)
    return b.build()
