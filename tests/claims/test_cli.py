"""`cakupan claims summary`: the claims summary export for the coverage report."""

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from cakupan.claims.cli import app
from tests.claims.test_services import report

pytestmark = pytest.mark.django_db
runner = CliRunner()


def test_summary_csv_and_json_inside_the_user_scope(operator, bpjs_jelai, officer, agreement):
    report(operator, officer.person.nik)
    result = runner.invoke(app, ["summary", "--user", "op_kab", "--by", "agreement"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows == [
        {"key": agreement.number, "claims": "1", "refused": "0", "rejected": "0",
         "paid_claims": "0", "decided_amount": "42000000", "paid_amount": "0",
         "scholarships_amount": "0"}
    ]  # fmt: skip
    scoped = runner.invoke(app, ["summary", "--user", "bpjs_jelai", "--json"])
    assert scoped.exit_code == 0 and json.loads(scoped.output) == []


def test_summary_refuses_bad_input(operator):
    assert runner.invoke(app, ["summary", "--user", "nobody"]).exit_code == 2
    assert runner.invoke(app, ["summary", "--user", "op_kab", "--by", "desa"]).exit_code == 2
    assert (
        runner.invoke(app, ["summary", "--user", "op_kab", "--from", "2024-13-01"]).exit_code == 2
    )
