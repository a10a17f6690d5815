"""The rakor report: the figures in the workbook are the selectors' figures, the PDF names the
region and its rate, sections follow the reader's permissions, demo data is labelled, the map
is drawn from the boundaries, each download is audited, and the CLI writes the file."""

import datetime as dt
import inspect
import io
import math
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from cakupan.audit.actions import Action
from cakupan.audit.models import AuditEvent
from cakupan.claims.selectors import claims_summary
from cakupan.coverage.demo import coverage_demo_fill
from cakupan.coverage.facts import colour_scale
from cakupan.coverage.facts.counts import AGE_BANDS
from cakupan.coverage.facts.dashboard import coverage_dashboard
from cakupan.coverage.facts.selectors import fact_months
from cakupan.coverage.report import svg as report_svg
from cakupan.coverage.report.contents import SimulationRequest
from cakupan.coverage.report.export import AUDIT_ACTION, report_export
from cakupan.coverage.report.pdf import report_html
from cakupan.coverage.report.selectors import default_report_date, rakor_report
from cakupan.errors import DomainError, NotFound, PermissionDenied
from cakupan.regions.selectors import region_boundary_geojson
from tests.agreements.conftest import enrol, make_agreement
from tests.claims.test_services import report as report_claim
from tests.conftest import KEC_JELAI, SUKAMARA, client_for

pytestmark = [pytest.mark.django_db]

DAY = dt.date(2026, 10, 31)
PILKADA_DUTY = (dt.date(2026, 3, 1), dt.date(2026, 4, 30))


@pytest.fixture
def demo(synthetic):
    return coverage_demo_fill(regency_code=SUKAMARA)


@pytest.fixture
def pks(manager, demo):
    """An election-officer PKS in force in 2026 with three officers and one death claim."""
    agreement = make_agreement(
        manager,
        number="400.5/77/KESBANGPOL/2026",
        valid_from=dt.date(2026, 1, 1),
        valid_to=dt.date(2026, 12, 31),
        budget_ceiling=5_000_000,
    )
    spells = enrol(manager, agreement, duty=PILKADA_DUTY, serial_from=701)
    report_claim(manager, spells[0].person.nik, day=dt.date(2026, 3, 20))
    return agreement


def _sheet(book: CalamineWorkbook, index: int) -> list[list]:
    return book.get_sheet_by_index(index).to_python()


def _by_label(rows: list[list]) -> dict:
    return {r[0]: r[1] for r in rows if r and isinstance(r[0], str) and len(r) > 1}


def _rate(cell) -> Decimal:
    """A percentage cell holds the fraction: back to percent with the selector's 2 places."""
    return (Decimal(str(cell)) * 100).quantize(Decimal("0.01"))


def test_xlsx_figures_are_the_selectors_figures(manager, pks):
    found = report_export(user=manager, region_code=SUKAMARA, on=DAY, fmt="xlsx")
    assert found.filename == "laporan-rakor-6208-20261031.xlsx"
    board = coverage_dashboard(user=manager, region_code=SUKAMARA, month=DAY)
    ind = board.indicator
    book = CalamineWorkbook.from_filelike(io.BytesIO(found.content))
    names = book.sheet_names
    assert len(names) == 8  # a sheet per section
    for i in range(len(names)):  # demo data is labelled on every sheet
        assert "DATA SINTETIS" in " ".join(str(c) for c in _sheet(book, i)[0])

    summary = _by_label(_sheet(book, 0))
    assert summary["Orang terlindungi"] == ind.covered
    assert summary["Penduduk bekerja"] == ind.denominator.value
    assert _rate(summary["Cakupan"]) == ind.rate
    assert _rate(summary["Target"]) == ind.target_rate == 60
    assert summary["Kesenjangan (orang)"] == ind.gap_persons > 0
    assert summary["Nomor dokumen"] == found.report.reference

    trend = [r for r in _sheet(book, 1)[3:] if r and r[0] != ""]
    last = trend[-1]
    assert (last[1], last[2], _rate(last[3])) == (ind.covered, ind.denominator.value, ind.rate)

    areas = {r[0]: r for r in _sheet(book, 2)[3:] if r and str(r[0]).startswith("62.08.")}
    assert set(areas) == {a.code for a in board.areas} and len(areas) == 5
    for a in board.areas:
        row = areas[a.code]
        assert (row[2], row[3], _rate(row[4]), row[6]) == (
            a.covered, a.denominator.value, a.rate, a.gap_persons,
        )  # fmt: skip

    breakdowns = [r for r in _sheet(book, 3)[3:] if r and r[0]]
    payers = [r for r in breakdowns if r[0] == "Menurut pembayar"]
    assert sum(r[3] for r in payers) == ind.covered  # rows add up to the total
    assert all(r[4] == ind.denominator.value and r[6] for r in breakdowns)  # with definitions

    agreements = [r for r in _sheet(book, 4) if r and r[0] == pks.number]
    assert len(agreements) == 1
    officers, claims = agreements[0][5], agreements[0][9]
    assert officers == 3 and claims == 1

    summary_rows = claims_summary(user=manager, start=dt.date(2026, 1, 1), end=DAY, by="program")
    claim_rows = {(r[0], r[1]): r for r in _sheet(book, 5) if r and r[0] == "Program"}
    for row in summary_rows:
        got = claim_rows[("Program", row["key"])]
        assert (got[3], got[7], got[8]) == (
            row["claims"], row["decided_amount"], row["paid_amount"],
        )  # fmt: skip

    event = AuditEvent.objects.get(action=AUDIT_ACTION)
    assert event.actor == manager and event.region_code == SUKAMARA
    assert event.after["reference"] == found.report.reference
    assert event.after["covered"] == ind.covered and event.after["format"] == "xlsx"
    assert AUDIT_ACTION in Action.values


def test_pdf_names_the_region_and_its_rate(manager, demo):
    report = rakor_report(user=manager, region_code=SUKAMARA, on=DAY)
    html = report_html(report)
    rate = f"{report.indicator.rate:.2f}".replace(".", ",") + "%"
    assert re.search(r'id="region-name">Kabupaten Sukamara<', html)
    assert f'id="rate">{rate}<' in html
    assert "DATA SINTETIS" in html and '<html lang="id">' in html
    assert html.count("<svg") == 2 and 'class="target-line"' in html  # map and trend
    assert "30 Oktober" not in html and "31 Oktober 2026" in html
    english = report_html(rakor_report(user=manager, region_code=SUKAMARA, on=DAY, lang="en"))
    assert '<html lang="en">' in english and "31 October 2026" in english
    found = report_export(user=manager, region_code=SUKAMARA, on=DAY, fmt="pdf")
    assert found.content.startswith(b"%PDF") and found.content_type == "application/pdf"


def test_gap_simulation_and_a_date_between_month_ends(manager, demo):
    """Figures come from the last computed month end on or before the date; the default
    simulation covers the whole gap for 12 months from the next month."""
    report = rakor_report(user=manager, region_code=SUKAMARA, on=dt.date(2026, 10, 15))
    assert report.month == dt.date(2026, 9, 30)
    sim = report.simulation
    if sim is None:  # the plan selectors are not installed: the section says why
        assert report.notes["simulation"]
        return
    assert sim.start == dt.date(2026, 11, 1) and sim.months == 12
    assert sim.persons_asked == report.indicator.gap_persons
    asked = SimulationRequest(persons=10, months=3, start=dt.date(2027, 1, 1))
    smaller = rakor_report(user=manager, region_code=SUKAMARA, on=DAY, simulation=asked)
    assert smaller.simulation.persons == 10 and len(smaller.simulation.monthly) == 3


def test_scope_and_sections_the_reader_may_not_see(viewer_jelai, demo, pks):
    with pytest.raises(PermissionDenied):
        rakor_report(user=viewer_jelai, region_code=SUKAMARA, on=DAY)
    client = client_for(viewer_jelai)
    refused = client.get(f"/cakupan/laporan/?wilayah={SUKAMARA}&tanggal=2026-10-31&format=xlsx")
    assert refused.status_code == 403
    assert not AuditEvent.objects.filter(action=AUDIT_ACTION).exists()
    own = rakor_report(user=viewer_jelai, region_code=KEC_JELAI, on=DAY)
    assert own.agreements is None and own.claims is None  # a viewer has no agreements/claims
    assert "tidak berwenang melihat PKS" in own.notes["agreements"]
    assert "tidak berwenang melihat klaim" in own.notes["claims"]
    assert own.areas and all(a.code.startswith(KEC_JELAI + ".") for a in own.areas)  # its desa
    page = client.get(f"/cakupan/laporan/?wilayah={KEC_JELAI}&tanggal=2026-10-31&format=xlsx")
    assert page.status_code == 200
    assert (
        page["Content-Disposition"] == 'attachment; filename="laporan-rakor-620802-20261031.xlsx"'
    )
    assert AuditEvent.objects.filter(action=AUDIT_ACTION, actor=viewer_jelai).count() == 1


def test_form_page_and_input_errors(manager, demo):
    client = client_for(manager)
    page = client.get("/cakupan/laporan/")
    assert page.status_code == 200 and 'id="report-form"' in page.content.decode()
    bad = client.get("/cakupan/laporan/?wilayah=62.08&tanggal=31-10-2026&format=pdf")
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.content.decode()
    with pytest.raises(NotFound):
        rakor_report(user=manager, region_code=SUKAMARA, on=dt.date(2010, 1, 31))


def test_map_has_one_path_per_kecamatan_filled_from_its_rate(manager, demo):
    board = coverage_dashboard(user=manager, region_code=SUKAMARA, month=DAY)
    features = region_boundary_geojson(code=SUKAMARA)["features"]
    rates = {a.code: a.rate for a in board.areas}
    rates[board.areas[0].code] = None  # a kecamatan without a denominator is grey
    svg = report_svg.choropleth_svg(features, rates, legend_title="Cakupan", no_data="–")
    paths = re.findall(r'<path d="M[^"]+" fill="(#[0-9a-f]{6})"[^>]*data-code="([\d.]+)"', svg)
    assert sorted(code for _fill, code in paths) == sorted(a.code for a in board.areas)
    for fill, code in paths:
        assert fill == report_svg.rate_fill(rates[code])
    assert dict((c, f) for f, c in paths)[board.areas[0].code] == report_svg.NO_DATA_FILL
    assert report_svg.rate_fill(Decimal("19.99")) != report_svg.rate_fill(Decimal("85"))


def test_trend_chart_breaks_without_a_rate_and_steps_the_target():
    months = [dt.date(2025, m, 28) for m in range(10, 13)] + [dt.date(2026, 1, 31)]
    svg = report_svg.trend_svg(
        list(zip(months, [Decimal(40), None, Decimal(45), Decimal(47)],
                 [Decimal(50), Decimal(50), Decimal(50), Decimal(60)], strict=True)),
        rate_label="Cakupan", target_label="Target",
    )  # fmt: skip
    assert svg.count('class="target-line"') == 2  # 50 % in 2025, 60 % in 2026
    assert svg.count('class="rate-line"') == 2  # the missing month breaks the line


def test_cli_writes_the_report_and_refuses_bad_input(manager, demo, tmp_path):
    from cakupan.coverage import cli

    runner = CliRunner()
    out = tmp_path / "rakor.xlsx"
    args = ["report", "--region", "62.08", "--date", "2026-10-31", "--format", "xlsx"]
    result = runner.invoke(cli.app, [*args, "--output", str(out), "--as", "bappeda"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"PK") and "RK-6208-20261031" in result.output
    book = CalamineWorkbook.from_path(str(out))
    assert _by_label(_sheet(book, 0))["Kode wilayah"] == "62.08"
    event = AuditEvent.objects.get(action=AUDIT_ACTION)
    assert event.actor == manager and event.after["via"] == "cli"
    # without --as: the shell operator, who holds the database, audited as the system command
    shell = runner.invoke(cli.app, [*args, "--output", str(tmp_path / "shell.xlsx")])
    assert shell.exit_code == 0, shell.output
    assert AuditEvent.objects.get(action=AUDIT_ACTION, actor=None).actor_label == (
        "system: cakupan coverage report"
    )
    for bad in (
        ["report", "--region", "99.99", "--date", "2026-10-31"],
        ["report", "--region", "62.08", "--date", "2026-13-01"],
        ["report", "--region", "62.08", "--date", "2010-01-31"],
        ["report", "--region", "62.08", "--date", "2026-10-31", "--as", "nobody"],
        ["report", "--region", "62.08", "--date", "2026-10-31", "--format", "doc"],
    ):
        failed = runner.invoke(cli.app, [*bad, "--output", str(tmp_path / "x")])
        assert failed.exit_code == 2, (bad, failed.output)
    assert not (tmp_path / "x").exists()


def test_kecamatan_report_never_shows_claims_it_cannot_limit_to_the_kecamatan(manager, pks):
    """The claims summary cannot yet be narrowed to a region for program and agreement rows:
    a regency-wide reader's kecamatan report leaves them out (with a note) rather than show
    regency totals as the kecamatan's."""
    report = rakor_report(user=manager, region_code="62.08.01", on=DAY)
    assert [a.number for a in report.agreements] == [pks.number]
    by_region = [c for c in report.claims if c.group == "region"]
    assert [(c.key, c.claims) for c in by_region] == [("62.08.01", 1)]
    exact = "region_code" in inspect.signature(claims_summary).parameters
    if not exact:
        assert report.agreements[0].claims is None
        assert not [c for c in report.claims if c.group != "region"]
        assert "tidak dapat dibatasi" in report.notes["claims"]
    else:
        assert report.agreements[0].claims == 1


def test_form_and_cli_default_to_the_last_month_end_with_facts(manager, demo, tmp_path):
    """Without a date, the web form and the CLI both date the report the last month end with
    facts on or before today, so the PDF never prints a future date as "Tanggal laporan"."""
    from cakupan.coverage import cli

    today = timezone.localdate()
    default = default_report_date(user=manager, region_code=SUKAMARA)
    months = fact_months(regency_code=SUKAMARA)
    assert default in months and default <= today
    assert not [m for m in months if default < m <= today]  # the last such month end
    report = rakor_report(user=manager, region_code=SUKAMARA)
    assert report.date == report.month == default
    assert "Angka per" not in report_html(report)  # figures and date are the same day

    page = client_for(manager).get(f"/cakupan/laporan/?wilayah={SUKAMARA}")
    assert re.search(rf'id="tanggal"[^>]* value="{default.isoformat()}"', page.content.decode())
    args = ["report", "--region", SUKAMARA, "--format", "xlsx", "--as", "bappeda"]
    result = CliRunner().invoke(cli.app, [*args, "--output", str(tmp_path / "r.xlsx")])
    assert result.exit_code == 0, result.output
    event = AuditEvent.objects.get(action=AUDIT_ACTION)
    assert event.after["via"] == "cli" and event.after["date"] == default.isoformat()


def test_a_report_date_after_today_is_refused(manager, demo):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(DomainError) as refused:
        rakor_report(user=manager, region_code=SUKAMARA, on=tomorrow)
    assert refused.value.code == "coverage_report_future_date"
    page = client_for(manager).get(
        f"/cakupan/laporan/?wilayah={SUKAMARA}&tanggal={tomorrow.isoformat()}&format=pdf"
    )
    assert page.status_code == 400 and not AuditEvent.objects.filter(action=AUDIT_ACTION).exists()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_pdf_keeps_the_breakdowns_heading_with_its_tables(manager, demo, lang):
    """WeasyPrint lays the PDF out: the "Rincian" heading is on the page of the first
    breakdown table (it once stood alone on a blank page), in both languages."""
    from weasyprint import HTML

    report = rakor_report(user=manager, region_code=SUKAMARA, on=DAY, lang=lang)
    html = report_html(report)
    pages = HTML(string=html).render().pages
    page_of = {name: i for i, page in enumerate(pages) for name in page.anchors}
    assert page_of["breakdowns-title"] == page_of["by-segment"]
    # a year is one year: "tahun 2026" in Indonesian, never "years 2026" in English
    year = report.indicator.denominator.year
    assert f"years {year}" not in html
    if lang == "id":
        assert f"tahun {year}" in html


def test_breakdowns_in_age_and_defined_order_with_counts_only_where_no_order(manager, demo):
    report = rakor_report(user=manager, region_code=SUKAMARA, on=DAY)
    rows = {dim: figures for dim, _title, figures, _definition in report.breakdowns}
    bands = [band for band, _low in AGE_BANDS]
    ages = [f.key for f in rows["age_band"]]
    assert len(ages) > 3 and ages == sorted(ages, key=bands.index)
    segments = [f.key for f in rows["segment"]]
    assert segments == [s for s in ("PU", "BPU", "JAKON", "PMI") if s in segments]
    payers = [f.key for f in rows["payer"]]
    order = ["self", "employer", "apbd", "apbdes", "election_body", "other_agreement"]
    assert payers == sorted(payers, key=order.index)
    for dim in ("sector", "flag"):  # no natural order: the largest first
        counts = [f.numerator for f in rows[dim]]
        assert counts == sorted(counts, reverse=True)
    # the PDF prints them in that order too
    html = report_html(report)
    age_table = html[html.index('id="by-age_band"') :]
    positions = [age_table.index(f"<td>{band}</td>") for band in ages]
    assert positions == sorted(positions)


def _draw_js() -> str:
    from pathlib import Path

    import cakupan.coverage

    return (Path(cakupan.coverage.__file__).parent / "static/coverage/draw.js").read_text()


def test_pdf_map_uses_the_web_maps_bands_and_colours():
    """The printed map colours an area as the dashboard's map does: same six colours, same
    equal bands (draw.js: COLOURS[floor(rate / (100 / 6))]), same grey without a rate."""
    js = _draw_js()
    colours = re.findall(r"#[0-9a-f]{6}", re.search(r"COLOURS = \[(.*?)\]", js).group(1))
    assert tuple(colours) == colour_scale.COLOURS
    assert f'NO_RATE = "{colour_scale.NO_RATE}"' in js
    for rate in ("0", "16.66", "16.67", "33.33", "33.34", "45", "49.99", "50", "83.34", "100",
                 "112.5"):  # fmt: skip
        # draw.js's own arithmetic (IEEE doubles, as in JavaScript)
        web = colours[min(len(colours) - 1, math.floor(float(rate) / (100 / len(colours))))]
        assert report_svg.rate_fill(Decimal(rate)) == web, rate
    assert report_svg.rate_fill(Decimal("45")) == "#fee08b"  # yellow, as on the screen
    assert report_svg.rate_fill(None) == colour_scale.NO_RATE
    legend = [text for _colour, text in report_svg.band_labels("id")]
    assert legend == ["0–17%", "17–33%", "33–50%", "50–67%", "67–83%", "83–100%"]  # draw.js's
    scale = colour_scale.scale_json()
    assert [b["colour"] for b in scale["bands"]] == colours and scale["no_rate"] == "#cccccc"
