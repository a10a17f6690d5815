"""The audit log never gives a NIK back: masked NIK, birth year only, phone's last 3 digits.

NIK digits 7-12 are the birth date (DDMMYY, day + 40 for women), so a masked NIK stored
beside a full birth date is a full NIK. Administrators read the log without the right to open
NIKs, so neither the stored rows nor the page may hold both.
"""

import datetime as dt

import pytest
from django.db import transaction

from cakupan.audit.models import AuditEvent
from cakupan.audit.redaction import audit_redact, mask_phone
from cakupan.audit.services import audit_record
from cakupan.registry.services import person_register, person_update
from cakupan.rules.nik import build_nik
from tests.conftest import DESA_PULAU_NIBUNG, client_for, make_user

pytestmark = pytest.mark.django_db

BORN = dt.date(1990, 1, 5)


@pytest.fixture
def operator(regions):
    return make_user("op_kab", "regency_operator", "62.08")


@pytest.fixture
def siti(operator):
    return person_register(
        actor=operator,
        nik=build_nik(kecamatan="62.08.02", birth_date=BORN, sex="P", serial=3),
        name="Siti Aminah",
        sex="P",
        birth_date=BORN,
        region_code=DESA_PULAU_NIBUNG,
        phone="0812-3456-7123",
    )


def _stored_text(event) -> str:
    return f"{event.before} {event.after}"


def test_person_audit_rows_cannot_rebuild_the_nik(siti, operator):
    person_update(actor=operator, person_id=siti.pk, phone="081299998456", reason="HP baru")
    hidden = siti.nik[6:12]  # 450190: the birth date as the NIK encodes it (women + 40)
    for event in AuditEvent.objects.filter(object_type="person"):
        text = _stored_text(event)
        assert siti.nik not in text and hidden not in text
        assert "1990-01-05" not in text and "05" not in str(event.after.get("birth_date"))
    registered = AuditEvent.objects.get(action="registry.person_register")
    assert registered.after["nik"] == "620802••••••0003"
    assert registered.after["birth_date"] == "1990"
    assert registered.after["phone"] == "•••••••••123"
    updated = AuditEvent.objects.get(action="registry.person_update")
    assert updated.before["phone"] == "•••••••••123"
    assert updated.after["phone"] == "•••••••••456"
    assert "3456" not in _stored_text(updated) and "9999" not in _stored_text(updated)


def test_any_writer_gets_the_same_redaction(operator):
    """Services of other apps (claims, imports) pass their own pictures: the rule is the
    audit's, not each caller's."""
    nik = build_nik(kecamatan="62.08.01", birth_date=dt.date(1985, 7, 17), sex="L", serial=12)
    with transaction.atomic():
        event = audit_record(
            actor=operator,
            action="claims.heir_add",
            object_type="claim_heir",
            object_id=1,
            after={
                "heir": {"nik": nik, "birth_date": "1985-07-17", "phone_number": "+62 812 111 222"},
                "deceased_nik": nik,
                "note": nik,
            },
        )
    text = _stored_text(event)
    assert nik not in text and "170785" not in text and "1985-07-17" not in text
    assert event.after["heir"]["birth_date"] == "1985"
    assert event.after["heir"]["phone_number"] == "••••••••222"


def test_redaction_rules():
    assert mask_phone("0812 3456 7890") == "•••••••••890"
    assert mask_phone("12") == "••"
    assert mask_phone("") == ""
    assert audit_redact(None) is None
    assert audit_redact({"birth_date": None, "nik": ""}) == {"birth_date": None, "nik": ""}
    assert audit_redact({"state": "committed", "rows": [2, 3]}) == {
        "state": "committed",
        "rows": [2, 3],
    }


def test_the_audit_page_redacts_rows_written_before_the_rule(siti, regions):
    """Rows stored with a full birth date and phone (before this rule) are shown redacted."""
    with transaction.atomic():
        old = AuditEvent(
            actor_label="lama",
            action="registry.person_update",
            object_type="person",
            object_id=str(siti.pk),
            region_code=DESA_PULAU_NIBUNG,
            before={"nik": "620802••••••0003", "birth_date": "1990-01-05", "phone": "0812777"},
            after={"nik": "620802••••••0003", "birth_date": "1990-01-06", "phone": "0812888"},
            reason="lama",
        )
        old.save()
    admin = make_user("admin_kab", "administrator", "62.08")
    html = client_for(admin).get("/audit/", {"actor": "lama"}).content.decode()
    assert "lama" in html
    assert "5 Januari 1990" not in html and "1990-01-05" not in html and "0812777" not in html
    assert "••••888" in html
