"""Bukan Penerima Upah (informal workers): contributions on declared monthly income.

JKK is 1 % of declared income, JKM a fixed Rp6,800, JHT an optional 2 %. Declared income
outside [minimum, maximum] is refused rather than clamped: the participant (or the Pemda that
pays for them) declares it, so a wrong figure is an input error to fix, not a rule to bend.

A duty period of `days` days starting on `date` is charged per iuran (calendar) month it
touches, each month at the values in force on its first covered day. `charging` is an
agreement-level setting (rules.md is silent, [U]):
- `month_started` (default): every calendar month started is charged in full;
- `pro_rata_days`: each month is charged covered days / days in that month.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal
from enum import StrEnum

from cakupan.rules.calculation import Builder, Calculation
from cakupan.rules.contributions.lines import Line, apply, keep, split
from cakupan.rules.errors import InvalidInputError
from cakupan.rules.money import Rounding, require_amount, require_count
from cakupan.rules.wording import Words, month_year

BPU_PAYERS = ("participant", "apbd", "apbdes", "apbn", "sponsor")
# How each charging rule reads in a note: value -> (id, en).
CHARGING_LABELS = {
    "month_started": (
        "setiap bulan kalender yang dimulai dihitung penuh",
        "every calendar month started is charged in full",
    ),
    "pro_rata_days": (
        "setiap bulan dihitung menurut jumlah hari tugas",
        "each month is charged by the days covered",
    ),
}


class Charging(StrEnum):
    MONTH_STARTED = "month_started"
    PRO_RATA_DAYS = "pro_rata_days"


def _choice(field: str, value: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise InvalidInputError(
            "input.choice", field=field, choices=", ".join(choices), value=value
        )
    return value


def bpu_lines(
    b: Builder,
    *,
    date: dt.date,
    income: int,
    with_jht: bool = False,
    transport_worker: bool = False,
    payer: str = "participant",
) -> list[Line]:
    """The lines in force on `date`; refuses income outside the declared-income range."""
    low = b.use("bpu.income_min", date)
    high = b.use("bpu.income_max", date)
    if income < low.value:
        raise InvalidInputError("bpu.income_below_minimum", income=income, minimum=low.value)
    if income > high.value:
        raise InvalidInputError("bpu.income_above_maximum", income=income, maximum=high.value)
    cut = b.use("relief.covid_jkk_jkm_cut", date)
    transport = {"jkk": 0, "jkm": 0}
    transport_ref = None
    if transport_worker:
        found = b.use("relief.bpu_transport_discount", date)
        if any(found.value.values()):
            excluded = b.use("relief.bpu_transport_excluded_payers", date).value
            if payer not in excluded:
                transport, transport_ref = found.value, found.reference
            else:
                b.notes.append(
                    Words(
                        f"PP 50/2025: iuran yang dibayar dari {payer.upper()} tidak mendapat "
                        "diskon pekerja transportasi.",
                        f"PP 50/2025: iuran paid from the {payer.upper()} gets no "
                        "transport-worker discount.",
                    )
                )
    jkk = b.use("bpu.jkk_rate", date)
    jkm = b.use("bpu.jkm_amount", date)
    lines = split(
        "JKK",
        "jkk",
        payer,
        str(jkk.reference),
        jkk.value,
        keep(jkk.value, cut.value, transport["jkk"]),
        withheld_name="jkk_discount",
        withheld_reference=str(transport_ref or cut.reference),
    )
    lines += split(
        "JKM",
        "jkm",
        payer,
        str(jkm.reference),
        Decimal(jkm.value),
        keep(jkm.value, cut.value, transport["jkm"]),
        fixed=True,
        withheld_name="jkm_discount",
        withheld_reference=str(transport_ref or cut.reference),
    )
    if with_jht:
        jht = b.use("bpu.jht_rate", date)
        lines.append(Line("JHT", "jht", payer, str(jht.reference), jht.value))
    return lines


def iuran_months(start: dt.date, days: int) -> list[tuple[dt.date, int, int]]:
    """(first covered day, covered days, days in month) for each calendar month touched."""
    end = start + dt.timedelta(days=days - 1)
    out = []
    day = start
    while day <= end:
        month_days = calendar.monthrange(day.year, day.month)[1]
        last = min(end, day.replace(day=month_days))
        out.append((day, (last - day).days + 1, month_days))
        day = last + dt.timedelta(days=1)
    return out


def contribution_bpu(
    *,
    date: dt.date,
    income: int,
    with_jht: bool = False,
    days: int | None = None,
    charging: Charging | str = Charging.MONTH_STARTED,
    transport_worker: bool = False,
    payer: str = "participant",
    rounding: Rounding | str = Rounding.COMPONENT_HALF_UP,
) -> Calculation:
    """One month's contributions (or a `days`-long duty period starting on `date`).

    `payer` matters for PP 50/2025: iuran paid from APBN/APBD gets no transport discount.
    """
    income = require_amount("income", income)
    payer = _choice("payer", payer, BPU_PAYERS)
    charging = Charging(_choice("charging", str(charging), tuple(c.value for c in Charging)))
    b = Builder(rounding)
    months = [(date, 1, 1)] if days is None else iuran_months(date, _days(days))
    for first_day, covered, month_days in months:
        lines = bpu_lines(
            b,
            date=first_day,
            income=income,
            with_jht=with_jht,
            transport_worker=transport_worker,
            payer=payer,
        )
        share, detail = Decimal(1), None
        if days is not None:
            detail = Words(
                f"{month_year(first_day, 'id')}: {covered} dari {month_days} hari",
                f"{month_year(first_day, 'en')}: {covered} of {month_days} days",
            )
        if charging is Charging.PRO_RATA_DAYS:
            share = Decimal(covered) / Decimal(month_days)
        apply(b, lines, income, share, detail)
    if days is not None:
        how_id, how_en = CHARGING_LABELS[charging.value]
        count = len(months)
        b.notes.append(
            Words(
                f"Masa tugas {days} hari menyentuh {count} bulan iuran; {how_id}.",
                f"The {days}-day duty period touches {count} iuran "
                f"month{'s' if count != 1 else ''}; {how_en}.",
            )
        )
    return b.build()


def _days(days: int) -> int:
    days = require_count("days", days, limit=366 * 10)
    if days == 0:
        raise InvalidInputError("input.not_positive", field="days", value=days)
    return days
