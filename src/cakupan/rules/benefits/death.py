"""Cash benefits on death (JKM, JKK), total permanent disability (CTT) and STMB.

Every amount is looked up on the event date: the date of death for JKM, the accident date for
JKK. "Upah" is the last reported monthly wage; for BPU it is the declared income.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from cakupan.rules.benefits.scholarship import add_scholarship
from cakupan.rules.calculation import Builder, Calculation
from cakupan.rules.errors import InvalidInputError
from cakupan.rules.formats import rupiah
from cakupan.rules.money import HUNDRED, Rounding, require_amount, require_count
from cakupan.rules.wording import Words, pct


def _start(b: Builder, date: dt.date, membership_months: int, start: dt.date | None) -> int:
    if start is not None and date < start:
        raise InvalidInputError(
            "benefit.death_before_membership", date=date.isoformat(), start=start.isoformat()
        )  # interfaces write the dates out for people (cakupan.calculators.errors)
    return require_count("membership_months", membership_months, limit=1200)


def _periodic(b: Builder, program: str, date: dt.date) -> None:
    prefix = program.lower()
    monthly = b.use(f"{prefix}.periodic_monthly", date)
    months = b.use(f"{prefix}.periodic_months", date)
    b.add(
        program,
        "periodic",
        monthly.value * months.value,
        None,
        monthly.reference,
        detail=Words(
            f"{months.value} bulan x {rupiah(monthly.value)}",
            f"{months.value} months x {rupiah(monthly.value)}",
        ),
    )


def benefit_jkm_death(
    *,
    date: dt.date,
    membership_months: int,
    children: Sequence[str] = (),
    membership_start: dt.date | None = None,
    rounding: Rounding | str = Rounding.COMPONENT_HALF_UP,
) -> Calculation:
    """JKM for a death not caused by work on `date`: no minimum membership for the lump sum."""
    months = _start(Builder(), date, membership_months, membership_start)
    b = Builder(rounding)
    lump = b.use("jkm.lump_sum", date)
    b.add("JKM", "lump_sum", lump.value, None, lump.reference)
    _periodic(b, "JKM", date)
    funeral = b.use("jkm.funeral", date)
    b.add("JKM", "funeral", funeral.value, None, funeral.reference)
    add_scholarship(b, date=date, program="JKM", membership_months=months, children=children)
    return b.build()


def _times_wage(multiple: Decimal, wage: int) -> Words:
    times = multiple.normalize()
    times_id = f"{times:f}".replace(".", ",")
    return Words(
        f"{times_id} x upah {rupiah(wage)}",
        f"{times:f} x wage of {rupiah(wage)}",
    )


def _wage_multiple(b: Builder, date: dt.date, percent_name: str) -> tuple[Decimal, str]:
    base = b.use("jkk.wage_multiple", date).value
    percent = b.use(f"jkk.{percent_name}", date)
    return Decimal(base) * Decimal(percent.value) / HUNDRED, str(percent.reference)


def benefit_jkk_death(
    *,
    date: dt.date,
    wage_or_income: int,
    children: Sequence[str] = (),
    membership_months: int = 0,
    membership_start: dt.date | None = None,
    rounding: Rounding | str = Rounding.COMPONENT_HALF_UP,
) -> Calculation:
    """JKK for a death from a work accident on `date`: 48 x upah, at least the JKM lump sum."""
    wage = require_amount("wage_or_income", wage_or_income, allow_zero=False)
    months = _start(Builder(), date, membership_months, membership_start)
    b = Builder(rounding)
    multiple, reference = _wage_multiple(b, date, "death_percent")
    floor = b.use(
        "jkm.lump_sum",
        date,
        note=Words("Batas bawah santunan kematian JKK", "Minimum of the JKK death lump sum"),
    )
    amount = Decimal(wage) * multiple
    detail = _times_wage(multiple, wage)
    if amount < floor.value:
        amount = Decimal(floor.value)
        detail = Words(
            f"paling sedikit sebesar santunan sekaligus JKM {rupiah(floor.value)}",
            f"at least the JKM lump sum of {rupiah(floor.value)}",
        )
    b.add("JKK", "death_lump_sum", amount, None, reference, detail=detail)
    _periodic(b, "JKK", date)
    funeral = b.use("jkk.funeral", date)
    b.add("JKK", "funeral", funeral.value, None, funeral.reference)
    add_scholarship(b, date=date, program="JKK", membership_months=months, children=children)
    return b.build()


def benefit_jkk_ctt(
    *,
    date: dt.date,
    wage_or_income: int,
    children: Sequence[str] = (),
    rounding: Rounding | str = Rounding.COMPONENT_HALF_UP,
) -> Calculation:
    """JKK total permanent disability: 70 % x 80 x upah, periodic benefit, scholarships.

    [U] the CTT periodic amount: taken as the death one (24 x Rp500,000 under PP 82/2019).
    """
    wage = require_amount("wage_or_income", wage_or_income, allow_zero=False)
    b = Builder(rounding)
    multiple, reference = _wage_multiple(b, date, "ctt_percent")
    b.add(
        "JKK",
        "ctt_lump_sum",
        Decimal(wage) * multiple,
        None,
        reference,
        detail=_times_wage(multiple, wage),
    )
    _periodic(b, "JKK", date)
    add_scholarship(b, date=date, program="JKK", membership_months=0, children=children)
    return b.build()


def benefit_jkk_stmb(
    *,
    date: dt.date,
    wage_or_income: int,
    days: int,
    days_per_month: int = 30,
    rounding: Rounding | str = Rounding.COMPONENT_HALF_UP,
) -> Calculation:
    """STMB for `days` days unable to work after an accident on `date`.

    Stages are counted in months of `days_per_month` days from the accident ([U]: the day
    count BPJS uses was not found; 30 is the default and a setting).
    """
    wage = require_amount("wage_or_income", wage_or_income, allow_zero=False)
    days = require_count("days", days, limit=366 * 20)
    per_month = require_count("days_per_month", days_per_month, limit=31)
    if per_month == 0:
        raise InvalidInputError("input.not_positive", field="days_per_month", value=per_month)
    b = Builder(rounding)
    schedule = b.use("jkk.stmb_schedule", date)
    done = 0
    for stage in schedule.value:
        if done >= days:
            break
        length = days - done if stage["months"] is None else stage["months"] * per_month
        length = min(length, days - done)
        exact = Decimal(wage) * stage["percent"] / HUNDRED * length / per_month
        b.add(
            "JKK",
            "stmb",
            exact,
            None,
            schedule.reference,
            detail=Words(
                f"hari ke-{done + 1} s.d. {done + length}: {pct(stage['percent'], 'id')} upah",
                f"days {done + 1} to {done + length}: {pct(stage['percent'], 'en')} of wage",
            ),
        )
        done += length
    return b.build()
