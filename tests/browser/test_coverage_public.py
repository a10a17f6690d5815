"""In a real browser on a phone, without logging in: the public coverage page draws its trend
and choropleth from the vendored scripts and shipped boundaries (no network), fits the screen,
and a tap on a kecamatan opens its desa, where small counts show as "< 5"."""

import os
import re

import pytest

from cakupan.coverage.demo import coverage_demo_fill
from cakupan.registry.synthetic import registry_synthesize
from tests.conftest import SUKAMARA

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]
SCREENSHOTS = "/tmp/coverage-screens"


@pytest.fixture
def public_demo(db, settings):
    from cakupan.regions.services import regions_load

    regions_load(prefixes=["62"])
    registry_synthesize(regency_code=SUKAMARA, persons=1200, seed=3)
    coverage_demo_fill(regency_code=SUKAMARA)
    settings.CAKUPAN_PUBLIC_REGENCIES = [SUKAMARA]


def test_public_page_on_a_phone_without_login(live_server, page, public_demo):
    outside = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    response = page.goto(f"{live_server.url}/cakupan/publik/")
    assert response.status == 200 and "/masuk/" not in page.url
    page.wait_for_selector("#map path.leaflet-interactive")
    assert page.locator("#map path.leaflet-interactive").count() == 5  # the five kecamatan
    assert page.evaluate("!!window.Chart.getChart(document.getElementById('trend'))")
    assert "DATA SINTETIS" in page.locator("#synthetic-banner").inner_text()
    assert "disembunyikan" in page.locator("#suppression-note").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    os.makedirs(SCREENSHOTS, exist_ok=True)
    page.screenshot(path=f"{SCREENSHOTS}/public-regency-phone.png", full_page=True)

    page.locator("#map path.leaflet-interactive").first.click(force=True)
    page.wait_for_url("**/cakupan/publik/62.08.01/**")
    page.wait_for_selector("#map path.leaflet-interactive")
    assert page.locator("#map path.leaflet-interactive").count() == 8  # its desa/kelurahan
    assert "Per desa/kelurahan" in page.locator("main").inner_text()
    cells = page.locator("#areas td.num").all_inner_texts()
    # every count cell is hidden, zero or at least five: never 1-4
    assert not [c for c in cells if re.fullmatch(r"[1-4]", c.strip().rstrip("*"))]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.screenshot(path=f"{SCREENSHOTS}/public-kecamatan-phone.png", full_page=True)

    page.click("a[hreflang=en]")
    page.wait_for_selector("html[lang=en]")
    assert "lang=en" in page.url
    assert not errors, errors
    assert not [u for u in outside if not u.startswith("data:")]
