"""Reads for the public (anonymous) coverage dashboard: aggregates of public regencies only,
with small counts suppressed.

Which regencies are public is an explicit choice, `settings.CAKUPAN_PUBLIC_REGENCIES` (none
unless set: a regency's figures go public only when someone decides so). Everything here reads
the monthly facts, denominators, targets and region names — never the registry — so a page
costs a few indexed queries however many workers a regency has, and nothing person-level can
reach it. The suppression rule itself is `cakupan.coverage.suppression` (pure, tested alone);
this module applies it to every number a page or its embedded JSON shows: the headline, the
trend, the kecamatan/desa table and map, and the breakdowns.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum

from cakupan.accounts.scope import region_filter
from cakupan.coverage.facts import counts as facts
from cakupan.coverage.facts.selectors import (
    DIMENSION_LABELS,
    DenominatorInfo,
    default_month,
    denominator_for,
    gap_persons,
    in_region,
    percent,
)
from cakupan.coverage.models import (
    CoverageMarginal,
    CoverageTotal,
    Denominator,
    FactMonth,
    Target,
)
from cakupan.coverage.public.suppression import THRESHOLD, shown_text, suppress, suppress_tree
from cakupan.coverage.synthetic import SyntheticParts, parts_for
from cakupan.regions.models import Level, Region
from cakupan.rules import formats as formatting

CODE = re.compile(r"^\d{2}\.\d{2}(\.\d{2}(\.\d{4})?)?$")
# Breakdowns by dimension and level. Vulnerability flags (disability, poverty) and sector are
# never published: the first is sensitive, the second has many thin cells. A desa shows only the
# two coarse dimensions: by payer or age band most of its cells would be "< 5" anyway, and a
# page of hidden cells tells a reader nothing while giving more totals to difference.
BREAKDOWNS = {
    Level.REGENCY: ("segment", "payer", "sex", "age_band"),
    Level.DISTRICT: ("segment", "payer", "sex", "age_band"),
    Level.VILLAGE: ("segment", "sex"),
}
CHILD_LEVEL = {Level.REGENCY: Level.DISTRICT, Level.DISTRICT: Level.VILLAGE}


class NotPublic(Exception):
    """The region is unknown or outside the public regencies: one answer for both, so the
    public page cannot be used to learn which codes exist or which regencies have data."""


def public_regencies() -> tuple[str, ...]:
    """The regency codes whose aggregates anyone may see (well-formed regency codes only)."""
    codes = getattr(settings, "CAKUPAN_PUBLIC_REGENCIES", ()) or ()
    if isinstance(codes, str):
        codes = codes.split(",")
    return tuple(c.strip() for c in codes if re.fullmatch(r"\d{2}\.\d{2}", c.strip()))


def public_region(*, code: str) -> Region:
    """The region if it lies in a public regency (the regency itself, a kecamatan or a desa)."""
    if not CODE.match(code or "") or code[:5] not in public_regencies():
        raise NotPublic(code)
    region = Region.objects.filter(code=code).first()
    if region is None or region.level == Level.PROVINCE:
        raise NotPublic(code)
    return region


def public_regions(*, codes) -> list[Region]:
    """The public regencies that exist, by code (for the index when several are public)."""
    return list(Region.objects.filter(code__in=codes, level=Level.REGENCY).order_by("code"))


@dataclass
class Count:
    """A published count: `value` is None when hidden; `kind` is "", "primary" or "complement"."""

    value: int | None
    kind: str
    rate: Decimal | None

    @property
    def hidden(self) -> bool:
        return bool(self.kind)

    @property
    def text(self) -> str:
        return shown_text(self.value or 0, self.kind, formatting.number)


def _count(value: int, kind: str, denominator: Count | None) -> Count:
    """A count and its rate; the rate goes with either part hidden (it would give it back)."""
    if kind:
        return Count(None, kind, None)
    if denominator is None or denominator.hidden:
        return Count(value, "", None)
    return Count(value, "", percent(value, denominator.value))


def _denominator_counts(parent: str | None, codes: list[str], years) -> dict[int, dict]:
    """Working population per year of `codes` as published counts. In the demo these are
    counts of registry persons, and a real desa may have only a handful of workers, so a
    figure of 1–4 is hidden too, with complements against the parent's figure."""
    wanted = list(codes) + ([parent] if parent else [])
    rows = list(
        Denominator.objects.filter(region_code__in=wanted, year__lte=max(years))
        .order_by("year")
        .values_list("region_code", "year", "working_population")
    )
    out = {}
    for year in years:
        latest = {code: n for code, y, n in rows if y <= year}  # the latest year wins
        counts = {c: latest[c] for c in codes if c in latest}
        total = latest.get(parent) if parent else None
        kinds = suppress(counts, total=total if total and total >= THRESHOLD else None)
        out[year] = {c: Count(None if kinds[c] else n, kinds[c], None) for c, n in counts.items()}
    return out


@dataclass
class PublicRow:
    key: str
    label: str
    count: Count


@dataclass
class PublicArea:
    code: str
    name: str
    count: Count
    denominator: DenominatorInfo | None
    population: Count | None  # the denominator as published (suppressed)
    target_rate: Decimal | None


@dataclass
class PublicPoint:
    month: dt.date
    count: Count
    target_rate: Decimal | None


@dataclass
class PublicBoard:
    region: Region
    month: dt.date
    months: list[dt.date]
    count: Count
    denominator: DenominatorInfo | None
    population: Count | None
    target_rate: Decimal | None
    target_source: str
    gap_persons: int | None
    trend: list[PublicPoint]
    areas: list[PublicArea]
    breakdowns: dict[str, list[PublicRow]] = field(default_factory=dict)
    withheld: list[str] = field(default_factory=list)  # dimensions not published at this level
    ancestors: list[Region] = field(default_factory=list)
    synthetic: SyntheticParts = field(default_factory=SyntheticParts)
    estimate: bool = False


def public_months(*, regency_code: str) -> list[dt.date]:
    return list(
        FactMonth.objects.filter(regency_code=regency_code)
        .order_by("month")
        .values_list("month", flat=True)
    )


def _tree(regency: str) -> tuple[dict[str, list[str]], dict[str, Region]]:
    """Each region's children inside the regency, parents first, and the regions by code."""
    regions = {
        r.code: r
        for r in Region.objects.filter(region_filter(regency, "code"))
        .exclude(code=regency)
        .only("code", "name", "level", "parent_id", "is_kelurahan")
    }
    children: dict[str, list[str]] = {regency: []}
    for code in sorted(regions, key=lambda c: (len(c), c)):
        children.setdefault(code, [])
        children.setdefault(regions[code].parent_id, []).append(code)
    return children, regions


def _totals_by_month(regency: str, months: list[dt.date]) -> dict[dt.date, dict[str, int]]:
    """Covered persons per month for the regency, each kecamatan and each desa."""
    out: dict[dt.date, dict[str, int]] = {m: defaultdict(int) for m in months}
    rows = CoverageTotal.objects.filter(regency_code=regency, month__in=months).values_list(
        "month", "region_code", "persons"
    )
    for month, code, n in rows:
        totals = out.setdefault(month, defaultdict(int))
        for length in (5, 8, 13):
            if len(code) >= length:
                totals[code[:length]] += n
    return out


def public_board(*, code: str, month: dt.date | None = None) -> PublicBoard:
    """What the public page of a region shows for a month (default: the latest), suppressed.

    Raises NotPublic for a region outside the public regencies and LookupError when the month
    has no facts.
    """
    region = public_region(code=code)
    regency = region.code[:5]
    months = public_months(regency_code=regency)
    if not months:
        raise LookupError(regency)
    month = facts.month_end(month) if month else default_month(months)
    if month not in months:
        raise LookupError(month)
    children, regions = _tree(regency)
    totals = _totals_by_month(regency, months)
    patterns = {m: suppress_tree(totals[m], children) for m in months}
    years = {m.year for m in months}
    denominators = {y: denominator_for(region_code=region.code, year=y) for y in years}
    parent = region.parent_id if region.level != Level.REGENCY else None
    published = _denominator_counts(parent, children.get(parent, [region.code]), years)
    populations = {y: published[y].get(region.code) for y in years}
    targets = {t.year: t for t in Target.objects.filter(region_code=region.code, year__in=years)}
    trend = []
    for m in months:
        count = _count(
            totals[m].get(region.code, 0), patterns[m].get(region.code, ""), populations[m.year]
        )
        trend.append(PublicPoint(m, count, targets[m.year].rate if m.year in targets else None))
    point = next(p for p in trend if p.month == month)
    denominator = denominators[month.year]
    target = targets.get(month.year)
    areas = _areas(region, month, children, regions, totals[month], patterns[month])
    board = PublicBoard(
        region=region,
        month=month,
        months=months,
        count=point.count,
        denominator=denominator,
        population=populations[month.year],
        target_rate=target.rate if target else None,
        target_source=target.source if target else "",
        gap_persons=None
        if point.count.rate is None
        else gap_persons(
            covered=point.count.value,
            denominator=denominator.value if denominator else None,
            target_rate=target.rate if target else None,
        ),
        trend=trend,
        areas=areas,
        ancestors=[regions.get(c) or Region.objects.get(code=c) for c in _ancestor_codes(region)],
    )
    _breakdowns(board, board.population)
    bases = [denominator] + [a.denominator for a in areas]
    board.synthetic = parts_for(
        regency_code=regency,
        denominators=bases,
        target_sources=[target.source] if target else [],
    )
    board.estimate = any(d is not None and d.is_estimate for d in bases)
    return board


def _ancestor_codes(region: Region) -> list[str]:
    parts = region.code.split(".")
    return [".".join(parts[:i]) for i in range(2, len(parts))]


def _areas(region, month, children, regions, totals, pattern) -> list[PublicArea]:
    if region.level not in CHILD_LEVEL:
        return []
    codes = children.get(region.code, [])
    denominators = {
        d.region_code: d
        for d in Denominator.objects.filter(region_code__in=codes, year__lte=month.year).order_by(
            "year"
        )
    }  # the latest year wins
    published = _denominator_counts(region.code, codes, [month.year])[month.year]
    targets = {
        t.region_code: t.rate for t in Target.objects.filter(region_code__in=codes, year=month.year)
    }
    out = []
    for code in codes:
        row = denominators.get(code)
        info = (
            DenominatorInfo(row.working_population, row.year, row.basis, row.source)
            if row
            else None
        )
        population = published.get(code)
        count = _count(totals.get(code, 0), pattern.get(code, ""), population)
        out.append(PublicArea(code, regions[code].name, count, info, population, targets.get(code)))
    return out


def _label(dim: str, value: str) -> str:
    choices = DIMENSION_LABELS[dim][1]
    if choices is None:
        return value
    if value == "":
        return "–"
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _rank(dim: str, value: str) -> tuple[int, str]:
    choices = DIMENSION_LABELS[dim][1]
    order = [c for c in choices.values] if choices else [b for b, _low in facts.AGE_BANDS]
    return (order.index(value) if value in order else len(order), value)


def _breakdowns(board: PublicBoard, denominator: Count | None) -> None:
    wanted = BREAKDOWNS[board.region.level]
    board.withheld = [d for d in BREAKDOWNS[Level.REGENCY] if d not in wanted]
    counts: dict[str, dict[str, int]] = {d: {} for d in wanted}
    rows = (
        in_region(CoverageMarginal.objects.filter(month=board.month), board.region.code)
        .filter(dimension__in=wanted)
        .values("dimension", "value")
        .annotate(n=Sum("persons"))
        .order_by()
    )
    for row in rows:
        counts[row["dimension"]][row["value"]] = row["n"]
    total = board.count
    for dim in wanted:
        cells = counts[dim]
        if not cells:
            board.breakdowns[dim] = []
            continue
        pattern = suppress(
            cells,
            total=None if total.hidden else total.value,
            total_hidden=total.hidden,
        )
        if all(pattern[k] for k, v in cells.items() if v):
            # Nothing but hidden cells: say the breakdown is withheld rather than list "< 5"s.
            board.withheld.append(dim)
            continue
        # A fixed order, never by size: rows sorted by count would place each hidden cell
        # between two shown numbers and so bound it.
        board.breakdowns[dim] = [
            PublicRow(k, _label(dim, k), _count(cells[k], pattern[k], denominator))
            for k in sorted(cells, key=lambda k: _rank(dim, k))
        ]
