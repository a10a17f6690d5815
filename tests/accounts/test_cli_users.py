"""`cakupan users add`: the first administrator of an installation, from the shell."""

import pytest
from typer.testing import CliRunner

from cakupan.accounts.cli import app
from cakupan.accounts.models import User
from cakupan.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
runner = CliRunner()


def test_adds_a_user_with_the_role_in_the_region_audited(regions):
    result = runner.invoke(
        app,
        ["add", "kalteng", "--role", "viewer", "--region", "62", "--password-stdin"],
        input="sandi-yang-panjang\n",
    )
    assert result.exit_code == 0, result.output
    user = User.objects.get(username="kalteng")
    assert user.check_password("sandi-yang-panjang")
    assert [(a.role, a.region_code) for a in user.assignments.all()] == [("viewer", "62")]
    assert AuditEvent.objects.filter(action="accounts.user_bootstrap", object_id=user.pk).exists()
    # the password never appears in the audit row
    assert "sandi-yang-panjang" not in str(AuditEvent.objects.last().after)


def test_refuses_an_unknown_role_a_short_password_and_an_unknown_region(regions):
    def run(*args, password="sandi-yang-panjang"):
        return runner.invoke(app, ["add", "x", *args, "--password-stdin"], input=password + "\n")

    assert run("--role", "boss", "--region", "62").exit_code == 2
    assert run("--role", "viewer", "--region", "62", password="pendek").exit_code == 2
    assert run("--role", "viewer", "--region", "99.99").exit_code == 2
    assert not User.objects.filter(username="x").exists()
