"""Users issue API tokens for their own machine clients; the key is shown once."""

import re

import pytest
from django.test import Client

from cakupan.accounts.models import ApiToken
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_issue_use_and_revoke_a_token_from_the_page(operator_jelai):
    page = client_for(operator_jelai)
    response = page.post("/akun/token/", {"name": "sistem desa"}, follow=True)
    body = response.content.decode()
    raw = re.search(r'<code id="new-token">(ckp_[^<]+)</code>', body).group(1)
    assert "no-store" in response["Cache-Control"]  # the back button cannot bring it back
    assert ApiToken.objects.get(user=operator_jelai).name == "sistem desa"
    assert raw not in page.get("/akun/token/").content.decode()  # shown once only

    machine = Client(headers={"Authorization": f"Bearer {raw}"})
    assert machine.get("/api/v1/health").status_code == 200
    token = ApiToken.objects.get(user=operator_jelai)
    page.post(f"/akun/token/{token.pk}/cabut/")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_nobody_can_revoke_someone_elses_token(operator_jelai, admin_regency):
    client_for(operator_jelai).post("/akun/token/", {"name": "mine"})
    token = ApiToken.objects.get(user=operator_jelai)
    response = client_for(admin_regency).post(f"/akun/token/{token.pk}/cabut/")
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_issuing_redirects_so_a_reload_does_not_issue_a_second_token(operator_jelai):
    page = client_for(operator_jelai)
    response = page.post("/akun/token/", {"name": "sekali"})
    assert response.status_code == 302 and response["Location"] == "/akun/token/"
    page.get("/akun/token/")
    page.get("/akun/token/")
    assert ApiToken.objects.filter(user=operator_jelai).count() == 1


def test_the_usage_hint_shows_the_token_placeholder(operator_jelai):
    """`<token>` written raw would be read by the browser as a tag and disappear."""
    body = client_for(operator_jelai).get("/akun/token/").content.decode()
    assert "Authorization: Bearer &lt;token&gt;" in body
    assert "<token>" not in body
