"""In a real browser on a phone: the dashboard draws its trend chart and the choropleth from the
shipped boundaries and vendored scripts (no network), and a tap on a kecamatan opens it."""

import pytest

from cakupan.coverage.demo import coverage_demo_fill
from cakupan.registry.synthetic import registry_synthesize
from tests.conftest import SUKAMARA, make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]
SCREENSHOTS = "/tmp/coverage-screens"


@pytest.fixture
def demo_user(db):
    from cakupan.regions.services import regions_load

    regions_load(prefixes=["62"])
    registry_synthesize(regency_code=SUKAMARA, persons=1200, seed=3)
    coverage_demo_fill(regency_code=SUKAMARA)
    return make_user("bappeda", "viewer", SUKAMARA)


def test_dashboard_map_and_trend_on_a_phone(live_server, page, demo_user, tmp_path):  # noqa: F811
    outside = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{live_server.url}/masuk/")
    page.fill("#id_username", "bappeda")
    page.fill("#id_password", "pw-bappeda")
    page.click("button[type=submit].primary")
    page.goto(f"{live_server.url}/cakupan/?wilayah=62.08&bulan=2026-06")
    page.wait_for_selector("#map path.leaflet-interactive")
    assert page.locator("#map path.leaflet-interactive").count() == 5  # the five kecamatan
    assert page.evaluate("!!window.Chart.getChart(document.getElementById('trend'))")
    assert "pekerja lagi untuk mencapai target" in page.locator("#gap").inner_text()
    # the demo's registry, denominators and targets are all synthetic, and the banner says so
    banner = page.locator("#synthetic-banner")
    assert banner.is_visible() and "registri kepesertaan" in banner.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    # the per-kecamatan table: one card per kecamatan, every figure on screen without scrolling
    first = page.locator("#areas tbody tr").first
    cells = first.locator("td")
    assert cells.count() == 6
    for i in range(6):
        box = cells.nth(i).bounding_box()
        assert cells.nth(i).is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= 391
    assert "Kesenjangan (orang)" in page.evaluate(
        "getComputedStyle(document.querySelector('#areas tbody td:last-child'), '::before').content"
    )
    # the colour key sits below the map on a phone, not over it
    assert page.locator("#map .legend").count() == 1  # drawn for wide screens, hidden here
    assert not page.locator("#map .legend").is_visible()
    below = page.locator(".legend-below")
    assert below.is_visible() and "%" in below.inner_text()
    map_box = page.locator("#map").bounding_box()
    assert below.bounding_box()["y"] >= map_box["y"] + map_box["height"]
    import os

    os.makedirs(SCREENSHOTS, exist_ok=True)
    page.screenshot(path=f"{SCREENSHOTS}/regency-phone.png", full_page=True)
    assert not errors and not [u for u in outside if not u.startswith("data:")]

    page.locator("#map path.leaflet-interactive").first.click(force=True)
    page.wait_for_url("**wilayah=62.08.01**")
    page.wait_for_selector("#map path.leaflet-interactive")
    assert page.locator("#map path.leaflet-interactive").count() == 8  # its desa/kelurahan
    assert "Per desa/kelurahan" in page.locator("main").inner_text()
    page.screenshot(path=f"{SCREENSHOTS}/kecamatan-phone.png", full_page=True)
