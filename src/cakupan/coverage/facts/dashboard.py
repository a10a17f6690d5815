"""The dashboard's reads: a region's trend over the months with facts and its areas, each with
its indicator (`coverage.view` in the region, as every coverage read)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import Substr

from cakupan.coverage.facts import counts as facts
from cakupan.coverage.facts import definitions
from cakupan.coverage.facts.selectors import (
    CHILD_CODE_LENGTH,
    DenominatorInfo,
    Indicator,
    coverage_indicator,
    default_month,
    denominator_for,
    fact_months_or_404,
    gap_persons,
    in_region,
    percent,
    region_for_view,
    running_month_as_of,
)
from cakupan.coverage.models import (
    CoverageTotal,
    Denominator,
    DenominatorBasis,
    Target,
)
from cakupan.coverage.synthetic import SyntheticParts
from cakupan.regions.models import Region


@dataclass
class TrendPoint:
    month: dt.date
    covered: int
    rate: Decimal | None
    target_rate: Decimal | None


@dataclass
class AreaFigure:
    code: str
    name: str
    covered: int
    denominator: DenominatorInfo | None
    rate: Decimal | None
    target_rate: Decimal | None
    gap_persons: int | None


@dataclass
class Dashboard:
    indicator: Indicator
    trend: list[TrendPoint]
    areas: list[AreaFigure]
    months: list[dt.date]
    gap_definition: str = ""
    running_as_of: dt.date | None = None  # the running month: the day its figures are from

    @property
    def synthetic(self) -> SyntheticParts:
        """The headline's synthetic parts, and any kecamatan or desa denominator's."""
        areas = SyntheticParts(
            denominator=any(
                a.denominator is not None and a.denominator.basis == DenominatorBasis.SYNTHETIC
                for a in self.areas
            )
        )
        return self.indicator.synthetic | areas


def coverage_dashboard(*, user, region_code: str, month: dt.date | None = None) -> Dashboard:
    """Everything the dashboard shows for a region and month, from the facts only: the
    headline with its breakdowns, the monthly trend with the target line, and each kecamatan
    or desa inside with its rate and gap (for the map)."""
    region = region_for_view(user, region_code)
    months = fact_months_or_404(regency_code=region.code[:5])
    month = facts.month_end(month) if month else default_month(months)
    indicator = coverage_indicator(user=user, region_code=region.code, on=month)
    return Dashboard(
        indicator=indicator,
        trend=_trend(region.code, months),
        areas=_areas(region, month),
        months=months,
        gap_definition=str(definitions.GAP),
        running_as_of=running_month_as_of(regency_code=region.code[:5], month=month),
    )


def _trend(code: str, months: list[dt.date]) -> list[TrendPoint]:
    rows = in_region(CoverageTotal.objects.all(), code).values("month").annotate(n=Sum("persons"))
    by_month = {r["month"]: r["n"] for r in rows.order_by()}
    years = {m.year for m in months}
    denominators = {y: denominator_for(region_code=code, year=y) for y in years}
    targets = {t.year: t.rate for t in Target.objects.filter(region_code=code, year__in=years)}
    out = []
    for m in months:
        covered = by_month.get(m, 0)
        d = denominators[m.year]
        out.append(
            TrendPoint(m, covered, percent(covered, d.value if d else None), targets.get(m.year))
        )
    return out


def _areas(region: Region, month: dt.date) -> list[AreaFigure]:
    length = CHILD_CODE_LENGTH.get(region.level)
    if length is None:
        return []
    children = list(Region.objects.filter(parent_id=region.code).order_by("code"))
    rows = (
        in_region(CoverageTotal.objects.filter(month=month), region.code)
        .annotate(child=Substr("region_code", 1, length))
        .values("child")
        .annotate(n=Sum("persons"))
        .order_by()
    )
    covered = {r["child"]: r["n"] for r in rows}
    codes = [c.code for c in children]
    denominators = {
        d.region_code: d
        for d in Denominator.objects.filter(region_code__in=codes, year__lte=month.year).order_by(
            "year"
        )
    }  # the latest year wins
    targets = {
        t.region_code: t.rate for t in Target.objects.filter(region_code__in=codes, year=month.year)
    }
    out = []
    for child in children:
        n = covered.get(child.code, 0)
        row = denominators.get(child.code)
        info = (
            DenominatorInfo(row.working_population, row.year, row.basis, row.source)
            if row
            else None
        )
        value = info.value if info else None
        target = targets.get(child.code)
        out.append(
            AreaFigure(
                code=child.code,
                name=child.name,
                covered=n,
                denominator=info,
                rate=percent(n, value),
                target_rate=target,
                gap_persons=gap_persons(covered=n, denominator=value, target_rate=target),
            )
        )
    return out
