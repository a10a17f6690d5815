"""/api/v1/coverage/indicators and /facts: the dashboard's figures for other systems, with the
same region scope and the same numbers as the selectors."""

import datetime as dt

import pytest
from ninja import NinjaAPI
from ninja.testing import TestClient

from cakupan.api.errors import install_error_handlers
from cakupan.coverage.api import router
from cakupan.coverage.basis.services import denominator_set, target_set
from cakupan.coverage.facts.services import coverage_facts_refresh
from tests.conftest import KEC_JELAI, KEC_SUKAMARA, SUKAMARA

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def client():
    # The project mounts this router at /api/v1/coverage; here it gets an API of its own
    # with the project's error handlers, so errors come back exactly as in production.
    api = NinjaAPI(urls_namespace="coverage-test")
    install_error_handlers(api)
    api.add_router("/coverage", router)
    return TestClient(api)


@pytest.fixture
def ready(synthetic, manager):
    coverage_facts_refresh(actor=manager, regency_code=SUKAMARA, today=dt.date(2026, 10, 31))
    denominator_set(
        actor=manager, region_code=KEC_JELAI, year=2026, population=6000,
        employment_share="0.5", source="Dukcapil",
    )  # fmt: skip
    target_set(actor=manager, region_code=KEC_JELAI, year=2026, rate=40, source="Renstra")


def test_indicators_with_estimate_label_target_and_gap(client, ready, viewer_jelai):
    got = client.get(f"/coverage/indicators?region={KEC_JELAI}&date=2026-06-30", user=viewer_jelai)
    assert got.status_code == 200, got.content
    body = got.json()
    assert body["computed"] == "monthly" and body["denominator"]["value"] == 3000
    assert body["denominator"]["is_estimate"] and "Perkiraan" in body["denominator"]["note"]
    assert body["rate"] == round(body["covered"] * 100 / 3000, 2)
    assert body["gap_persons"] == max(0, 1200 - body["covered"])
    assert sum(f["numerator"] for f in body["breakdowns"]["payer"]) == body["covered"]
    latest = client.get(f"/coverage/indicators?region={KEC_JELAI}", user=viewer_jelai).json()
    assert latest["date"] == "2026-10-31"


def test_facts_add_up_to_the_indicator(client, ready, viewer_jelai):
    rows = client.get(f"/coverage/facts?region={KEC_JELAI}&month=2026-06-01", user=viewer_jelai)
    assert rows.status_code == 200
    facts = rows.json()
    assert facts and all(r["region_code"].startswith(KEC_JELAI + ".") for r in facts)
    assert all(r["month"] == "2026-06-30" for r in facts)
    headline = client.get(
        f"/coverage/indicators?region={KEC_JELAI}&date=2026-06-30", user=viewer_jelai
    ).json()
    assert sum(r["persons"] for r in facts) == headline["covered"]


def test_outside_scope_is_refused_in_the_callers_language(client, ready, viewer_jelai):
    for url in (
        f"/coverage/indicators?region={KEC_SUKAMARA}",
        f"/coverage/facts?region={SUKAMARA}&month=2026-06-01",
    ):
        got = client.get(url, user=viewer_jelai, headers={"Accept-Language": "id"})
        assert got.status_code == 403 and got.json()["code"] == "permission_denied"
    missing = client.get(f"/coverage/facts?region={KEC_JELAI}&month=2030-01-01", user=viewer_jelai)
    assert missing.status_code == 404 and missing.json()["code"] == "coverage_month_missing"
