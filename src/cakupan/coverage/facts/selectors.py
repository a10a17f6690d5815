"""Reads of coverage: denominators, targets, indicators and dashboard data, from the facts.

Every read checks `coverage.view` inside the region asked for (region scope fails closed) and
reads the pre-aggregated facts: a page never scans the registry. Only an explicit date that is
not a month end is computed from the spells, for one region, on demand.

An indicator is numerator ÷ denominator, as DHIS2 defines it: both parts are returned beside
the rate and its definition, so anyone can redo the division.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cakupan.accounts.scope import (
    permitted_region_codes,
    region_contains,
    region_filter,
    require_permission,
)
from cakupan.coverage.facts import counts as facts
from cakupan.coverage.facts import definitions
from cakupan.coverage.models import (
    CoverageFact,
    CoverageFlagFact,
    CoverageMarginal,
    CoverageTotal,
    Denominator,
    DenominatorBasis,
    FactMonth,
    Target,
)
from cakupan.coverage.synthetic import SyntheticParts, parts_for
from cakupan.errors import DomainError, NotFound
from cakupan.regions.models import Level, Region
from cakupan.regions.selectors import region_get
from cakupan.registry.models import Flag, Payer, Sector, Segment, Sex

BREAKDOWNS = ("segment", "payer", "sex", "age_band", "sector", "flag")
CHILD_CODE_LENGTH = {Level.REGENCY: 8, Level.DISTRICT: 13}
DIMENSION_LABELS = {
    "segment": (gettext_lazy("segmen"), Segment),
    "payer": (gettext_lazy("pembayar"), Payer),
    "sex": (gettext_lazy("jenis kelamin"), Sex),
    "age_band": (gettext_lazy("kelompok umur"), None),
    "sector": (gettext_lazy("sektor (KBLI)"), Sector),
    "flag": (gettext_lazy("penanda kerentanan"), Flag),
}
# Rows of a breakdown with a natural order keep it (age bands young to old, segments and payers
# as the registry defines them), so the dashboard, the report and the API list them alike and
# a reader finds "25-34" where it belongs; the rest (sector, flag) are largest first.
NATURAL_ORDER = {
    "segment": tuple(Segment.values),
    "payer": tuple(Payer.values),
    "sex": tuple(Sex.values),
    "age_band": tuple(band for band, _low in facts.AGE_BANDS),
}


@dataclass
class DenominatorInfo:
    value: int
    year: int
    basis: str
    source: str
    note: str = ""

    @property
    def is_estimate(self) -> bool:
        return self.basis == DenominatorBasis.ESTIMATE


@dataclass
class Figure:
    """One indicator: numerator ÷ denominator, as a percentage (None without a denominator)."""

    key: str
    label: str
    numerator: int
    denominator: int | None
    rate: Decimal | None


@dataclass
class Indicator:
    region_code: str
    region_name: str
    level: str
    date: dt.date
    computed: str  # "monthly" (facts) or "on_demand" (spells)
    covered: int
    denominator: DenominatorInfo | None
    rate: Decimal | None
    target_rate: Decimal | None
    target_source: str
    gap_persons: int | None
    definition: str
    breakdowns: dict[str, list[Figure]] = field(default_factory=dict)
    breakdown_definitions: dict[str, str] = field(default_factory=dict)
    synthetic: SyntheticParts = field(default_factory=SyntheticParts)


def percent(numerator: int, denominator: int | None) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def gap_persons(*, covered: int, denominator: int | None, target_rate) -> int | None:
    """Workers still to cover to reach the target (0 once it is reached)."""
    if not denominator or target_rate is None:
        return None
    needed = math.ceil(Decimal(target_rate) * denominator / 100)
    return max(0, needed - covered)


def region_for_view(user, code: str) -> Region:
    """The region, once the user holds `coverage.view` in it."""
    region = region_get(code=code)
    require_permission(user=user, permission="coverage.view", region_code=region.code)
    return region


def coverage_region(user, code: str) -> Region:
    """`region_for_view`, refusing a province: coverage is read per regency or below."""
    region = region_for_view(user, code)
    if region.level == Level.PROVINCE:
        raise DomainError(
            "coverage_level",
            "Cakupan ditampilkan per kabupaten/kota, kecamatan atau desa.",
            "Coverage is shown per regency, kecamatan or desa.",
        )
    return region


def in_region(qs, code: str):
    """The rows of `qs` for the region `code` or any region inside it."""
    return qs.filter(region_filter(code, "region_code"))


def denominator_for(*, region_code: str, year: int) -> DenominatorInfo | None:
    """The region's working population for `year`, else its latest earlier year (said so)."""
    row = (
        Denominator.objects.filter(region_code=region_code, year__lte=year)
        .order_by("-year")
        .first()
    )
    if row is None:
        return None
    notes = []
    if row.year != year:
        notes.append(str(definitions.OLDER_YEAR).format(year=row.year))
    if row.basis == DenominatorBasis.ESTIMATE:
        notes.append(str(definitions.ESTIMATE).format(share=row.employment_share))
    if row.basis == DenominatorBasis.SYNTHETIC:
        notes.append(str(definitions.SYNTHETIC))
    return DenominatorInfo(
        value=row.working_population,
        year=row.year,
        basis=row.basis,
        source=row.source,
        note=" ".join(notes),
    )


def target_for(*, region_code: str, year: int) -> Target | None:
    return Target.objects.filter(region_code=region_code, year=year).first()


def denominator_list(*, user, region_code: str) -> list[Denominator]:
    region_for_view(user, region_code)
    return list(in_region(Denominator.objects.all(), region_code).order_by("region_code", "year"))


def target_list(*, user, region_code: str) -> list[Target]:
    region_for_view(user, region_code)
    return list(in_region(Target.objects.all(), region_code).order_by("region_code", "year"))


def fact_months(*, regency_code: str) -> list[dt.date]:
    return list(
        FactMonth.objects.filter(regency_code=regency_code)
        .order_by("month")
        .values_list("month", flat=True)
    )


def default_month(months: list[dt.date], today: dt.date | None = None) -> dt.date:
    """The month a page shows when none is asked for: the last month end with facts on or
    before today, so its figures are final and a report may be dated on it. The running month
    (its month end still ahead) stays selectable, labelled as such; it is the default only
    while it is the only month with facts."""
    today = today or timezone.localdate()
    done = [m for m in months if m <= today]
    return done[-1] if done else months[-1]


def running_month_as_of(*, regency_code: str, month: dt.date) -> dt.date | None:
    """For the running month (month end after today), the day its facts were counted; None
    for a finished month."""
    if month <= timezone.localdate():
        return None
    when = (
        FactMonth.objects.filter(regency_code=regency_code, month=month)
        .values_list("refreshed_at", flat=True)
        .first()
    )
    return timezone.localdate(when) if when else timezone.localdate()


def fact_months_or_404(*, regency_code: str) -> list[dt.date]:
    """`fact_months`, or NotFound while the regency's facts have never been computed."""
    months = fact_months(regency_code=regency_code)
    if not months:
        raise NotFound(
            "coverage_facts_missing",
            "Fakta cakupan untuk {code} belum dihitung.",
            "Coverage facts for {code} have not been computed yet.",
            code=regency_code,
        )
    return months


def fact_month_missing(*, regency_code: str, month: dt.date) -> NotFound:
    """The error for a month whose facts have not been computed for the regency."""
    return NotFound(
        "coverage_month_missing",
        "Fakta cakupan bulan {month} untuk {code} belum dihitung.",
        "Coverage facts for {month} in {code} have not been computed yet.",
        month=month.strftime("%m/%Y"),
        code=regency_code,
    )


def _require_fact_month(regency_code: str, month: dt.date) -> None:
    if not FactMonth.objects.filter(regency_code=regency_code, month=month).exists():
        raise fact_month_missing(regency_code=regency_code, month=month)


def _monthly_counts(code: str, month: dt.date) -> dict:
    counts: dict = {dim: {} for dim in facts.DIMENSIONS}
    marginals = in_region(CoverageMarginal.objects.filter(month=month), code)
    for row in marginals.values("dimension", "value").annotate(n=Sum("persons")).order_by():
        counts[row["dimension"]][row["value"]] = row["n"]
    flags = in_region(CoverageFlagFact.objects.filter(month=month), code)
    counts["flag"] = {r["flag"]: r["n"] for r in flags.values("flag").annotate(n=Sum("persons"))}
    total = in_region(CoverageTotal.objects.filter(month=month), code).aggregate(n=Sum("persons"))
    counts["total"] = total["n"] or 0
    return counts


def breakdown_sort_key(dim: str, value: str, count: int) -> tuple:
    """Where a row goes in its breakdown: the dimension's natural order where it has one
    (values it does not know, such as "not filled in", after the known ones), else by count
    descending; ties by value."""
    order = NATURAL_ORDER.get(dim)
    if order is None:
        return (0, -count, value)
    return (order.index(value) if value in order else len(order), -count, value)


def _label(dim: str, value: str) -> str:
    choices = DIMENSION_LABELS[dim][1]
    if choices is None:
        return value
    if value == "":
        return _("Tidak diisi")
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def coverage_indicator(*, user, region_code: str, on: dt.date | None = None) -> Indicator:
    """Coverage of a region (regency, kecamatan or desa) on a date, with breakdowns.

    A month end reads the monthly facts (the month must have been refreshed); any other date
    is computed from the region's spells on demand; no date means the latest refreshed month.
    """
    region = coverage_region(user, region_code)
    regency = region.code[:5]
    if on is None:
        on = default_month(fact_months_or_404(regency_code=regency))
    if on == facts.month_end(on):
        _require_fact_month(regency, on)
        counts, computed = _monthly_counts(region.code, on), "monthly"
    else:
        counts = facts.counts_on_date(regency_code=regency, day=on, region=region.code)
        computed = "on_demand"
    return _indicator(region, on, counts, computed)


def _indicator(region: Region, on: dt.date, counts: dict, computed: str) -> Indicator:
    denominator = denominator_for(region_code=region.code, year=on.year)
    value = denominator.value if denominator else None
    target = target_for(region_code=region.code, year=on.year)
    covered = counts["total"]
    breakdowns = {}
    explained = {}
    for dim in BREAKDOWNS:
        rows = sorted(counts[dim].items(), key=lambda kv: breakdown_sort_key(dim, *kv))
        breakdowns[dim] = [
            Figure(
                key=k, label=_label(dim, k), numerator=n, denominator=value, rate=percent(n, value)
            )
            for k, n in rows
        ]
        text = definitions.FLAG_BREAKDOWN if dim == "flag" else definitions.BREAKDOWN
        explained[dim] = str(text).format(dimension=str(DIMENSION_LABELS[dim][0]))
    how = definitions.MONTHLY if computed == "monthly" else definitions.ON_DEMAND
    return Indicator(
        region_code=region.code,
        region_name=region.name,
        level=region.level,
        date=on,
        computed=computed,
        covered=covered,
        denominator=denominator,
        rate=percent(covered, value),
        target_rate=target.rate if target else None,
        target_source=target.source if target else "",
        gap_persons=gap_persons(
            covered=covered, denominator=value, target_rate=target.rate if target else None
        ),
        definition=f"{definitions.COVERAGE_RATE} {how}",
        breakdowns=breakdowns,
        breakdown_definitions=explained,
        synthetic=parts_for(
            regency_code=region.code,
            denominators=[denominator],
            target_sources=[target.source] if target else [],
        ),
    )


def coverage_regions_in_scope(*, user) -> list[str]:
    """The outermost regions whose coverage the user may see."""
    return permitted_region_codes(user=user, permission="coverage.view")


def region_visible(*, user, code: str) -> bool:
    return any(region_contains(c, code) for c in coverage_regions_in_scope(user=user))


def coverage_facts(*, user, region_code: str, month: dt.date) -> list[dict]:
    """The fact rows of one month inside a region (for the API and exports)."""
    region = region_for_view(user, region_code)
    day = facts.month_end(month)
    _require_fact_month(region.code[:5], day)
    rows = in_region(CoverageFact.objects.filter(month=day), region.code)
    return list(
        rows.order_by("region_code", "segment", "payer", "sex", "age_band", "sector").values(
            "region_code", "month", "segment", "payer", "sex", "age_band", "sector", "persons"
        )
    )


def first_regency_with_facts(*, within: str) -> str | None:
    """For a province-wide user: the first regency inside `within` whose facts exist."""
    qs = FactMonth.objects.order_by("regency_code")
    if within:
        qs = qs.filter(region_filter(within, "regency_code"))
    return qs.values_list("regency_code", flat=True).first()
