"""/api/v1/agreements: budget, officers with masked NIKs, invoice lines, region scope."""

import pytest

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_list_detail_and_invoice(operator, agreement, officers):
    client = client_for(operator)
    listed = client.get("/api/v1/agreements").json()
    assert [a["number"] for a in listed] == [agreement.number]
    assert listed[0]["budget"] == {
        "ceiling": 100_000,
        "used": 100_800,
        "percent": 100.8,
        "officers": 3,
        "problems": [],
    }
    detail = client.get(f"/api/v1/agreements/{agreement.pk}").json()
    assert detail["premium_total"] == 100_800 and detail["officers_total"] == 3
    assert {o["premium"] for o in detail["officers"]} == {33_600}
    body = str(detail)
    for spell in officers:
        assert spell.person.nik not in body
    assert "••••••" in detail["officers"][0]["nik"]
    assert detail["parties"][1]["name"] == "BPJS Ketenagakerjaan Kantor Cabang Pangkalan Bun"

    inv = client.get(
        f"/api/v1/agreements/{agreement.pk}/invoice", {"from": "2024-12-01", "to": "2024-12-31"}
    ).json()
    assert inv["lines"] == [
        {"role": "KPPS", "officers": 3, "months": 3, "days": 24, "amount": 50_400}
    ]
    assert inv["total"] == 50_400 and "PP 44/2015 Pasal 20" in inv["references"]
    reversed_dates = client.get(
        f"/api/v1/agreements/{agreement.pk}/invoice", {"from": "2024-12-31", "to": "2024-12-01"}
    )
    assert reversed_dates.status_code == 400 and reversed_dates.json()["code"] == "dates_reversed"


def test_out_of_scope_is_not_found(operator_jelai, agreement):
    client = client_for(operator_jelai)
    assert client.get("/api/v1/agreements").json() == []
    assert client.get(f"/api/v1/agreements/{agreement.pk}").status_code == 404
    assert client.get(f"/api/v1/agreements/{agreement.pk}/invoice").status_code == 404
