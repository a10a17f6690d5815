"""The rakor report: what a regency brings to a coordination meeting, for a region and date.

Collects, through the apps' own selectors only, the headline coverage against target with its
denominator, the map and trend, the breakdowns with their definitions, the gap per kecamatan
or desa, the agreements (PKS) of the past year in the region, claims, a budget simulation and
the forecast. Each read checks the reader's permission inside the region: a section the user
may not see (no `agreements.view` or `claims.view` over the whole region) is left out with a
note, not shown half-filled, because a leadership document with partial totals misleads.

Figures are those of the last month end with computed facts on or before the report date
(the dashboard's facts): the headline, map, gap and breakdowns then agree with each other and
with the dashboard for that month. The report says which month that is.

Without a date, the report is dated the last month end with facts on or before today
(`default_report_date`), on the web form and the CLI alike; a date after today is refused, since
a leadership document dated in the future misstates when its figures were true.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cakupan.accounts.scope import (
    require_permission,
)
from cakupan.coverage.facts import dashboard, selectors
from cakupan.coverage.report import svg as report_svg
from cakupan.coverage.report.contents import (
    TREND_CHART_MONTHS,
    RakorReport,
    SimulationRequest,
    TrendRow,
)
from cakupan.coverage.report.sections import (
    _add_agreements,
    _add_claims,
    _add_forecast,
    _add_simulation,
    _may,
)
from cakupan.errors import DomainError, NotFound
from cakupan.regions.selectors import (
    BOUNDARY_PROVINCES,
    region_boundary_geojson,
    region_display_name,
    region_get,
)


def default_report_date(*, user, region_code: str, today: dt.date | None = None) -> dt.date:
    """The date a report gets when none is asked for: the last month end with computed facts
    on or before today for the region's regency (its figures are then exactly that month's),
    or today when there is none, the region is unknown or not the user's (the report itself
    then says why). The web form's default and the CLI's are both this."""
    today = today or timezone.localdate()
    code = (region_code or "").strip()
    try:
        region = region_get(code=code)
    except DomainError:
        return today
    if not _may(user, "coverage.view", region.code):
        return today
    months = [m for m in selectors.fact_months(regency_code=region.code[:5]) if m <= today]
    return months[-1] if months else today


def _refuse_future(on: dt.date) -> None:
    today = timezone.localdate()
    if on > today:
        raise DomainError(
            "coverage_report_future_date",
            "Tanggal laporan {date} belum lewat; pilih tanggal hari ini ({today}) atau sebelumnya.",
            "The report date {date} is in the future; choose today ({today}) or earlier.",
            date=on,
            today=today,
        )


def _figures_month(region_code: str, on: dt.date) -> dt.date:
    months = [m for m in selectors.fact_months(regency_code=region_code[:5]) if m <= on]
    if not months:
        raise NotFound(
            "coverage_report_no_facts",
            "Belum ada fakta cakupan {code} pada atau sebelum {date}.",
            "There are no coverage facts for {code} on or before {date}.",
            code=region_code,
            date=on,
        )
    return months[-1]


def rakor_report(
    *,
    user,
    region_code: str,
    on: dt.date | None = None,
    simulation: SimulationRequest | None = None,
    lang: str = "id",
) -> RakorReport:
    """Everything the report shows for `region_code` as of `on` (default:
    `default_report_date`), inside `user`'s scope.

    Raises PermissionDenied without `coverage.view` in the region, NotFound for an unknown
    region or when no month has facts on or before `on`, DomainError for a date after today.
    Every text (labels, definitions, notes) is made in `lang`, whatever language the caller
    runs in.
    """
    with translation.override(lang):
        return _build(user, region_code, on, simulation, lang)


def _build(user, region_code: str, on: dt.date | None, simulation, lang: str) -> RakorReport:
    region = region_get(code=(region_code or "").strip())
    # Checked before anything is read, so "which months have facts" never answers for a
    # region the user may not see (the dashboard selector checks again).
    require_permission(user=user, permission="coverage.view", region_code=region.code)
    if on is None:
        on = default_report_date(user=user, region_code=region.code)
    _refuse_future(on)
    month = _figures_month(region.code, on)
    board = dashboard.coverage_dashboard(user=user, region_code=region.code, month=month)
    ind = board.indicator
    trend = _trend_rows(region.code, [p for p in board.trend if p.month <= month])
    denominators = [ind.denominator] + [a.denominator for a in board.areas]
    report = RakorReport(
        region_code=region.code,
        region_name=region_display_name(region),
        level=region.level,
        date=on,
        month=month,
        lang=lang,
        indicator=ind,
        trend=trend,
        areas=board.areas,
        gap_definition=board.gap_definition,
        map_svg="",
        trend_svg=_trend_svg(trend, lang),
        synthetic=bool(board.synthetic),
        synthetic_parts=board.synthetic,
        estimate=any(d is not None and d.is_estimate for d in denominators),
    )
    report.map_svg = _map_svg(report)
    if not report.map_svg:
        report.notes["map"] = str(_("Batas wilayah untuk peta belum tersedia untuk wilayah ini."))
    _add_agreements(report, user)
    _add_claims(report, user)
    _add_simulation(report, user, simulation or SimulationRequest())
    _add_forecast(report, user)
    return report


def _trend_rows(code: str, points) -> list[TrendRow]:
    years = {p.month.year for p in points}
    denominators = {y: selectors.denominator_for(region_code=code, year=y) for y in years}
    return [
        TrendRow(
            month=p.month,
            covered=p.covered,
            denominator=denominators[p.month.year].value if denominators[p.month.year] else None,
            rate=p.rate,
            target_rate=p.target_rate,
        )
        for p in points
    ]


def _trend_svg(trend: list[TrendRow], lang: str) -> str:
    shown = trend[-TREND_CHART_MONTHS:]
    return report_svg.trend_svg(
        [(t.month, t.rate, t.target_rate) for t in shown],
        rate_label=str(_("Cakupan (%)")),
        target_label=str(_("Target (%)")),
        title=str(_("Tren cakupan bulanan dengan garis target")),
        lang=lang,
    )


def _map_svg(report: RakorReport) -> str:
    if not report.areas or report.region_code.split(".")[0] not in BOUNDARY_PROVINCES:
        return ""
    try:
        geojson = region_boundary_geojson(code=report.region_code)
    except DomainError:
        return ""
    if not geojson.get("features"):
        return ""
    return report_svg.choropleth_svg(
        geojson["features"],
        {a.code: a.rate for a in report.areas},
        names={a.code: a.name for a in report.areas},
        title=str(_("Peta cakupan")) + f" {report.region_name}",
        legend_title=str(_("Cakupan")),
        no_data=str(_("tanpa penyebut")),
        lang=report.lang,
    )
