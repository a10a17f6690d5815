"""/api/v1/claims: the same services and scope as the pages, NIKs masked."""

import json

import pytest

from cakupan.claims.models import Claim
from tests.claims.conftest import ELECTION_NIGHT, second_officer
from tests.claims.test_services import add_family, attach_all, report
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_create_list_detail_and_transitions(operator, bpjs, officer, agreement):
    client = client_for(operator)
    response = post(
        client,
        "/api/v1/claims",
        {
            "nik": officer.person.nik, "program": "JKM", "event": "death",
            "incident_date": ELECTION_NIGHT.isoformat(), "reported_on": "2024-11-29",
            "place": "TPS 003", "circumstances": "Bertugas sebagai KPPS",
            "reporter_name": "Ahmad", "paid_through": "2024-11",
        },
    )  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "entered" and body["agreement"] == agreement.number
    assert body["decision"]["total"] == 42_000_000
    assert body["coverage"]["state"] == "covered"
    assert officer.person.nik not in response.content.decode()
    claim = Claim.objects.get(pk=body["id"])
    heir = post(
        client, f"/api/v1/claims/{claim.pk}/heirs",
        {"relation": "widower", "name": "Ahmad", "birth_date": "1978-01-05"},
    )  # fmt: skip
    assert heir.status_code == 201 and heir.json()["entitled"] is True
    listed = client.get("/api/v1/claims").json()
    assert [r["id"] for r in listed] == [claim.pk]
    # an operator cannot verify; the officer can once the documents are there
    refused = post(client, f"/api/v1/claims/{claim.pk}/transition", {"action": "verify"})
    assert refused.status_code == 403
    officer_client = client_for(bpjs)
    missing = post(officer_client, f"/api/v1/claims/{claim.pk}/transition", {"action": "verify"})
    assert missing.status_code == 400 and missing.json()["code"] == "documents_missing"
    attach_all(operator, claim)
    done = post(officer_client, f"/api/v1/claims/{claim.pk}/transition", {"action": "verify"})
    assert done.json()["status"] == "verified"
    approved = post(
        client_for(second_officer()), f"/api/v1/claims/{claim.pk}/transition", {"action": "approve"}
    )
    assert approved.json()["status"] == "approved"


def test_approving_ones_own_entry_is_refused(bpjs, officer):
    claim = report(bpjs, officer.person.nik)
    add_family(bpjs, claim)
    attach_all(bpjs, claim)
    client = client_for(bpjs)
    post(client, f"/api/v1/claims/{claim.pk}/transition", {"action": "verify"})
    response = post(client, f"/api/v1/claims/{claim.pk}/transition", {"action": "approve"})
    assert response.status_code == 400 and response.json()["code"] == "approve_own_entry"


def test_outside_coverage_is_recorded_refused(operator, officer):
    response = post(
        client_for(operator),
        "/api/v1/claims",
        {
            "nik": officer.person.nik, "program": "JKM", "event": "death",
            "incident_date": "2025-02-01", "reported_on": "2025-02-02", "place": "Rumah",
            "circumstances": "Sakit", "reporter_name": "Ahmad",
        },
    )  # fmt: skip
    assert response.status_code == 201
    assert (
        response.json()["status"] == "refused"
        and "1 Februari 2025" in response.json()["status_reason"]
    )


def test_scope_and_summary(operator, bpjs_jelai, officer):
    claim = report(operator, officer.person.nik)
    other = client_for(bpjs_jelai)
    assert other.get(f"/api/v1/claims/{claim.pk}").status_code == 404
    assert other.get("/api/v1/claims").json() == []
    summary = client_for(operator).get("/api/v1/claims/summary?by=region").json()
    assert summary == [
        {"key": "62.08.01", "claims": 1, "refused": 0, "rejected": 0, "paid_claims": 0,
         "decided_amount": 42_000_000, "scholarships_amount": 0, "paid_amount": 0}
    ]  # fmt: skip
