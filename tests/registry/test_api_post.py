"""NIKs stay out of URLs: `POST /persons/search` and `POST /coverage/check` take the NIK in a
JSON body (URLs end up in server logs and proxies); the GET forms still answer the same for
existing clients and are marked deprecated in the OpenAPI schema."""

import datetime as dt

import pytest
from django.test import Client

from cakupan.accounts.services import token_issue
from cakupan.registry.services import spell_add
from cakupan.rules.nik import mask_nik
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
D = dt.date


def api(user) -> Client:
    _token, raw = token_issue(actor=user, name="post-tests")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def post(client, path, body):
    return client.post(path, body, content_type="application/json")


@pytest.fixture
def covered_siti(siti, regency_operator):
    spell_add(
        actor=regency_operator,
        person_id=siti.pk,
        programs=["JKK", "JKM"],
        start_date=D(2024, 11, 1),
        end_date=D(2024, 12, 8),
        segment="BPU",
        payer="apbdes",
    )
    return siti


def test_search_by_nik_in_the_body(siti, budi, regency_operator):
    client = api(regency_operator)
    found = post(client, "/api/v1/persons/search", {"q": siti.nik})
    assert found.status_code == 200
    assert [(p["name"], p["nik"]) for p in found.json()] == [("Siti Aminah", mask_nik(siti.nik))]
    by_name = post(client, "/api/v1/persons/search", {"q": "siti", "birth_date": "1990-01-05"})
    assert [p["id"] for p in by_name.json()] == [siti.pk]
    wrong_day = post(client, "/api/v1/persons/search", {"q": "siti", "birth_date": "2000-01-01"})
    assert wrong_day.json() == []
    # Same answer as the deprecated GET.
    assert client.get("/api/v1/persons", {"q": siti.nik}).json() == found.json()


def test_search_in_the_body_keeps_the_rules(siti, budi, village_operator):
    client = api(village_operator)  # Desa Pulau Nibung: Budi lives in Kecamatan Sukamara
    too_short = post(client, "/api/v1/persons/search", {"q": "si"})
    assert too_short.status_code == 400 and too_short.json()["code"] == "search_too_short"
    assert post(client, "/api/v1/persons/search", {"q": budi.nik}).json() == []
    missing = post(client, "/api/v1/persons/search", {})
    assert missing.status_code == 400 and missing.json()["code"] == "invalid_input"
    assert Client().post("/api/v1/persons/search", {"q": siti.nik}).status_code == 401


def test_coverage_check_in_the_body(covered_siti, regency_operator):
    client = api(regency_operator)
    response = post(
        client, "/api/v1/coverage/check", {"nik": covered_siti.nik, "date": "2024-12-08"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "covered" and body["payer"] == "apbdes"
    assert body["nik"] == mask_nik(covered_siti.nik)
    old = client.get("/api/v1/coverage/check", {"nik": covered_siti.nik, "date": "2024-12-08"})
    assert old.json() == body


def test_coverage_check_in_the_body_bad_input_is_a_400(regency_operator):
    client = api(regency_operator)
    bad_nik = post(client, "/api/v1/coverage/check", {"nik": "123", "date": "2024-11-27"})
    assert bad_nik.status_code == 400 and bad_nik.json()["code"] == "nik_invalid"
    bad_date = post(client, "/api/v1/coverage/check", {"nik": "6208011707850012", "date": "x"})
    assert bad_date.status_code == 400 and bad_date.json()["code"] == "invalid_input"


def test_coverage_check_needs_registry_access(regions):
    viewer = make_user("pimpinan", "viewer", "62.08")
    refused = post(
        api(viewer), "/api/v1/coverage/check", {"nik": "6208011707850012", "date": "2024-11-27"}
    )
    assert refused.status_code == 403


def test_schema_prefers_post_and_deprecates_get():
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    search, check = paths["/api/v1/persons/search"]["post"], paths["/api/v1/coverage/check"]
    assert search["requestBody"]["content"]["application/json"]
    assert check["post"]["requestBody"]["content"]["application/json"]
    assert not search.get("deprecated") and not check["post"].get("deprecated")
    assert paths["/api/v1/persons"]["get"]["deprecated"] is True
    assert check["get"]["deprecated"] is True
    assert "POST /coverage/check" in check["get"]["description"]
    assert "POST /persons/search" in paths["/api/v1/persons"]["get"]["description"]
    # Registering a worker (POST /persons) is not deprecated.
    assert not paths["/api/v1/persons"]["post"].get("deprecated")
