"""The machine API: schema and docs, health, token authentication, domain errors as JSON."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from cakupan.accounts.models import ApiToken
from cakupan.accounts.services import token_issue, token_revoke
from cakupan.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_health_needs_no_login_and_reports_the_database():
    response = Client().get("/api/v1/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_openapi_schema_and_docs_page_are_served():
    schema = Client().get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Cakupan API"
    assert "/api/v1/users" in schema["paths"]
    assert "BearerToken" in schema["components"]["securitySchemes"]
    docs = Client().get("/api/v1/docs")
    assert docs.status_code == 200
    # The docs page must work offline and under our CSP: every script is served by us.
    html = docs.content.decode()
    assert "cdn." not in html and "/static/ninja/swagger-ui-bundle.js" in html
    assert "script-src 'self'" in docs["Content-Security-Policy"]


def test_endpoints_refuse_anonymous_callers(admin_regency):
    assert Client().get("/api/v1/users").status_code == 401


def test_a_token_acts_as_its_user(admin_regency, operator_jelai):
    token, raw = token_issue(actor=admin_regency, name="sipp-sync")
    assert raw.startswith("ckp_") and raw not in token.key_hash
    response = Client(headers={"Authorization": f"Bearer {raw}"}).get("/api/v1/users")
    assert response.status_code == 200
    assert "op_jelai" in {u["username"] for u in response.json()}
    assert AuditEvent.objects.filter(action="accounts.token_issue").exists()


def test_revoked_expired_and_unknown_tokens_are_refused(admin_regency):
    token, raw = token_issue(actor=admin_regency, name="old")
    token_revoke(actor=admin_regency, token_id=token.pk, reason="leaked")
    assert (
        Client(headers={"Authorization": f"Bearer {raw}"}).get("/api/v1/users").status_code == 401
    )
    expired, raw2 = token_issue(
        actor=admin_regency, name="short", expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert (
        Client(headers={"Authorization": f"Bearer {raw2}"}).get("/api/v1/users").status_code == 401
    )
    bad = Client(headers={"Authorization": "Bearer ckp_not-a-token"})
    assert bad.get("/api/v1/users").status_code == 401
    assert ApiToken.objects.count() == 2


def test_session_login_works_for_the_browser(admin_regency):
    client = Client()
    client.force_login(admin_regency)
    assert client.get("/api/v1/users").status_code == 200


def test_domain_errors_are_json_with_a_message(admin_regency):
    _t, raw = token_issue(actor=admin_regency, name="t")
    api = Client(headers={"Authorization": f"Bearer {raw}", "Accept-Language": "en"})
    response = api.get("/api/v1/users/424242")
    assert response.status_code == 404
    assert response.json() == {"code": "user_not_found", "message": "User not found."}
    response = Client(headers={"Authorization": f"Bearer {raw}"}).get("/api/v1/users/424242")
    assert response.json()["message"] == "Pengguna tidak ditemukan."
