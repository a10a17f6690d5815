"""A user logs in on a phone-width screen, switches to English, and reads the page."""

import pytest

from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def disnaker(db):
    from cakupan.regions.services import regions_load

    regions_load(prefixes=["62.08"])
    return make_user("disnaker", "administrator", "62.08")


def test_login_switch_language_and_navigate(live_server, page, disnaker):
    page.goto(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "Masuk ke Cakupan"
    page.fill("#id_username", "disnaker")
    page.fill("#id_password", "pw-disnaker")
    page.click("button[type=submit].primary")
    assert "Selamat datang" in page.locator("h1").inner_text()
    assert page.locator("html").get_attribute("lang") == "id"

    # The language menu submits itself on change (no inline script; CSP forbids it).
    page.select_option("#lang-select", "en")
    page.wait_for_selector("html[lang=en]")
    assert "Welcome" in page.locator("h1").inner_text()
    assert page.get_by_text("Your roles and regions").is_visible()

    # On a phone the navigation hides behind the menu button.
    nav = page.locator("#mainnav")
    assert not nav.is_visible()
    page.click(".menu-toggle")
    assert nav.is_visible()
    page.click("#mainnav >> text=Audit log")
    assert page.locator("h1").inner_text() == "Audit log"
    assert page.locator("html").get_attribute("lang") == "en"


@pytest.fixture
def phone(browser):
    """The narrowest phone the pages are made for: 375 px wide."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="id-ID")
    page = context.new_page()
    yield page
    context.close()


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_shell_pages_fit_a_phone_and_nothing_is_missing(live_server, phone, disnaker):
    from cakupan.accounts.services import user_update

    user_update(
        actor=disnaker, user_id=disnaker.pk, office="Dinas Tenaga Kerja Sukamara", reason="awal"
    )
    missing = []
    phone.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    phone.goto(f"{live_server.url}/masuk/")
    phone.fill("#id_username", "disnaker")
    phone.fill("#id_password", "pw-disnaker")
    phone.click("button[type=submit].primary")
    assert "Kabupaten Sukamara (62.08)" in phone.locator("main").inner_text()
    assert _fits(phone)
    assert phone.locator("#lang-select option").all_inner_texts() == [
        "Bahasa Indonesia",
        "English",
    ]

    # The audit log: one card per row, the change as "field: before → after".
    phone.goto(f"{live_server.url}/audit/")
    row = phone.locator("#audit-log tbody tr").first
    assert "Data pengguna diubah" in row.inner_text()
    assert "Dinas Tenaga Kerja Sukamara" in row.locator(".changes").inner_text()
    assert _fits(phone)

    # Region search lists every match of a part of a name.
    phone.goto(f"{live_server.url}/wilayah/")
    phone.fill("#q", "suka")
    phone.click("form[role=search] button[type=submit]")
    phone.wait_for_selector("#region-results")
    assert "Kecamatan Sukamara" in phone.locator("#region-results").inner_text()
    assert _fits(phone)

    # Adding a user, and the token page with its usage hint and one-time key.
    for path in ("/pengguna/", "/pengguna/baru/"):
        phone.goto(f"{live_server.url}{path}")
        assert _fits(phone), path
    phone.goto(f"{live_server.url}/akun/token/")
    assert "Authorization: Bearer <token>" in phone.locator("#token-usage").inner_text()
    phone.fill("#token-name", "sistem desa")
    phone.click("form.filters button.primary")
    phone.wait_for_selector("#new-token")
    assert phone.locator("#new-token").inner_text().startswith("ckp_")
    assert _fits(phone)
    assert not missing, missing  # favicon included
