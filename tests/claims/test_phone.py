"""The claim page on a 375px phone: nothing wider than the screen (values were cut off)."""

import pytest

from tests.claims.phone import overflow_on_phone
from tests.claims.test_pages import approved_claim

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_approved_claim_fits_a_375px_phone(live_server, operator, bpjs, officer):
    claim = approved_claim(operator, bpjs, officer)
    found = overflow_on_phone(live_server.url, "op_kab", f"/klaim/{claim.pk}/")
    assert found["cards"] >= 4  # the page itself, not the login form
    assert found["scroll"] <= found["width"], found
