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
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import Substr
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cakupan.coverage.facts import counts as facts
from cakupan.coverage.facts.selectors import (
    CHILD_CODE_LENGTH,
    coverage_region,
    default_month,
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
)
from cakupan.regions.models import Region
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
