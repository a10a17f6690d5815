"""The dashboard page: Indonesian by default, headline against target with the gap in persons,
per-kecamatan/desa table and map data, breakdowns with definitions, region scope."""

import datetime as dt
import json
import re

import pytest

from cakupan.coverage.demo import coverage_demo_fill
from cakupan.coverage.facts.selectors import coverage_indicator
from cakupan.coverage.models import Denominator, Target
from tests.conftest import KEC_JELAI, SUKAMARA, client_for

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def demo(synthetic):
    return coverage_demo_fill(regency_code=SUKAMARA)


def test_demo_denominators_are_synthetic_and_say_so(demo, manager):
    assert demo["months"] > 80
    assert not Denominator.objects.exclude(basis="synthetic").exists()
    assert all("bukan statistik resmi" in d.source for d in Denominator.objects.all())
    assert all("bukan target resmi" in t.source for t in Target.objects.all())
    ind = coverage_indicator(user=manager, region_code=SUKAMARA, on=dt.date(2026, 6, 30))
    assert "sintetis" in ind.denominator.note.lower() and ind.target_rate == 60
    # once the regency has a real figure, the demo leaves its denominators alone
    from cakupan.coverage.basis.services import denominator_set

    denominator_set(
        actor=manager, region_code=SUKAMARA, year=2026, working_population=30000, source="BPS"
    )
    assert coverage_demo_fill(regency_code=SUKAMARA)["skipped"] is True
    assert Denominator.objects.get(region_code=SUKAMARA, year=2026).working_population == 30000


def test_dashboard_page_in_indonesian(demo, manager):
    page = client_for(manager).get("/cakupan/?wilayah=62.08&bulan=2026-06")
    assert page.status_code == 200
    html = page.content.decode()
    ind = coverage_indicator(user=manager, region_code=SUKAMARA, on=dt.date(2026, 6, 30))
    assert "Cakupan Sukamara" in html or "Cakupan Kabupaten Sukamara" in html
    shown = f"{ind.gap_persons:,}".replace(",", ".")
    assert f"{shown} pekerja lagi untuk mencapai target" in html
    # the synthetic banner names every synthetic part of the demo
    assert "bukan data resmi: registri kepesertaan, penyebut (penduduk bekerja), target" in html
    assert "Per kecamatan" in html and "Menurut pembayar" in html and "Definisi" in html
    data = json.loads(
        re.search(r'id="coverage-map" type="application/json">(.*?)</script>', html).group(1)
    )
    assert len(data["areas"]) == 5 and len(data["geojson"]["features"]) == 5
    trend = json.loads(
        re.search(r'id="coverage-trend" type="application/json">(.*?)</script>', html).group(1)
    )
    assert "06/2026" in trend["labels"] and 60.0 in trend["target"]
    # no inline script: the CSP would block it
    assert not re.search(r"<script(?![^>]*(src=|application/json))", html)


def test_dashboard_in_english_and_scoped(demo, viewer_jelai):
    client = client_for(viewer_jelai)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/cakupan/")
    assert page.status_code == 200
    html = page.content.decode()
    # English once the lead merges this app's strings into the catalogue
    assert '<html lang="en">' in html and "Jelai" in html and 'id="by-payer"' in html
    assert client.get("/cakupan/?wilayah=62.08.01").status_code == 403
    assert client.get(f"/cakupan/?wilayah={KEC_JELAI}&bulan=2031-01").status_code == 404


def test_age_bands_in_age_order_on_the_dashboard_and_in_the_api(demo, manager):
    """Age bands read young to old (not by count) wherever the breakdown is shown; a
    dimension without a natural order (sector) stays largest first."""
    from ninja import NinjaAPI
    from ninja.testing import TestClient

    from cakupan.api.errors import install_error_handlers
    from cakupan.coverage.api import router
    from cakupan.coverage.facts.counts import AGE_BANDS

    bands = [band for band, _low in AGE_BANDS]
    day = dt.date(2026, 6, 30)
    ind = coverage_indicator(user=manager, region_code=SUKAMARA, on=day)
    ages = [f.key for f in ind.breakdowns["age_band"]]
    assert len(ages) > 3 and ages == sorted(ages, key=bands.index)
    counts = [f.numerator for f in ind.breakdowns["age_band"]]
    assert counts != sorted(counts, reverse=True)  # so the order is not the count order
    sectors = [f.numerator for f in ind.breakdowns["sector"]]
    assert sectors == sorted(sectors, reverse=True)

    html = client_for(manager).get("/cakupan/?wilayah=62.08&bulan=2026-06").content.decode()
    section = html[html.index('id="by-age_band"') :]
    section = section[: section.index("</section>")]
    assert re.findall(r'<th scope="row">([^<]+)</th>', section) == ages

    api = NinjaAPI(urls_namespace="coverage-pages-age-test")
    install_error_handlers(api)
    api.add_router("/coverage", router)
    got = TestClient(api).get(f"/coverage/indicators?region={SUKAMARA}&date={day}", user=manager)
    assert [f["key"] for f in got.json()["breakdowns"]["age_band"]] == ages
