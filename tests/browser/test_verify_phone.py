"""The public certificate check on the narrowest phone the pages are made for (375 px)."""

import pytest

from tests.agreements.conftest import enrol, make_agreement
from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_verification_page_fits_a_375px_phone(live_server, browser):
    from cakupan.agreements.models import Agreement
    from cakupan.agreements.services import certificate_issue
    from cakupan.regions.services import regions_load

    regions_load(prefixes=["62.08"])
    operator = make_user("op_verify", "regency_operator", "62.08")
    # A long unbreakable agreement number, as real ones are, and demo data.
    agreement = make_agreement(operator, number="400.5/1234/KESBANGPOL-SUKAMARA/SINTETIS/2024")
    Agreement.objects.filter(pk=agreement.pk).update(synthetic=True)
    spell = enrol(operator, agreement, n=1)[0]
    cert = certificate_issue(actor=operator, agreement_id=agreement.pk, spell_id=spell.pk)
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="id-ID")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/verifikasi/{cert.code}/")
        assert page.locator(".banner-synthetic").is_visible()
        assert "masa perlindungan sudah berakhir" in page.locator("h1").inner_text()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    finally:
        context.close()
