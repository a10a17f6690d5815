"""Synthetic data is labelled wherever it is shown, whichever part is synthetic (the registry
counts, not only the denominator); the API says how fresh its figures are; every page defaults
to the same month (the last month end on or before today); the CLI says what it means."""

import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from ninja import NinjaAPI
from ninja.testing import TestClient
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from cakupan.accounts.scope import SystemActor
from cakupan.api.errors import install_error_handlers
from cakupan.coverage.api import router
from cakupan.coverage.basis.services import denominator_set, target_set
from cakupan.coverage.facts.services import coverage_facts_refresh
from cakupan.coverage.models import RefreshState
from cakupan.coverage.plan import selectors as plan_selectors
from cakupan.coverage.public import selectors as public
from cakupan.coverage.report.export import report_export
from cakupan.coverage.report.pdf import report_html
from cakupan.coverage.report.selectors import default_report_date, rakor_report
from cakupan.registry.models import Person, Spell
from tests.conftest import SUKAMARA, client_for
from tests.coverage.test_freshness import register

pytestmark = pytest.mark.django_db

REGISTRY_WORDS = "registri kepesertaan"
DENOMINATOR_WORDS = "penyebut (penduduk bekerja)"
OCT = dt.date(2026, 10, 31)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def api():
    api = NinjaAPI(urls_namespace="coverage-synthetic-test")
    install_error_handlers(api)
    api.add_router("/coverage", router)
    return TestClient(api)


@pytest.fixture
def public_setting(settings):
    settings.CAKUPAN_PUBLIC_REGENCIES = [SUKAMARA]
    return settings


@pytest.fixture
def counted(synthetic, manager):
    """The synthetic registry, with an official-looking (counted) denominator and target."""
    coverage_facts_refresh(actor=manager, regency_code=SUKAMARA, today=OCT)
    denominator_set(
        actor=manager, region_code=SUKAMARA, year=2026, working_population=9000, source="BPS"
    )
    target_set(actor=manager, region_code=SUKAMARA, year=2026, rate=40, source="RPJMD")


def _xlsx_summary(manager) -> dict:
    found = report_export(user=manager, region_code=SUKAMARA, on=OCT, fmt="xlsx")
    book = CalamineWorkbook.from_filelike(io.BytesIO(found.content))
    rows = book.get_sheet_by_index(0).to_python()
    return {r[0]: r[1] for r in rows if r and isinstance(r[0], str) and len(r) > 1}, rows[0]


def test_a_synthetic_registry_is_marked_with_a_counted_denominator(
    counted, manager, api, public_setting
):
    assert RefreshState.objects.get(regency_code=SUKAMARA).registry_synthetic
    page = client_for(manager).get(f"/cakupan/?wilayah={SUKAMARA}&bulan=2026-10")
    html = page.content.decode()
    assert 'id="synthetic-banner"' in html and REGISTRY_WORDS in html
    assert DENOMINATOR_WORDS not in html  # the denominator is counted: the banner says so

    body = api.get(f"/coverage/indicators?region={SUKAMARA}&date=2026-10-31", user=manager).json()
    assert body["denominator"]["basis"] == "counted"
    assert body["synthetic"] is True and body["synthetic_parts"] == ["registry"]

    report = rakor_report(user=manager, region_code=SUKAMARA, on=OCT)
    assert report.synthetic and REGISTRY_WORDS in report_html(report)
    summary, header = _xlsx_summary(manager)
    assert summary["Sintetis"] is True and REGISTRY_WORDS in summary["Bagian sintetis"]
    assert REGISTRY_WORDS in " ".join(str(c) for c in header)

    shown = Client().get(f"/cakupan/publik/{SUKAMARA}/?bulan=2026-10").content.decode()
    assert 'id="synthetic-banner"' in shown and REGISTRY_WORDS in shown
    plan = client_for(manager).get(f"/cakupan/rencana/?wilayah={SUKAMARA}&bulan=2026-10")
    assert REGISTRY_WORDS in plan.content.decode()


def test_the_banner_names_each_synthetic_part(synthetic, manager):
    coverage_facts_refresh(actor=manager, regency_code=SUKAMARA, today=OCT)
    denominator_set(
        actor=SystemActor(job="coverage demo", region_codes=(SUKAMARA,)),
        region_code=SUKAMARA, year=2026, working_population=9000,
        source="Sintetis (demo)", synthetic=True,
    )  # fmt: skip
    html = client_for(manager).get(f"/cakupan/?wilayah={SUKAMARA}&bulan=2026-10").content.decode()
    assert REGISTRY_WORDS in html and DENOMINATOR_WORDS in html


def test_a_real_registry_with_counted_figures_is_not_marked(counted, manager, api):
    # The same registry made real: the next refresh records that it no longer is synthetic.
    Spell.objects.update(synthetic=False)
    Person.objects.update(synthetic=False)
    coverage_facts_refresh(actor=manager, regency_code=SUKAMARA, today=OCT)
    assert not RefreshState.objects.get(regency_code=SUKAMARA).registry_synthetic
    html = client_for(manager).get(f"/cakupan/?wilayah={SUKAMARA}&bulan=2026-10").content.decode()
    assert "synthetic-banner" not in html and "DATA SINTETIS" not in html
    body = api.get(f"/coverage/indicators?region={SUKAMARA}&date=2026-10-31", user=manager).json()
    assert body["synthetic"] is False and body["synthetic_parts"] == []
    summary, _header = _xlsx_summary(manager)
    assert summary["Sintetis"] is False


def test_api_says_when_the_facts_were_refreshed_and_whether_they_are_stale(
    synthetic, manager, api, regions
):
    from tests.conftest import make_user

    operator = make_user("op_kab", "regency_operator", SUKAMARA)
    coverage_facts_refresh(actor=manager, regency_code=SUKAMARA)
    url = f"/coverage/indicators?region={SUKAMARA}"
    fresh = api.get(url, user=manager).json()
    state = RefreshState.objects.get(regency_code=SUKAMARA)
    assert fresh["stale"] is False
    # JSON carries milliseconds
    when = dt.datetime.fromisoformat(fresh["facts_refreshed_at"])
    assert abs(when - state.refreshed_at) < dt.timedelta(milliseconds=1)
    register(operator, serial=931)  # a registration after the refresh
    later = api.get(url, user=manager).json()
    assert later["stale"] is True and later["facts_refreshed_at"] == fresh["facts_refreshed_at"]


@pytest.fixture
def late_november(monkeypatch, synthetic, manager):
    """Today is 29 November 2026: the facts run to the running month (month end 30 Nov)."""
    today = dt.date(2026, 11, 29)
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return today if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    coverage_facts_refresh(actor=manager, regency_code=SUKAMARA, today=today)
    return today


def test_every_page_defaults_to_the_last_month_end_on_or_before_today(
    late_november, manager, api, public_setting
):
    client = client_for(manager)
    page = client.get(f"/cakupan/?wilayah={SUKAMARA}")
    assert page.context["ind"].date == OCT
    html = page.content.decode()
    assert "tanggal=2026-10-31" in html  # the report link: a date the report accepts
    assert "(bulan berjalan)" in html  # the running month stays selectable, labelled
    body = api.get(f"/coverage/indicators?region={SUKAMARA}", user=manager).json()
    assert body["date"] == "2026-10-31"
    assert default_report_date(user=manager, region_code=SUKAMARA) == OCT
    rows, _method = plan_selectors.forecast(user=manager, region_code=SUKAMARA)
    plan = client.get(f"/cakupan/rencana/?wilayah={SUKAMARA}")
    assert plan.context["month"] == OCT and rows[0].covered == body["covered"]
    assert public.public_board(code=SUKAMARA).month == OCT


def test_the_running_month_says_its_figures_are_as_of_the_refresh(late_november, manager):
    page = client_for(manager).get(f"/cakupan/?wilayah={SUKAMARA}&bulan=2026-11")
    assert page.context["ind"].date == dt.date(2026, 11, 30)
    assert page.context["board"].running_as_of == timezone.localdate(
        RefreshState.objects.get(regency_code=SUKAMARA).refreshed_at
    )
    assert 'id="running-month"' in page.content.decode()
    assert "bulan berjalan, angka per" in page.content.decode()


def test_cli_refresh_names_a_code_that_is_not_a_regency(regions):
    from cakupan.coverage import cli

    result = CliRunner().invoke(cli.app, ["refresh", "--regency", "62.08.02"])
    assert result.exit_code == 2
    assert "bukan kode kabupaten/kota" in result.output and "62.08" in result.output
    assert "tidak dikenal" not in result.output
    english = CliRunner().invoke(cli.app, ["refresh", "--regency", "62.08.02", "--lang", "en"])
    assert "not a regency (kabupaten/kota) code" in english.output


def test_cli_report_prints_the_date_of_its_figures(synthetic, manager, tmp_path):
    from cakupan.coverage import cli

    coverage_facts_refresh(actor=manager, regency_code=SUKAMARA, today=OCT)
    args = ["report", "--region", SUKAMARA, "--date", "2026-06-15", "--format", "xlsx"]
    result = CliRunner().invoke(cli.app, [*args, "--output", str(tmp_path / "r.xlsx")])
    assert result.exit_code == 0, result.output
    assert "angka per 31 Mei 2026" in result.output and "15 Juni 2026" in result.output
