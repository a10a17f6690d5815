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
