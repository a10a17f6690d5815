"""The calculator API answers exactly what `cakupan calc ... --json` prints, and fails politely.

Worked examples (sources in each docstring of tests/rules) are replayed through both the CLI
and the API; the two JSON documents must be equal.
"""

import json

import pytest
from django.test import Client
from typer.testing import CliRunner

from cakupan.calculators.cli import app
from cakupan.rules.params import parameter_names

pytestmark = pytest.mark.django_db

runner = CliRunner()


def cli_json(*args: str) -> dict:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def as_options(query: dict) -> list[str]:
    """{'risk_class': '1', 'with_jht': 'true'} -> ['--risk-class', '1', '--with-jht']."""
    args = []
    for key, value in query.items():
        option = "--" + key.replace("_", "-")
        if value == "true":
            args.append(option)
        else:
            args += [option, value]
    return args


EXAMPLES = [
    pytest.param(
        "contribution",
        {"segment": "BPU", "date": "2024-01-01", "income": "1000000"},
        16_800,
        id="bpu-16800-package",
    ),
    pytest.param(
        "contribution",
        {"segment": "BPU", "date": "2024-11-07", "income": "1000000", "with_jht": "true",
         "days": "32"},
        2 * 36_800,
        id="bpu-with-jht-two-months",
    ),
    pytest.param(
        "contribution",
        {"segment": "PU", "date": "2024-06-01", "wage": "5000000", "risk_class": "1"},
        473_000,
        id="pu-wage-risk-class-1",
    ),
    pytest.param(
        "contribution",
        {"segment": "PU", "date": "2024-06-01", "wage": "5000000", "risk_class": "4"},
        None,
        id="pu-wage-risk-class-4",
    ),
    pytest.param(
        "contribution",
        {"segment": "JAKON", "date": "2024-01-01", "project_value": "1000000000"},
        1_750_000,
        id="jakon-1-billion",
    ),
    pytest.param(
        "benefit",
        {"program": "JKM", "event": "death", "date": "2024-02-20", "membership_months": "48",
         "children": "SD,SMP"},
        None,
        id="jkm-death-with-children",
    ),
    pytest.param(
        "benefit",
        {"program": "JKK", "event": "death", "date": "2023-07-01", "wage": "3131321",
         "children": "SMA"},
        241_303_408,
        id="jkk-death-48x",
    ),
    pytest.param(
        "benefit",
        {"program": "JKK", "event": "stmb", "date": "2024-01-01", "income": "1000000",
         "days": "30"},
        1_000_000,
        id="jkk-stmb",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("command", "query", "total"), EXAMPLES)
def test_api_equals_cli_json(api_client, command, query, total):
    response = api_client.get(f"/api/v1/calc/{command}", query)
    assert response.status_code == 200, response.content
    data = response.json()
    assert data == cli_json(command, *as_options(query))
    assert isinstance(data["total"], int)
    if total is not None:
        assert data["total"] == total
    for component in data["components"]:
        assert {"program", "name", "amount", "payer", "reference"} <= set(component)
        assert isinstance(component["amount"], int)
    assert data["trace"] and all(t["reference"] for t in data["trace"])


def test_jkm_death_with_children_includes_scholarships(api_client):
    """PP 82/2019: after 3 years of contributions, up to 2 children get scholarships."""
    query = {"program": "JKM", "event": "death", "date": "2024-02-20",
             "membership_months": "48", "children": "SD,SMP"}  # fmt: skip
    data = api_client.get("/api/v1/calc/benefit", query).json()
    names = [c["name"] for c in data["components"]]
    assert names.count("scholarship") > 1 and "lump_sum" in names and "funeral" in names


def test_benefit_json_separates_paid_at_claim_from_scholarships(api_client):
    """The scholarships are paid per school year: the JSON says how much is paid on the claim."""
    query = {"program": "JKM", "event": "death", "date": "2024-02-20",
             "membership_months": "48", "children": "SD,SMP"}  # fmt: skip
    for lang in ("id", "en"):
        data = api_client.get("/api/v1/calc/benefit", query, HTTP_ACCEPT_LANGUAGE=lang).json()
        assert data == cli_json("benefit", *as_options(query), "--lang", lang)
        parts = data["components"]
        later = sum(c["amount"] for c in parts if c["name"] == "scholarship")
        now = sum(c["amount"] for c in parts if c["name"] != "scholarship")
        assert data["scholarships_total"] == later > 0 and data["paid_at_claim"] == now
        assert data["total"] == now + later == sum(c["amount"] for c in parts)
        assert data["scholarships_note"]
    schema = api_client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert {"paid_at_claim", "scholarships_total"} <= set(schema["BenefitOut"]["properties"])


def test_heirs_reasons_follow_accept_language(api_client):
    family = {"program": "JKM", "deceased": {"sex": "L", "death_date": "2024-02-20"},
              "relatives": [{"relation": "widow", "alive": False, "name": "Siti"}]}  # fmt: skip
    body = json.dumps(family)
    en = api_client.post("/api/v1/calc/heirs", body, content_type="application/json",
                         HTTP_ACCEPT_LANGUAGE="en").json()  # fmt: skip
    assert en["excluded"][0]["reason"] == "not alive"
    assert en["excluded"][0]["relation_label"] == "Widow"
    assert en["recipient_label"].startswith("Whoever arranged the funeral")
    cli = runner.invoke(app, ["heirs", "--json", "--lang", "en"], input=body)
    assert en == json.loads(cli.stdout)


def test_labels_follow_accept_language(api_client):
    query = {"segment": "BPU", "date": "2024-01-01", "income": "1000000"}
    en = api_client.get("/api/v1/calc/contribution", query, HTTP_ACCEPT_LANGUAGE="en").json()
    assert en["components"][0]["label"] == "JKK contribution"
    assert en == cli_json("contribution", *as_options(query), "--lang", "en")


def test_heirs_post_equals_cli_json(api_client):
    family = {
        "program": "JKM",
        "deceased": {"sex": "L", "death_date": "2024-02-20", "birth_date": "1980-01-01"},
        "relatives": [
            {"relation": "widow", "name": "Siti", "nik": "6208014101850003"},
            {"relation": "child", "name": "Budi", "birth_date": "2010-05-05"},
            {"relation": "parent", "name": "Ayah", "birth_date": "1950-01-01"},
        ],
    }
    response = api_client.post(
        "/api/v1/calc/heirs", json.dumps(family), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    cli = runner.invoke(app, ["heirs", "--json"], input=json.dumps(family))
    assert response.json() == json.loads(cli.stdout)
    assert response.json()["group"][0]["nik"] == "620801••••••0003"


BAD = [
    pytest.param(
        "contribution",
        {"segment": "PU", "date": "2024-01-01", "wage": "lima juta", "risk_class": "1"},
        "input.not_integer",
        ("bilangan bulat", "whole number"),
        id="wage-not-a-number",
    ),
    pytest.param(
        "contribution",
        {"segment": "PU", "date": "2024-01-01", "wage": "5000000", "risk_class": "9"},
        "pu.risk_class",
        ("Kelas risiko", "risk class"),
        id="risk-class",
    ),
    pytest.param(
        "contribution",
        {"segment": "PU", "date": "2024-02-30", "wage": "1", "risk_class": "1"},
        "input.date",
        ("tidak ada di kalender", "not a date on the calendar"),
        id="impossible-date",
    ),
    pytest.param(
        "contribution",
        {"segment": "BPU", "date": "2024-01-01", "income": "1"},
        "bpu.income_below_minimum",
        ("di bawah batas minimum", "below the BPU minimum"),
        id="income-below-minimum",
    ),
    pytest.param(
        "contribution",
        {"segment": "BPU", "date": "2024-01-01", "income": "1000000", "with_jht": "maybe"},
        "input.choice",
        ("salah satu dari", "must be one of"),
        id="flag-not-boolean",
    ),
    pytest.param(
        "contribution",
        {"segment": "BPU", "date": "2024-01-01", "income": "1000000", "rounding": "bogus"},
        "input.choice",
        ("salah satu dari", "must be one of"),
        id="unknown-rounding",
    ),
    pytest.param(
        "contribution",
        {"date": "2024-01-01"},
        "input.required",
        ("wajib diisi", "is required"),
        id="segment-missing",
    ),
    pytest.param(
        "contribution",
        {"segment": "PU", "date": "2014-01-01", "wage": "1", "risk_class": "1"},
        "param.not_in_force",
        ("belum berlaku", "not in force"),
        id="before-the-rule",
    ),
    pytest.param(
        "benefit",
        {"program": "JKM", "event": "stmb", "date": "2024-01-01"},
        "benefit.event_unknown",
        ("tidak tersedia", "not available"),
        id="unknown-event",
    ),
    pytest.param(
        "benefit",
        {"program": "JKM", "event": "death", "date": "2024-01-01", "children": "S3"},
        "benefit.level_unknown",
        ("tidak dikenal", "Unknown school level"),
        id="unknown-school-level",
    ),
]


@pytest.mark.parametrize(("command", "query", "code", "fragments"), BAD)
def test_bad_input_is_400_json_in_the_callers_language(api_client, command, query, code, fragments):
    for lang, fragment in zip(("id", "en"), fragments, strict=True):
        response = api_client.get(f"/api/v1/calc/{command}", query, HTTP_ACCEPT_LANGUAGE=lang)
        assert response.status_code == 400, response.content
        body = response.json()
        assert body["code"] == code
        assert fragment in body["message"], (lang, body["message"])


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("{not json", "input.json"),
        (json.dumps({"program": "JKM", "deceased": {"sex": "P", "death_date": "2024-01-01"},
                     "relatives": [{"relation": "widow"}]}), "heirs.spouse_relation"),
        (json.dumps({"program": "JKM", "deceased": {"sex": "L", "death_date": "2024-01-01"},
                     "relatives": [{"relation": "child", "alive": "yes"}]}), "input.json"),
        (json.dumps({"deceased": {"sex": "L", "death_date": "2024-01-01"}}), "input.required"),
        (json.dumps([1, 2]), "input.json"),
    ],
)  # fmt: skip
def test_bad_heirs_body_is_400(api_client, body, code):
    response = api_client.post("/api/v1/calc/heirs", body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert response.json()["code"] == code


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/parameters",
        "/api/v1/parameters/jkm.lump_sum",
        "/api/v1/calc/contribution?segment=BPU&date=2024-01-01&income=1000000",
        "/api/v1/calc/benefit?program=JKM&event=death&date=2024-01-01",
    ],
)
def test_anonymous_is_401(url):
    assert Client().get(url).status_code == 401


def test_anonymous_heirs_is_401():
    assert (
        Client().post("/api/v1/calc/heirs", "{}", content_type="application/json").status_code
        == 401
    )


def test_parameters_list_every_parameter_with_references(api_client):
    response = api_client.get("/api/v1/parameters")
    assert response.status_code == 200
    data = response.json()
    assert [p["name"] for p in data] == parameter_names()
    for p in data:
        assert p["subject"] == p["name"].split(".")[0]
        assert p["description"]["id"] and p["description"]["en"]
        assert p["values"], p["name"]
        for value in p["values"]:
            assert value["from"] and value["reference"]["regulation"]
            assert value["reference"]["article"]
    lump = next(p for p in data if p["name"] == "jkm.lump_sum")
    assert {"from": "2019-12-02", "value": 20_000_000}.items() <= lump["values"][-1].items()
    assert lump["values"][-1]["reference"]["regulation"] == "PP 82/2019"


def test_one_parameter_and_an_unknown_one(api_client):
    found = api_client.get("/api/v1/parameters/pu.jkk_rate")
    assert found.status_code == 200 and found.json()["unit"] == "percent"
    missing = api_client.get("/api/v1/parameters/pu.nope", HTTP_ACCEPT_LANGUAGE="en")
    assert missing.status_code == 404
    assert missing.json() == {"code": "param.unknown", "message": "Unknown parameter 'pu.nope'."}


def test_openapi_documents_the_calculators():
    schema = Client().get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/api/v1/parameters",
        "/api/v1/parameters/{name}",
        "/api/v1/calc/contribution",
        "/api/v1/calc/benefit",
        "/api/v1/calc/heirs",
    ):
        assert path in paths
    params = {p["name"]: p for p in paths["/api/v1/calc/contribution"]["get"]["parameters"]}
    assert params["segment"]["required"] and params["date"]["required"]
    assert params["wage"]["schema"]["type"] == "integer"
    assert params["with_jht"]["schema"]["type"] == "boolean"
    assert params["segment"]["schema"]["enum"] == ["PU", "BPU", "JAKON", "PMI"]
    responses = paths["/api/v1/calc/benefit"]["get"]["responses"]
    assert {"200", "400"} <= set(responses)
    body = paths["/api/v1/calc/heirs"]["post"]["requestBody"]["content"]["application/json"]
    assert "deceased" in body["schema"]["properties"]
    assert "CalculationOut" in schema["components"]["schemas"]
