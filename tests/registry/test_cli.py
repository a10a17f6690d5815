"""`cakupan coverage check NIK DATE`: readable Indonesian, --json, and exit codes
0 covered / 1 not covered / 2 error / 3 no record in the caller's scope."""

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from cakupan.bootstrap import django_setup
from cakupan.coverage.cli import app
from cakupan.registry.services import spell_add
from cakupan.rules.nik import mask_nik
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
D = dt.date

django_setup()
runner = CliRunner()


@pytest.fixture
def covered_siti(siti, regency_operator):
    spell_add(
        actor=regency_operator,
        person_id=siti.pk,
        programs=["JKK", "JKM"],
        start_date=D(2024, 11, 1),
        end_date=D(2024, 12, 8),
        segment="BPU",
        payer="apbd",
        kpj="24000123456",
    )
    return siti


def test_covered_in_indonesian(covered_siti):
    result = runner.invoke(app, ["check", covered_siti.nik, "2024-11-27"])
    assert result.exit_code == 0, result.output
    assert f"NIK {mask_nik(covered_siti.nik)} TERLINDUNGI pada 27 November 2024" in result.output
    assert covered_siti.nik not in result.output
    assert "Program: JKK, JKM" in result.output and "APBD" in result.output
    assert (
        "1 November 2024 – 8 Desember 2024" in result.output and "KPJ 24000123456" in result.output
    )
    assert "PP 82/2019" in result.output


def test_not_covered_exits_1(covered_siti):
    result = runner.invoke(app, ["check", covered_siti.nik, "2024-12-09"])
    assert result.exit_code == 1
    assert "TIDAK TERLINDUNGI pada 9 Desember 2024" in result.output


def test_json(covered_siti):
    result = runner.invoke(app, ["check", covered_siti.nik, "2024-12-08", "--json"])
    assert result.exit_code == 0
    body = json.loads(result.output)
    assert body["covered"] is True and body["nik"] == mask_nik(covered_siti.nik)
    assert body["spells"][0]["end"] == "2024-12-08" and body["payer"] == "apbd"


def test_english(covered_siti):
    result = runner.invoke(app, ["check", covered_siti.nik, "2024-11-27", "--lang", "en"])
    assert "COVERED on 27 November 2024" in result.output


def test_errors_exit_2(covered_siti):
    bad_date = runner.invoke(app, ["check", covered_siti.nik, "27-11-2024"])
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.output
    bad_nik = runner.invoke(app, ["check", "12345", "2024-11-27"])
    assert bad_nik.exit_code == 2 and "16 digit" in bad_nik.output
    bad_user = runner.invoke(app, ["check", covered_siti.nik, "2024-11-27", "--user", "nobody"])
    assert bad_user.exit_code == 2


def test_user_scope(budi, regency_operator, regions):
    spell_add(
        actor=regency_operator,
        person_id=budi.pk,
        programs=["JKM"],
        start_date=D(2024, 1, 1),
        end_date=None,
        segment="BPU",
        payer="self",
    )
    make_user("jelai", "regency_operator", "62.08.02")
    args = ["check", budi.nik, "2024-11-27"]
    assert runner.invoke(app, args).exit_code == 0
    assert runner.invoke(app, [*args, "--user", "op_kab"]).exit_code == 0
    # Outside Jelai's scope: "no record", never a false "not covered".
    assert runner.invoke(app, [*args, "--user", "jelai"]).exit_code == 3


def test_registered_on_the_main_command():
    from cakupan.cli import _register
    from cakupan.cli import app as main_app

    if not any(group.name == "coverage" for group in main_app.registered_groups):
        _register()
    result = runner.invoke(main_app, ["coverage", "--help"])
    assert result.exit_code == 0 and "check" in result.output
