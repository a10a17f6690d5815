"""Planning reads: when each region reaches its target at the current pace, and what covering
more vulnerable workers as BPU would cost and give.

Both read the monthly facts only (never the registry) and check `coverage.view` in the region
asked for. The forecast's arithmetic lives in `coverage.forecast` (no Django); the simulation's
money comes from `rules.contributions.bpu.contribution_bpu`, the very function billing uses,
month by month at the values in force that month, so a simulation that crosses a dated rate
change shows the change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cakupan.coverage.facts import counts as facts
from cakupan.coverage.facts.selectors import (
    CHILD_CODE_LENGTH,
    coverage_region,
    default_month,
    denominator_for,
    fact_month_missing,
    fact_months_or_404,
    gap_persons,
    in_region,
    percent,
)
from cakupan.coverage.models import CoverageTotal, Denominator, DenominatorBasis, Target
from cakupan.coverage.plan import maths
from cakupan.coverage.plan.wording import (
    forecast_status_label,
    legal_line,
    simulation_assumptions,
)
from cakupan.errors import DomainError, NotFound
from cakupan.regions.models import Region
from cakupan.rules.contributions.bpu import contribution_bpu
from cakupan.rules.errors import RuleError
from cakupan.rules.params import param
from cakupan.rules.wording import month_year

# The payer of every simulated iuran: the regency's budget. PP 50/2025 excludes APBD-paid BPU
# from the transport-worker discount, so the simulation never applies it.
SIMULATION_PAYER = "apbd"
MAX_MONTHS = 60
MAX_PERSONS = 10_000_000
START_YEARS_AHEAD = 5  # parameters are open-ended; further ahead a plan is a guess
BPU_PARAMETERS = ("bpu.income_min", "bpu.income_max", "bpu.jkk_rate", "bpu.jkm_amount")


def _lang() -> str:
    return (get_language() or "id")[:2]


def plan_months(*, user, region_code: str) -> list[dt.date]:
    """The month ends whose facts exist for the region's regency (newest last)."""
    region = coverage_region(user, region_code)
    return fact_months_or_404(regency_code=region.code[:5])


# ---------------------------------------------------------------- forecast


@dataclass
class ForecastRow:
    code: str
    name: str
    rate: Decimal | None
    target_rate: Decimal | None
    slope_per_month: Decimal | None  # percentage points per month
    reach_month: dt.date | None  # first day of the month, projected
    status: str  # "reached" | "on_track" | "not_at_pace" | "no_data"
    level: str = ""
    covered: int = 0  # on the window's last month
    denominator: int | None = None
    denominator_year: int | None = None
    denominator_basis: str = ""
    target_year: int | None = None
    gap_persons: int | None = None
    months_to_reach: int | None = None
    points: int = 0
    synthetic: bool = False
    estimate: bool = False
    reason: str = ""  # why the status is "no_data": one of forecast.REASONS

    @property
    def status_text(self) -> str:
        """The status as the plan page, the PDF and the workbook all word it."""
        return forecast_status_label(self.status, self.reason)


def _latest_by_year(rows, year: int) -> dict[str, object]:
    """Per region, the row of `year` or of its latest earlier year (rows ordered by year)."""
    found: dict[str, object] = {}
    for row in rows:
        if row.year <= year:
            found[row.region_code] = row
    return found


def forecast(
    *, user, region_code: str, month: dt.date | None = None
) -> tuple[list[ForecastRow], str]:
    """The region, then each kecamatan or desa inside it: status against target at the current
    pace, from the last `WINDOW` monthly facts up to `month` (default the latest)."""
    region = coverage_region(user, region_code)
    regency = region.code[:5]
    months = fact_months_or_404(regency_code=regency)
    last = facts.month_end(month) if month else default_month(months)
    if last not in months:
        raise fact_month_missing(regency_code=regency, month=last)
    used = [m for m in months if m <= last][-maths.WINDOW :]
    children = []
    if region.level in CHILD_CODE_LENGTH:
        children = list(Region.objects.filter(parent_id=region.code).order_by("code"))
    areas = [region, *children]
    codes = [a.code for a in areas]
    covered = _covered_by_area(region, used)
    denominators = Denominator.objects.filter(region_code__in=codes, year__lte=last.year)
    denominators = list(denominators.order_by("year"))
    by_year = {y: _latest_by_year(denominators, y) for y in {m.year for m in used}}
    targets = _latest_by_year(
        Target.objects.filter(region_code__in=codes, year__lte=last.year).order_by("year"),
        last.year,
    )
    rows = []
    for area in areas:
        points = []
        for m in used:
            d = by_year[m.year].get(area.code)
            points.append((m, percent(covered.get((area.code, m), 0), d and d.working_population)))
        target = targets.get(area.code)
        target_rate = target.rate if target else None
        d = by_year[last.year].get(area.code)
        result = maths.project(points, target_rate, has_denominator=d is not None)
        now = covered.get((area.code, last), 0)
        rows.append(
            ForecastRow(
                code=area.code,
                name=area.name,
                rate=result.rate,
                target_rate=target_rate,
                slope_per_month=result.slope_per_month,
                reach_month=result.reach_month,
                status=result.status,
                level=area.level,
                covered=now,
                denominator=d.working_population if d else None,
                denominator_year=d.year if d else None,
                denominator_basis=d.basis if d else "",
                target_year=target.year if target else None,
                gap_persons=gap_persons(
                    covered=now, denominator=d and d.working_population, target_rate=target_rate
                ),
                months_to_reach=result.months_to_reach,
                points=result.points_used,
                synthetic=bool(d and d.basis == DenominatorBasis.SYNTHETIC),
                estimate=bool(d and d.basis == DenominatorBasis.ESTIMATE),
                reason=result.reason,
            )
        )
    return rows, _method_text(used)


def _covered_by_area(region: Region, months: list[dt.date]) -> dict[tuple[str, dt.date], int]:
    """Persons covered per (region or child, month) from the per-desa monthly totals."""
    qs = in_region(CoverageTotal.objects.filter(month__in=months), region.code)
    out = {
        (region.code, r["month"]): r["n"]
        for r in qs.values("month").annotate(n=Sum("persons")).order_by()
    }
    length = CHILD_CODE_LENGTH.get(region.level)
    if length:
        rows = (
            qs.annotate(child=Substr("region_code", 1, length))
            .values("child", "month")
            .annotate(n=Sum("persons"))
            .order_by()
        )
        out.update({(r["child"], r["month"]): r["n"] for r in rows})
    return out


def _method_text(used: list[dt.date]) -> str:
    lang = _lang()
    return _(
        "Laju = kemiringan garis kuadrat terkecil dari cakupan (%) terhadap bulan, atas "
        "{n} titik bulanan terakhir yang punya penyebut ({first} – {last}; paling banyak "
        "{window}, paling sedikit {minimum}). Bulan tercapainya target dihitung dari cakupan "
        "terakhir ditambah laju itu setiap bulan, dengan penyebut tetap. Target: target tahun "
        "bulan terakhir, atau tahun terbaru sebelumnya. Tidak tercapai dengan laju sekarang: laju "
        "nol atau menurun, atau target baru tercapai setelah {years} tahun. Tanpa proyeksi bila "
        "wilayah tanpa penyebut, tanpa target, atau kurang dari {minimum} bulan berdata."
    ).format(
        n=len(used),
        first=month_year(used[0], lang) if used else "–",
        last=month_year(used[-1], lang) if used else "–",
        window=maths.WINDOW,
        minimum=maths.MIN_POINTS,
        years=maths.HORIZON_MONTHS // 12,
    )


# ---------------------------------------------------------------- simulation


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
