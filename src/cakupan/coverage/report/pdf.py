"""The rakor report as PDF: `coverage/report_pdf.html` rendered by WeasyPrint.

The map and the trend are inline SVG made by `report_svg` (a PDF runs no script). The text is
in the report's language (`RakorReport.lang`); the caller sets it, the view from the page's
language and the CLI from `--lang`.
"""

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cakupan.coverage.models import DenominatorBasis
from cakupan.coverage.report.contents import SECTION_TITLES, TREND_CHART_MONTHS, RakorReport
from cakupan.documents.pdf import render_html, render_pdf

TEMPLATE = "coverage/report_pdf.html"


def synthetic_label(report: RakorReport | None = None) -> str:
    """The report's synthetic banner: which coverage figures are synthetic when any are, else
    the general wording (a demo agreement or a simulation on demo figures)."""
    if report is not None and report.synthetic_parts:
        return report.synthetic_parts.label()
    return str(_("DATA SINTETIS — contoh untuk demo, bukan statistik resmi"))


def css_string(text: str) -> str:
    """`text` as a quoted CSS string for `content:` in @page (no markup can break out)."""
    clean = " ".join(text.replace("\\", "\\\\").replace('"', '\\"').split())
    return '"' + clean.replace("<", "\\3c ") + '"'


def _basis_label(report: RakorReport) -> str:
    info = report.indicator.denominator
    if info is None:
        return ""
    return str(DenominatorBasis(info.basis).label) if info.basis in DenominatorBasis.values else ""


def _slope(value, lang: str) -> str:
    text = f"{value:+.2f}"
    return text.replace(".", ",") if lang == "id" else text


def report_context(report: RakorReport) -> dict:
    lang = report.lang
    shown = report.trend[-TREND_CHART_MONTHS:]
    pairs = report.breakdowns
    footer = str(_("Laporan rakor cakupan")) + f" {report.region_name} · {report.region_code}"
    if report.reference:
        footer += f" · {report.reference}"
    return {
        "r": report,
        "ind": report.indicator,
        "sim": report.simulation,
        "titles": {k: str(v) for k, v in SECTION_TITLES.items()},
        # two breakdowns side by side; each pair is kept on one page, the first with the title
        "breakdown_rows": [pairs[i : i + 2] for i in range(0, len(pairs), 2)],
        "basis_label": _basis_label(report),
        "trend_first": shown[0].month if shown else report.month,
        "claim_groups": [
            ("program", str(_("Menurut program"))),
            ("region", str(_("Menurut wilayah"))),
            ("agreement", str(_("Menurut PKS"))),
        ],
        "forecast_rows": [
            {
                "row": f,
                "slope": _slope(f.slope_per_month, lang) if f.slope_per_month is not None else "",
                "status": f.status_text,
            }
            for f in report.forecast or []
        ],
        "synthetic_label": synthetic_label(report),
        "synthetic_css": css_string(synthetic_label(report) if report.synthetic else ""),
        "footer_css": css_string(footer),
        "generated": timezone.now(),
    }


def report_html(report: RakorReport) -> str:
    with translation.override(report.lang):
        return render_html(TEMPLATE, report_context(report))


def report_pdf(report: RakorReport) -> bytes:
    with translation.override(report.lang):
        return render_pdf(TEMPLATE, report_context(report))
