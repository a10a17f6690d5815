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
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cakupan.accounts.scope import (
    region_contains,
    require_permission,
    user_has_permission,
)
from cakupan.claims.selectors import claims_summary
from cakupan.coverage.facts import selectors
from cakupan.coverage.models import DenominatorBasis
from cakupan.coverage.report import svg as report_svg
from cakupan.coverage.synthetic import SyntheticParts
from cakupan.errors import DomainError, NotFound
from cakupan.regions.selectors import (
    BOUNDARY_PROVINCES,
    region_boundary_geojson,
    region_display_name,
    region_get,
    region_labels,
)
from cakupan.rules.errors import RuleError

SYNTHETIC = DenominatorBasis.SYNTHETIC
TREND_CHART_MONTHS = 36
AGREEMENT_WINDOW_DAYS = 365
DEFAULT_SIMULATION_MONTHS = 12

SECTION_TITLES = {
    "figures": gettext_lazy("Angka utama"),
    "map": gettext_lazy("Peta cakupan"),
    "trend": gettext_lazy("Tren bulanan"),
    "breakdowns": gettext_lazy("Rincian"),
    "gap": gettext_lazy("Kesenjangan per wilayah"),
    "agreements": gettext_lazy("Perjanjian kerja sama (PKS)"),
    "claims": gettext_lazy("Klaim"),
    "simulation": gettext_lazy("Simulasi anggaran"),
    "forecast": gettext_lazy("Proyeksi pencapaian target"),
}
DIMENSION_TITLES = {
    "segment": gettext_lazy("Menurut segmen"),
    "payer": gettext_lazy("Menurut pembayar"),
    "sex": gettext_lazy("Menurut jenis kelamin"),
    "age_band": gettext_lazy("Menurut kelompok umur"),
    "sector": gettext_lazy("Menurut sektor (KBLI)"),
    "flag": gettext_lazy("Menurut penanda kerentanan"),
}


@dataclass
class SimulationRequest:
    """What the reader asked the budget simulation to cover (all optional)."""

    persons: int | None = None
    months: int | None = None
    start: dt.date | None = None
    income: int | None = None
    with_jht: bool = False


@dataclass
class TrendRow:
    month: dt.date
    covered: int
    denominator: int | None
    rate: Decimal | None
    target_rate: Decimal | None


@dataclass
class AgreementRow:
    number: str
    title: str
    region_code: str
    region_name: str
    valid_from: dt.date
    valid_to: dt.date
    in_force: bool
    officers: int
    ceiling: int
    premium_total: int
    invoiced_to_date: int
    claims: int | None  # None when the reader may not see claims of the whole region
    decided_amount: int | None
    paid_amount: int | None
    synthetic: bool
    problems: list[str] = field(default_factory=list)


@dataclass
class ClaimsRow:
    group: str  # "program", "region" or "agreement"
    key: str
    label: str
    claims: int
    refused: int
    rejected: int
    paid_claims: int
    decided_amount: int
    paid_amount: int


@dataclass
class RakorReport:
    region_code: str
    region_name: str
    level: str
    date: dt.date  # the date asked for
    month: dt.date  # the month end the figures are from
    lang: str
    indicator: selectors.Indicator
    trend: list[TrendRow]
    areas: list[selectors.AreaFigure]
    gap_definition: str
    map_svg: str
    trend_svg: str
    synthetic: bool
    estimate: bool
    agreements: list[AgreementRow] | None = None
    claims: list[ClaimsRow] | None = None
    claims_period: tuple[dt.date, dt.date] | None = None
    simulation: object | None = None  # plan_selectors.Simulation
    forecast: list | None = None  # plan_selectors.ForecastRow
    forecast_definition: str = ""
    notes: dict[str, str] = field(default_factory=dict)  # section -> why it is empty/omitted
    # Which of the coverage figures are synthetic (registry, denominator, target); `synthetic`
    # is also set by demo agreements or a simulation on a synthetic denominator.
    synthetic_parts: SyntheticParts = field(default_factory=SyntheticParts)
    reference: str = ""  # set by the export: the audit row's reference printed on the file

    @property
    def gap_rows(self) -> list[selectors.AreaFigure]:
        """Areas with the largest gap first: where the next enrolments count most."""
        return sorted(self.areas, key=lambda a: (-(a.gap_persons or 0), a.code))

    @property
    def area_level_title(self) -> str:
        return str(_("Per kecamatan") if self.level == "regency" else _("Per desa/kelurahan"))

    @property
    def breakdowns(self) -> list[tuple[str, str, list[selectors.Figure], str]]:
        """(dimension, title, rows, definition) in the dashboard's order."""
        ind = self.indicator
        return [
            (dim, str(DIMENSION_TITLES[dim]), ind.breakdowns.get(dim, []),
             ind.breakdown_definitions.get(dim, ""))
            for dim in selectors.BREAKDOWNS
        ]  # fmt: skip


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
    board = selectors.coverage_dashboard(user=user, region_code=region.code, month=month)
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


def _may(user, permission: str, code: str) -> bool:
    return user_has_permission(user=user, permission=permission, region_code=code)


def _overlaps(a: str, b: str) -> bool:
    return region_contains(a, b) or region_contains(b, a)


def _add_agreements(report: RakorReport, user) -> None:
    if not _may(user, "agreements.view", report.region_code):
        report.notes["agreements"] = str(
            _("Bagian ini tidak ditampilkan: Anda tidak berwenang melihat PKS di wilayah ini.")
        )
        return
    from cakupan.agreements.selectors import agreement_invoice, agreement_list

    window_start = report.date - dt.timedelta(days=AGREEMENT_WINDOW_DAYS)
    found = [
        (a, budget)
        for a, budget in agreement_list(user=user)
        if _overlaps(report.region_code, a.region_code)
        and a.valid_from <= report.date
        and a.valid_to >= window_start
    ]
    claims: dict | None = None  # None: unknown to this reader, shown as "–", never as 0
    if found and _may(user, "claims.view", report.region_code):
        rows = claims_summary(
            user=user, end=report.date, by="agreement", region_code=report.region_code
        )
        claims = {r["key"]: r for r in rows}
    names = region_labels(codes={a.region_code for a, _b in found})
    out = []
    for agreement, budget in sorted(found, key=lambda ab: (ab[0].valid_from, ab[0].number)):
        end = min(agreement.valid_to, report.date)
        invoice = agreement_invoice(
            user=user, agreement_id=agreement.pk, start=agreement.valid_from, end=end
        )
        c = claims.get(agreement.number, {}) if claims is not None else None
        out.append(
            AgreementRow(
                number=agreement.number,
                title=agreement.title,
                region_code=agreement.region_code,
                region_name=names.get(agreement.region_code, agreement.region_code),
                valid_from=agreement.valid_from,
                valid_to=agreement.valid_to,
                in_force=agreement.valid_from <= report.date <= agreement.valid_to,
                officers=budget.officers,
                ceiling=budget.ceiling,
                premium_total=budget.used,
                invoiced_to_date=invoice.total,
                claims=c.get("claims", 0) if c is not None else None,
                decided_amount=c.get("decided_amount", 0) if c is not None else None,
                paid_amount=c.get("paid_amount", 0) if c is not None else None,
                synthetic=bool(agreement.synthetic),
                problems=list(budget.problems),
            )
        )
    report.agreements = out
    report.synthetic = report.synthetic or any(a.synthetic for a in out)
    if not out:
        report.notes["agreements"] = str(
            _("Tidak ada PKS yang berlaku di wilayah ini dalam 12 bulan sampai tanggal laporan.")
        )


def _add_claims(report: RakorReport, user) -> None:
    if not _may(user, "claims.view", report.region_code):
        report.notes["claims"] = str(
            _("Bagian ini tidak ditampilkan: Anda tidak berwenang melihat klaim di wilayah ini.")
        )
        return
    start = dt.date(report.date.year, 1, 1)
    report.claims_period = (start, report.date)
    out: list[ClaimsRow] = []
    region_names: dict[str, str] = {}
    for group in ("program", "region", "agreement"):
        rows = claims_summary(
            user=user, start=start, end=report.date, by=group, region_code=report.region_code
        )
        if group == "region":
            region_names = region_labels(codes={r["key"] for r in rows})
        for r in rows:
            label = region_names.get(r["key"], r["key"]) if group == "region" else r["key"]
            if group == "agreement" and r["key"] == "-":
                label = str(_("Tanpa PKS"))
            out.append(
                ClaimsRow(
                    group=group,
                    key=r["key"],
                    label=label,
                    claims=r["claims"],
                    refused=r["refused"],
                    rejected=r["rejected"],
                    paid_claims=r["paid_claims"],
                    decided_amount=r["decided_amount"],
                    paid_amount=r["paid_amount"],
                )
            )
    report.claims = out
    if not out:
        report.notes["claims"] = str(_("Tidak ada klaim dengan tanggal kejadian pada periode ini."))


def first_of_next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _add_simulation(report: RakorReport, user, asked: SimulationRequest) -> None:
    persons = asked.persons
    if persons is None:
        persons = report.indicator.gap_persons
    if not persons:
        if report.indicator.denominator is None:
            why = _("Simulasi tidak dibuat: wilayah ini belum punya penyebut (penduduk bekerja).")
        elif report.indicator.gap_persons is None:
            why = _("Simulasi tidak dibuat: wilayah ini belum punya target tahun ini.")
        else:
            why = _("Simulasi tidak dibuat: target sudah tercapai, tidak ada kesenjangan.")
        report.notes["simulation"] = str(why)
        return
    try:
        from cakupan.coverage.plan.selectors import simulate
    except ImportError:
        report.notes["simulation"] = str(_("Simulasi anggaran belum tersedia di instalasi ini."))
        return
    try:
        report.simulation = simulate(
            user=user,
            region_code=report.region_code,
            persons=persons,
            months=asked.months or DEFAULT_SIMULATION_MONTHS,
            start=asked.start or first_of_next_month(report.date),
            income=asked.income,
            with_jht=asked.with_jht,
        )
    except (DomainError, RuleError) as exc:  # e.g. an income outside the BPU range
        report.notes["simulation"] = exc.message(report.lang)
        return
    report.synthetic = report.synthetic or bool(getattr(report.simulation, "synthetic", False))


def _add_forecast(report: RakorReport, user) -> None:
    try:
        from cakupan.coverage.plan.selectors import forecast
    except ImportError:
        report.notes["forecast"] = str(_("Proyeksi belum tersedia di instalasi ini."))
        return
    try:
        rows, definition = forecast(user=user, region_code=report.region_code, month=report.month)
    except DomainError as exc:
        report.notes["forecast"] = exc.message(report.lang)
        return
    report.forecast = list(rows)
    report.forecast_definition = str(definition)
