"""The budget simulation: what covering N more persons for M months from a start date would cost
the regency (BPU contributions paid from the APBD), and the rate it would reach."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from cakupan.coverage.facts import counts as facts
from cakupan.coverage.facts.selectors import (
    coverage_region,
    default_month,
    denominator_for,
    fact_months_or_404,
    gap_persons,
    in_region,
    percent,
)
from cakupan.coverage.models import CoverageTotal, DenominatorBasis, Target
from cakupan.coverage.plan import maths

# The payer of every simulated iuran: the regency's budget. PP 50/2025 excludes APBD-paid BPU
# from the transport-worker discount, so the simulation never applies it.
from cakupan.coverage.plan.selectors import (
    BPU_PARAMETERS,
    MAX_MONTHS,
    MAX_PERSONS,
    SIMULATION_PAYER,
    START_YEARS_AHEAD,
    _lang,
)
from cakupan.coverage.plan.wording import (
    legal_line,
    simulation_assumptions,
)
from cakupan.errors import DomainError, NotFound
from cakupan.regions.models import Region
from cakupan.rules.contributions.bpu import contribution_bpu
from cakupan.rules.errors import RuleError
from cakupan.rules.params import param


@dataclass
class Simulation:
    region_code: str
    region_name: str
    persons: int
    months: int
    start: dt.date
    income: int
    with_jht: bool
    monthly: list[tuple[dt.date, int, int]]  # (first day of month, per person, all persons)
    total: int
    covered_before: int
    denominator: int | None
    rate_before: Decimal | None
    rate_after: Decimal | None
    target_rate: Decimal | None
    assumptions: list[str]
    legal_basis: list[str]
    synthetic: bool
    persons_asked: int = 0
    covered_month: dt.date | None = None
    denominator_year: int | None = None
    denominator_source: str = ""
    estimate: bool = False
    target_year: int | None = None
    target_source: str = ""
    gap_persons: int | None = None
    income_default: bool = True
    payer: str = SIMULATION_PAYER
    rate_changes: list[dt.date] = field(default_factory=list)  # months whose cost changed
    # The parameters the iuran was computed from (each in `legal_basis`): the "rates after the
    # latest change are assumed unchanged" note looks at these only.
    parameters: list[str] = field(default_factory=list)


def _first_in_force() -> dt.date:
    return max(param(name).history[0].effective_from for name in BPU_PARAMETERS)


def _require_int(name_id: str, name_en: str, value, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise DomainError(
            "plan_input_range",
            "{field_id} harus bilangan bulat {low} sampai {high} (diberikan {value}).",
            "{field_en} must be a whole number from {low} to {high} (got {value}).",
            field_id=name_id,
            field_en=name_en,
            low=low,
            high=high,
            value=value,
        )
    return value


def _check_start(start: dt.date) -> dt.date:
    if not isinstance(start, dt.date):
        raise DomainError(
            "plan_start_date",
            "Tanggal mulai harus tanggal YYYY-MM-DD.",
            "The start date must be a YYYY-MM-DD date.",
        )
    first = _first_in_force()
    latest = timezone.localdate().replace(day=1)
    latest = maths.add_months(latest, 12 * START_YEARS_AHEAD)
    if not first <= start <= latest:
        raise DomainError(
            "plan_start_range",
            "Tanggal mulai {start} di luar rentang parameter iuran BPU ({first} sampai {latest}).",
            "The start date {start} is outside the range of the BPU contribution parameters "
            "({first} to {latest}).",
            start=start,
            first=first,
            latest=latest,
        )
    return start


def _covered_on_or_before(region: Region, day: dt.date) -> tuple[int, dt.date]:
    months = [
        m for m in fact_months_or_404(regency_code=region.code[:5]) if m <= facts.month_end(day)
    ]
    if not months:
        raise NotFound(
            "plan_no_facts_before_start",
            "Belum ada fakta cakupan pada atau sebelum bulan mulai {start}.",
            "There are no coverage facts on or before the start month {start}.",
            start=day,
        )
    # A finished month, like every page's default (the running month's count is provisional),
    # unless the running month is all there is.
    month = default_month(months)
    qs = in_region(CoverageTotal.objects.filter(month=month), region.code)
    return qs.aggregate(n=Sum("persons"))["n"] or 0, month


def simulate(
    *,
    user,
    region_code: str,
    persons: int,
    months: int,
    start: dt.date,
    income: int | None = None,
    with_jht: bool = False,
) -> Simulation:
    """Cost of covering `persons` more workers as BPU (JKK+JKM, optional JHT) paid from the
    APBD for `months` calendar months from `start`, and the coverage rate it would give.

    Each month is charged in full at the values in force on its first covered day (`start`
    for the first month), exactly as `contribution_bpu` charges a BPU month. Persons beyond
    the working population not yet covered are not counted (said in the assumptions).
    """
    region = coverage_region(user, region_code)
    asked = _require_int("Jumlah orang", "Number of persons", persons, 1, MAX_PERSONS)
    months = _require_int("Jumlah bulan", "Number of months", months, 1, MAX_MONTHS)
    start = _check_start(start)
    income_default = income is None
    if income_default:
        income = param("bpu.income_min").at(start).value
    covered, covered_month = _covered_on_or_before(region, start)
    denominator = denominator_for(region_code=region.code, year=start.year)
    value = denominator.value if denominator else None
    target = (
        Target.objects.filter(region_code=region.code, year__lte=start.year)
        .order_by("-year")
        .first()
    )
    target_rate = target.rate if target else None
    not_covered = None if value is None else max(0, value - covered)
    if not_covered == 0:
        raise DomainError(
            "plan_all_covered",
            "Seluruh penduduk bekerja {name} sudah terlindungi menurut fakta {month}.",
            "All of {name}'s working population is already covered per the {month} facts.",
            name=region.name,
            month=covered_month,
        )
    used = asked if not_covered is None else min(asked, not_covered)
    monthly, trace = _monthly_costs(start, months, income, with_jht, used)
    changes = [monthly[i][0] for i in range(1, len(monthly)) if monthly[i][1] != monthly[i - 1][1]]
    lang = _lang()
    sim = Simulation(
        region_code=region.code,
        region_name=region.name,
        persons=used,
        months=months,
        start=start,
        income=income,
        with_jht=with_jht,
        monthly=monthly,
        total=sum(all_persons for _m, _p, all_persons in monthly),
        covered_before=covered,
        denominator=value,
        rate_before=percent(covered, value),
        rate_after=percent(covered + used, value),
        target_rate=target_rate,
        assumptions=[],
        legal_basis=[
            legal_line(t.parameter, t.value, t.effective_from, t.reference, lang) for t in trace
        ],
        synthetic=bool(denominator and denominator.basis == DenominatorBasis.SYNTHETIC),
        persons_asked=asked,
        covered_month=covered_month,
        denominator_year=denominator.year if denominator else None,
        denominator_source=denominator.source if denominator else "",
        estimate=bool(denominator and denominator.is_estimate),
        target_year=target.year if target else None,
        target_source=target.source if target else "",
        gap_persons=gap_persons(covered=covered, denominator=value, target_rate=target_rate),
        income_default=income_default,
        rate_changes=changes,
        parameters=sorted({t.parameter for t in trace}),
    )
    transport = _transport_exclusion(monthly)
    if transport is not None:
        sim.legal_basis.append(
            legal_line(
                transport.name,
                transport.value,
                transport.effective_from,
                str(transport.reference),
                lang,
            )
        )
    sim.assumptions = simulation_assumptions(sim, denominator, transport, lang)
    return sim


def _monthly_costs(start: dt.date, months: int, income: int, with_jht: bool, persons: int):
    """(first day of month, per person, all persons) per month, and the parameters used."""
    monthly, trace, seen = [], [], set()
    for k in range(months):
        first_of_month = maths.add_months(start, k)
        day = start if k == 0 else first_of_month
        try:
            calc = contribution_bpu(
                date=day, income=income, with_jht=with_jht, payer=SIMULATION_PAYER
            )
        except RuleError as exc:
            raise DomainError(exc.code, exc.message("id"), exc.message("en")) from exc
        monthly.append((first_of_month, calc.total, calc.total * persons))
        for item in calc.trace:
            if (item.parameter, item.effective_from) not in seen:
                seen.add((item.parameter, item.effective_from))
                trace.append(item)
    return monthly, trace


def _transport_exclusion(monthly):
    """The PP 50/2025 exclusion of APBD payers, if the discount is in force in any month."""
    discount = param("relief.bpu_transport_discount")
    excluded = param("relief.bpu_transport_excluded_payers")
    for month, _p, _a in monthly:
        if any(discount.at(month).value.values()):
            return excluded.at(month)
    return None
