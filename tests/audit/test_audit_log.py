"""The audit log: written with every change in the same transaction, and never rewritten."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from cakupan.accounts.services import user_update
from cakupan.audit.models import AuditEvent, AuditImmutableError
from cakupan.audit.services import audit_record
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(admin_regency, operator_jelai):
    user_update(actor=admin_regency, user_id=operator_jelai.pk, office="Kantor", reason="awal")
    return AuditEvent.objects.get(action="accounts.user_update")


def test_event_records_who_what_before_after_and_why(event, admin_regency, operator_jelai):
    assert event.actor_label == "admin_kab"
    assert event.object_type == "user" and event.object_id == str(operator_jelai.pk)
    assert event.before["office"] == "" and event.after["office"] == "Kantor"
    assert event.reason == "awal"
    assert event.request_id == "test-request"
    assert "password" not in event.after


def test_audit_row_and_change_roll_back_together(admin_regency, operator_jelai):
    """If the write fails after the audit row is added, neither remains."""
    with pytest.raises(RuntimeError), transaction.atomic():
        user_update(actor=admin_regency, user_id=operator_jelai.pk, office="X", reason="r")
        raise RuntimeError("disk full")
    operator_jelai.refresh_from_db()
    assert operator_jelai.office == ""
    assert not AuditEvent.objects.filter(action="accounts.user_update").exists()


@pytest.mark.django_db(transaction=True)
def test_audit_record_refuses_to_run_outside_a_transaction(admin_regency):
    with pytest.raises(RuntimeError):
        audit_record(actor=admin_regency, action="x", object_type="x", object_id=1)


def test_model_refuses_change_and_delete(event):
    event.reason = "rewritten"
    with pytest.raises(AuditImmutableError):
        event.save()
    with pytest.raises(AuditImmutableError):
        event.delete()
    with pytest.raises(AuditImmutableError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="rewritten")
    with pytest.raises(AuditImmutableError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    event.refresh_from_db()
    assert event.reason == "awal"


def test_database_refuses_raw_update(event):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET reason = 'x' WHERE id = %s", [event.pk])
    event.refresh_from_db()
    assert event.reason == "awal"


def test_raw_delete_is_refused(event):
    """PostgreSQL refuses DELETE itself; SQLite leaves it to the app (its test flush deletes)."""
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    with pytest.raises(AuditImmutableError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_administrator_reads_and_filters_the_log(event, admin_regency, operator_jelai):
    client = client_for(admin_regency)
    page = client.get("/audit/", {"actor": "admin_kab", "object_type": "user"})
    assert page.status_code == 200
    assert "accounts.user_update" in page.content.decode()
    today = dt.date.today()
    empty = client.get("/audit/", {"date_from": (today + dt.timedelta(days=2)).isoformat()})
    assert "accounts.user_update" not in empty.content.decode()
    other = client.get("/audit/", {"object_id": "999999"})
    assert "accounts.user_update" not in other.content.decode()


def test_non_administrators_cannot_read_the_log(event, operator_jelai, regions):
    viewer = make_user("viewer", "viewer", "62.08")
    for user in (operator_jelai, viewer):
        assert client_for(user).get("/audit/").status_code == 403


def test_the_app_offers_no_way_to_change_the_log(event, admin_regency):
    client = client_for(admin_regency)
    assert client.post("/audit/", {"reason": "x"}).status_code in (403, 405)
    assert client.delete("/audit/").status_code in (403, 405)
    event.refresh_from_db()
    assert event.reason == "awal"


def test_audit_record_refuses_an_action_the_log_cannot_name(admin_regency):
    """Every action comes from one list (audit.actions.Action), so the page can always say it."""
    with pytest.raises(ValueError, match="unknown audit action"), transaction.atomic():
        audit_record(
            actor=admin_regency,
            action="registry.person_teleport",
            object_type="person",
            object_id=1,
        )
    assert not AuditEvent.objects.filter(action="registry.person_teleport").exists()


def test_audit_record_refuses_a_write_nobody_answers_for():
    """No actor means nobody to name in the log: refused, so a shell job must say who it is."""
    from django.contrib.auth.models import AnonymousUser

    for nobody in (None, AnonymousUser()):
        with pytest.raises(ValueError, match="needs an actor"), transaction.atomic():
            audit_record(
                actor=nobody,
                action="registry.person_update",
                object_type="person",
                object_id=1,
            )
    assert not AuditEvent.objects.filter(action="registry.person_update").exists()


def test_a_system_actor_is_named_in_the_log():
    from cakupan.accounts.scope import SystemActor

    with transaction.atomic():
        event = audit_record(
            actor=SystemActor(job="nightly facts", region_codes=["62.08"]),
            action="registry.person_update",
            object_type="person",
            object_id=1,
        )
    assert event.actor is None and event.actor_label == "system: nightly facts"
