""" "Was this NIK covered on this date?" has three answers: covered, registered but not covered
that day, and no record within the caller's region. A Jelai-scoped operator asking about a
worker registered in Kecamatan Sukamara must not be told "not covered" (that would be false),
nor learn that the NIK exists: the third answer is identical for a NIK held elsewhere and for a
NIK held nowhere, through the selector, the API (GET and POST) and the CLI."""

import datetime as dt
import json

import pytest
from django.test import Client
from typer.testing import CliRunner

from cakupan.accounts.scope import SystemActor
from cakupan.accounts.services import token_issue
from cakupan.bootstrap import django_setup
from cakupan.coverage.cli import app as coverage_cli
from cakupan.registry.selectors import CoverageStatus, coverage_on
from cakupan.registry.services import spell_add
from cakupan.rules.nik import mask_nik
from tests.conftest import make_user
from tests.registry.conftest import nik_for

# The shell operator's question over the whole registry: the system acting in the province.
EVERYWHERE = SystemActor(job="tests", region_codes=("62",))

pytestmark = pytest.mark.django_db
D = dt.date
DAY = "2024-11-27"

django_setup()
runner = CliRunner()

NO_RECORD_ID = "Tidak ada catatan dalam wilayah Anda — ini bukan berarti tidak terlindungi."
NO_RECORD_EN = "No record within your region — this does not mean the person is not covered."


@pytest.fixture
def jelai(regions):
    return make_user("jelai", "regency_operator", "62.08.02")


@pytest.fixture
def covered_budi(budi, regency_operator):
    """Budi lives in Desa Kartamulia, Kecamatan Sukamara, and is covered all of 2024."""
    spell_add(
        actor=regency_operator,
        person_id=budi.pk,
        programs=["JKK", "JKM"],
        start_date=D(2024, 1, 1),
        end_date=D(2024, 12, 31),
        segment="BPU",
        payer="apbd",
        kpj="24000555666",
    )
    return budi


@pytest.fixture
def nowhere_nik(budi):
    """A valid NIK of the same kecamatan and birth date that nobody holds."""
    return nik_for("62.08.01", budi.birth_date, "L", 77)


def api(user) -> Client:
    _token, raw = token_issue(actor=user, name="coverage-scope-tests")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def post_check(client, nik, day=DAY, **headers):
    return client.post(
        "/api/v1/coverage/check",
        {"nik": nik, "date": day},
        content_type="application/json",
        **headers,
    )


def without_nik(body: dict) -> dict:
    return {k: v for k, v in body.items() if k != "nik"}


# ---------------------------------------------------------------- selector


def test_three_answers_from_the_selector(covered_budi, regency_operator, jelai, nowhere_nik):
    day = D(2024, 11, 27)
    assert coverage_on(nik=covered_budi.nik, day=day, user=regency_operator).status == (
        CoverageStatus.COVERED
    )
    lapsed = coverage_on(nik=covered_budi.nik, day=D(2025, 2, 1), user=regency_operator)
    assert lapsed.status == CoverageStatus.NOT_COVERED and not lapsed.covered
    elsewhere = coverage_on(nik=covered_budi.nik, day=day, user=jelai)
    nowhere = coverage_on(nik=nowhere_nik, day=day, user=jelai)
    assert elsewhere.status == nowhere.status == CoverageStatus.NO_RECORD
    assert elsewhere.person_id is None and elsewhere.spells == [] and elsewhere.rules == []
    # The shell operator (the system for the province) sees the whole registry: Budi is
    # covered, the other NIK has no record at all.
    assert (
        coverage_on(nik=covered_budi.nik, day=day, user=EVERYWHERE).status == CoverageStatus.COVERED
    )
    assert coverage_on(nik=nowhere_nik, day=day, user=EVERYWHERE).status == CoverageStatus.NO_RECORD


# ---------------------------------------------------------------- API


def test_api_jelai_gets_no_record_for_a_sukamara_worker(covered_budi, jelai, nowhere_nik):
    client = api(jelai)
    elsewhere = post_check(client, covered_budi.nik)
    nowhere = post_check(client, nowhere_nik)
    assert elsewhere.status_code == nowhere.status_code == 200
    body = elsewhere.json()
    assert body["status"] == "no_record" and body["message"] == NO_RECORD_ID
    assert body["covered"] is False and body["spells"] == [] and body["programs"] == []
    assert body["nik"] == mask_nik(covered_budi.nik)
    # Nothing tells "registered in another kecamatan" from "registered nowhere".
    assert without_nik(body) == without_nik(nowhere.json())
    # The deprecated GET answers the same.
    get = client.get("/api/v1/coverage/check", {"nik": covered_budi.nik, "date": DAY})
    assert get.json() == body
    english = post_check(client, covered_budi.nik, HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["message"] == NO_RECORD_EN


def test_api_covered_and_not_covered_inside_scope(covered_budi, regency_operator):
    client = api(regency_operator)
    yes = post_check(client, covered_budi.nik).json()
    assert yes["status"] == "covered" and yes["covered"] is True
    assert yes["message"] == "Terlindungi pada 27 November 2024."
    assert yes["programs"] == ["JKK", "JKM"] and yes["spells"][0]["kpj"] == "24000555666"
    no = post_check(client, covered_budi.nik, day="2025-02-01").json()
    assert no["status"] == "not_covered" and no["covered"] is False and no["spells"] == []
    assert no["message"] == "Terdaftar, tetapi tidak terlindungi pada 1 Februari 2025."


def test_schema_describes_the_three_answers():
    schema = Client().get("/api/v1/openapi.json").json()
    coverage = schema["components"]["schemas"]["CoverageOut"]
    status = coverage["properties"]["status"]
    assert set(status["enum"]) == {"covered", "not_covered", "no_record"}
    assert "does **not** mean" in status["description"]
    assert {"status", "message", "covered"} <= set(coverage["required"])


# ---------------------------------------------------------------- CLI


def cli(*args):
    return runner.invoke(coverage_cli, ["check", *args])


def test_cli_jelai_gets_no_record_exit_3(covered_budi, regency_operator, jelai, nowhere_nik):
    elsewhere = cli(covered_budi.nik, DAY, "--user", "jelai")
    nowhere = cli(nowhere_nik, DAY, "--user", "jelai")
    assert elsewhere.exit_code == nowhere.exit_code == 3
    assert f"NIK {mask_nik(covered_budi.nik)}: TIDAK ADA CATATAN" in elsewhere.output
    assert NO_RECORD_ID in elsewhere.output
    assert "TIDAK TERLINDUNGI" not in elsewhere.output
    assert covered_budi.nik not in elsewhere.output
    masked = (mask_nik(covered_budi.nik), mask_nik(nowhere_nik))
    assert elsewhere.output.replace(*masked) == nowhere.output
    english = cli(covered_budi.nik, DAY, "--user", "jelai", "--lang", "en")
    assert "NO RECORD" in english.output and NO_RECORD_EN in english.output
    # The regency operator sees Budi covered.
    assert cli(covered_budi.nik, DAY, "--user", "op_kab").exit_code == 0


def test_cli_json_carries_the_status(covered_budi, jelai, nowhere_nik):
    elsewhere = cli(covered_budi.nik, DAY, "--user", "jelai", "--json")
    nowhere = cli(nowhere_nik, DAY, "--user", "jelai", "--json")
    assert elsewhere.exit_code == nowhere.exit_code == 3
    body = json.loads(elsewhere.output)
    assert body["status"] == "no_record" and body["covered"] is False
    assert without_nik(body) == without_nik(json.loads(nowhere.output))


def test_cli_registered_but_not_covered_exit_1(covered_budi):
    result = cli(covered_budi.nik, "2025-02-01")
    assert result.exit_code == 1
    assert "TIDAK TERLINDUNGI pada 1 Februari 2025" in result.output
    assert "Terdaftar, tetapi tidak terlindungi" in result.output


def test_cli_without_user_and_unknown_nik_exit_3(covered_budi, nowhere_nik):
    result = cli(nowhere_nik, DAY)
    assert result.exit_code == 3
    assert "Tidak ada catatan dalam registri ini — ini bukan berarti tidak terlindungi." in (
        result.output
    )
