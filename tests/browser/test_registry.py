"""A village operator on a phone registers an informal (BPU) worker, sees the monthly
contribution before saving, and then finds the person by name."""

import datetime as dt

import pytest

from cakupan.rules.nik import build_nik
from tests.conftest import DESA_PULAU_NIBUNG, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def village_operator(db):
    from cakupan.regions.services import regions_load

    regions_load(prefixes=["62.08"])
    return make_user("op_desa", "village_operator", DESA_PULAU_NIBUNG)


def test_village_operator_registers_a_bpu_worker_on_a_phone(live_server, page, village_operator):
    born = dt.date(1992, 3, 14)
    nik = build_nik(kecamatan="62.08.02", birth_date=born, sex="L", serial=21)

    page.goto(f"{live_server.url}/masuk/")
    page.fill("#id_username", "op_desa")
    page.fill("#id_password", "pw-op_desa")
    page.click("button[type=submit].primary")
    page.goto(f"{live_server.url}/peserta/daftar/")
    assert page.locator("h1").inner_text() == "Daftarkan pekerja BPU"
    assert page.viewport_size["width"] == 390

    page.fill("#id_nik", nik)
    page.fill("#id_name", "Ahmad Yani")
    page.check("#id_sex_0")  # Laki-laki
    page.fill("#id_birth_date", born.isoformat())
    page.locator("#id_nik").dispatch_event("change")
    page.wait_for_selector("#nik-check >> text=sah dan belum terdaftar")
    # The operator's only desa is chosen for them.
    assert page.locator("#id_region_code").input_value() == DESA_PULAU_NIBUNG
    page.fill("#id_occupation", "Nelayan")
    page.check("input[name=flags][value=fisher]")
    page.select_option("#id_payer", "apbdes")
    page.fill("#id_start_date", "2024-11-01")
    page.fill("#id_income", "1000000")
    page.locator("#id_income").dispatch_event("change")

    # The contribution is shown before anything is saved.
    page.wait_for_selector("#preview-total")
    assert page.locator("#preview-total").inner_text() == "Rp16.800"
    assert "PP 44/2015" in page.locator("#contribution-preview").inner_text()
    from cakupan.registry.models import Person

    assert not Person.objects.exists()
    # The page fits the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    # Let the last preview request finish first: on a loaded machine a click during an htmx
    # swap can be lost, which is not the behaviour under test.
    page.wait_for_load_state("networkidle")
    page.click("#register-form button[type=submit].primary")
    page.wait_for_selector("h1:text('Ahmad Yani')")
    assert "terdaftar" in page.locator(".messages").inner_text()

    # Find the person again by name (search first: no browse-all list).
    page.goto(f"{live_server.url}/peserta/")
    page.fill("#id_q", "ahmad")
    page.click("form[role=search] button[type=submit]")
    row = page.locator("#results tbody tr").first
    assert "Ahmad Yani" in row.inner_text()
    assert nik not in row.inner_text() and nik[:6] in row.inner_text()
    row.locator("a").click()
    page.wait_for_selector("#timeline")
    assert "1 November 2024" in page.locator("#timeline").inner_text()
