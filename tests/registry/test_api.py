"""Registry API: search, read (masked), reveal (audited), spells, BPU registration, coverage
check; everything inside the caller's region scope, described in the OpenAPI schema."""

import datetime as dt

import pytest
from django.test import Client

from cakupan.accounts.services import token_issue
from cakupan.audit.models import AuditEvent
from cakupan.registry.models import Person
from cakupan.registry.services import spell_add
from cakupan.rules.nik import mask_nik
from tests.conftest import DESA_PULAU_NIBUNG, make_user
from tests.registry.conftest import DESA_KARTAMULIA, nik_for

pytestmark = pytest.mark.django_db
D = dt.date


def api(user) -> Client:
    _token, raw = token_issue(actor=user, name="registry-tests")
    return Client(headers={"Authorization": f"Bearer {raw}"})


@pytest.fixture
def jelai(regions):
    return make_user("jelai", "regency_operator", "62.08.02")


@pytest.fixture
def covered_budi(budi, regency_operator):
    spell_add(
        actor=regency_operator,
        person_id=budi.pk,
        programs=["JKK", "JKM"],
        start_date=D(2024, 11, 1),
        end_date=D(2024, 12, 8),
        segment="BPU",
        payer="apbd",
        wage=1_000_000,
        kpj="24000999888",
    )
    return budi


def test_schema_documents_the_registry_endpoints():
    schema = Client().get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/api/v1/persons",
        "/api/v1/persons/{person_id}",
        "/api/v1/persons/{person_id}/reveal-nik",
        "/api/v1/persons/{person_id}/spells",
        "/api/v1/coverage/check",
    ):
        assert path in paths, path
    assert {"get", "post"} <= set(paths["/api/v1/persons"])
    schemas = schema["components"]["schemas"]
    assert "Masked NIK" in schemas["PersonSummaryOut"]["properties"]["nik"]["description"]
    coverage = schemas["CoverageOut"]["properties"]
    assert {"covered", "nik", "programs", "segment", "payer", "spells", "rules"} <= set(coverage)
    assert "BpuRegistrationIn" in schemas


def test_search_returns_masked_niks(siti, budi, regency_operator):
    client = api(regency_operator)
    found = client.get("/api/v1/persons", {"q": "aminah"}).json()
    assert [p["name"] for p in found] == ["Siti Aminah"]
    assert found[0]["nik"] == mask_nik(siti.nik)
    # A list gives the birth year only: the full date is NIK digits 7-12, the masked part.
    assert found[0]["birth_year"] == siti.birth_date.year and "birth_date" not in found[0]
    dated = client.get("/api/v1/persons", {"q": "siti", "birth_date": "1990-01-05"}).json()
    assert len(dated) == 1
    assert client.get("/api/v1/persons", {"q": "siti", "birth_date": "2000-01-01"}).json() == []


def test_search_refuses_browsing(siti, regency_operator):
    response = api(regency_operator).get("/api/v1/persons", {"q": "si"})
    assert response.status_code == 400 and response.json()["code"] == "search_too_short"


def test_person_and_spells(covered_budi, regency_operator):
    client = api(regency_operator)
    person = client.get(f"/api/v1/persons/{covered_budi.pk}").json()
    assert person["nik"] == mask_nik(covered_budi.nik)
    assert covered_budi.nik not in str(person)
    assert person["region_name"] == "Kartamulia"
    spells = client.get(f"/api/v1/persons/{covered_budi.pk}/spells").json()
    assert spells[0]["programs"] == ["JKK", "JKM"] and spells[0]["end"] == "2024-12-08"
    assert spells[0]["kpj"] == "24000999888"


def test_reveal_nik_is_post_only_and_audited(siti, bpjs_officer, village_operator):
    url = f"/api/v1/persons/{siti.pk}/reveal-nik"
    assert api(bpjs_officer).get(url).status_code == 405
    response = api(bpjs_officer).post(url, {"reason": "klaim JKM"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["nik"] == siti.nik
    event = AuditEvent.objects.get(action="registry.nik_view")
    assert event.actor == bpjs_officer and event.reason == "klaim JKM"
    no_body = api(bpjs_officer).post(url, content_type="application/json")  # reason optional
    assert no_body.json()["nik"] == siti.nik
    refused = api(village_operator).post(url, content_type="application/json")
    assert refused.status_code == 404
    assert AuditEvent.objects.filter(action="registry.nik_view").count() == 2


def test_register_bpu_worker(village_operator):
    born = D(1992, 3, 14)
    body = {
        "nik": nik_for("62.08.02", born, "L", 21),
        "name": "Ahmad Yani",
        "sex": "L",
        "birth_date": born.isoformat(),
        "region_code": DESA_PULAU_NIBUNG,
        "income": 1_000_000,
        "payer": "apbdes",
        "start_date": "2024-11-01",
        "flags": ["fisher"],
    }
    client = api(village_operator)
    response = client.post("/api/v1/persons", body, content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["person"]["nik"] == mask_nik(body["nik"]) and data["person"]["flags"] == ["fisher"]
    assert data["spell"]["programs"] == ["JKK", "JKM"] and data["spell"]["segment"] == "BPU"
    again = client.post("/api/v1/persons", body, content_type="application/json")
    assert again.status_code == 409
    assert again.json()["code"] == "nik_registered"
    assert again.json()["person_id"] == data["person"]["id"]
    low = client.post(
        "/api/v1/persons",
        {**body, "nik": nik_for("62.08.02", born, "L", 22), "income": 10},
        content_type="application/json",
    )
    assert low.status_code == 400 and low.json()["code"] == "bpu.income_below_minimum"
    assert Person.objects.count() == 1


def test_register_reports_every_nik_problem(village_operator):
    response = api(village_operator).post(
        "/api/v1/persons",
        {
            "nik": "9999993213990000",
            "name": "X",
            "sex": "L",
            "birth_date": "1990-01-01",
            "region_code": DESA_PULAU_NIBUNG,
            "income": 1_000_000,
            "start_date": "2024-11-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "nik_invalid"
    assert {"nik.region_unknown", "nik.birth_date", "nik.serial_zero"} <= set(body["codes"])


def test_coverage_check(covered_budi, regency_operator):
    client = api(regency_operator)
    yes = client.get("/api/v1/coverage/check", {"nik": covered_budi.nik, "date": "2024-11-27"})
    body = yes.json()
    assert yes.status_code == 200 and body["covered"] is True
    assert body["nik"] == mask_nik(covered_budi.nik)
    assert body["programs"] == ["JKK", "JKM"] and body["segment"] == "BPU"
    assert body["payer"] == "apbd"
    spell = body["spells"][0]
    assert spell["start"] == "2024-11-01" and spell["end"] == "2024-12-08"
    assert spell["kpj"] == "24000999888"
    assert {r["program"] for r in body["rules"]} == {"JKK", "JKM"}
    no = client.get("/api/v1/coverage/check", {"nik": covered_budi.nik, "date": "2024-12-09"})
    assert no.json()["covered"] is False and no.json()["spells"] == []


def test_coverage_check_bad_input_is_a_400(regency_operator):
    client = api(regency_operator)
    bad_nik = client.get("/api/v1/coverage/check", {"nik": "123", "date": "2024-11-27"})
    assert bad_nik.status_code == 400 and bad_nik.json()["code"] == "nik_invalid"
    bad_date = client.get("/api/v1/coverage/check", {"nik": "6208011707850012", "date": "x"})
    assert bad_date.status_code == 400 and bad_date.json()["code"] == "invalid_input"


def test_api_refuses_anonymous_callers(siti):
    assert Client().get("/api/v1/persons", {"q": "siti"}).status_code == 401
    assert Client().get(f"/api/v1/persons/{siti.pk}").status_code == 401


def test_jelai_token_cannot_cross_into_sukamara(covered_budi, jelai):
    client = api(jelai)
    assert client.get("/api/v1/persons", {"q": "santoso"}).json() == []
    assert client.get("/api/v1/persons", {"q": covered_budi.nik}).json() == []
    assert client.get(f"/api/v1/persons/{covered_budi.pk}").status_code == 404
    assert client.get(f"/api/v1/persons/{covered_budi.pk}/spells").status_code == 404
    reveal = client.post(
        f"/api/v1/persons/{covered_budi.pk}/reveal-nik", content_type="application/json"
    )
    assert reveal.status_code == 404 and covered_budi.nik not in reveal.content.decode()
    assert not AuditEvent.objects.filter(action="registry.nik_view").exists()
    # Out of scope answers exactly like a NIK nobody has.
    day = "2024-11-27"
    hidden = client.get("/api/v1/coverage/check", {"nik": covered_budi.nik, "date": day})
    unknown_nik = nik_for("62.08.01", covered_budi.birth_date, "L", 77)
    unknown = client.get("/api/v1/coverage/check", {"nik": unknown_nik, "date": day})
    assert hidden.status_code == unknown.status_code == 200
    strip = lambda body: {k: v for k, v in body.items() if k != "nik"}  # noqa: E731
    assert strip(hidden.json()) == strip(unknown.json())
    # Registering in a Sukamara desa is refused.
    born = D(1992, 3, 14)
    refused = client.post(
        "/api/v1/persons",
        {
            "nik": nik_for("62.08.01", born, "L", 41),
            "name": "Ina",
            "sex": "L",
            "birth_date": born.isoformat(),
            "region_code": DESA_KARTAMULIA,
            "income": 1_000_000,
            "start_date": "2024-11-01",
        },
        content_type="application/json",
    )
    assert refused.status_code == 403
    assert not Person.objects.filter(name="Ina").exists()


def test_duplicate_nik_outside_scope_gives_no_person_id(budi, village_operator):
    response = api(village_operator).post(
        "/api/v1/persons",
        {
            "nik": budi.nik,
            "name": "Budi",
            "sex": "L",
            "birth_date": budi.birth_date.isoformat(),
            "region_code": DESA_PULAU_NIBUNG,
            "income": 1_000_000,
            "start_date": "2024-11-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 409
    assert "person_id" not in response.json()
