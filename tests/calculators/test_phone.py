"""The parameters page on a 375px phone: long keys and references wrap, nothing is cut off."""

import pytest

from tests.claims.phone import overflow_on_phone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_parameters_page_fits_a_375px_phone(live_server, viewer):
    found = overflow_on_phone(live_server.url, "pembaca", "/parameter/")
    assert found["cards"] > 10  # every parameter, not the login form
    assert found["scroll"] <= found["width"], found
