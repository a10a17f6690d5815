"""What a rakor report holds: its sections' titles and rows, and the simulation asked for."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cakupan.coverage.facts import dashboard, selectors
from cakupan.coverage.models import DenominatorBasis
from cakupan.coverage.synthetic import SyntheticParts

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
    areas: list[dashboard.AreaFigure]
    gap_definition: str
    map_svg: str
    trend_svg: str
    synthetic: bool
    estimate: bool
    agreements: list[AgreementRow] | None = None
    claims: list[ClaimsRow] | None = None
    claims_period: tuple[dt.date, dt.date] | None = None
    simulation: object | None = None  # plan.simulation.Simulation
    forecast: list | None = None  # plan.selectors.ForecastRow
    forecast_definition: str = ""
    notes: dict[str, str] = field(default_factory=dict)  # section -> why it is empty/omitted
    # Which of the coverage figures are synthetic (registry, denominator, target); `synthetic`
    # is also set by demo agreements or a simulation on a synthetic denominator.
    synthetic_parts: SyntheticParts = field(default_factory=SyntheticParts)
    reference: str = ""  # set by the export: the audit row's reference printed on the file

    @property
    def gap_rows(self) -> list[dashboard.AreaFigure]:
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
