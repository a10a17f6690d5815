"""One claim per event: the new-user trial claimed the same KPPS officer's death twice and
approved the second while the first was open. A second claim for the same person, program and
event (for a death, on any day) is refused at entry naming the first; approval checks again;
the database refuses two approved or paid claims for one event."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from cakupan.claims import services, workflow
from cakupan.claims.models import Claim, Status
from cakupan.errors import DomainError
from tests.claims.conftest import ELECTION_NIGHT, second_officer
from tests.claims.test_services import add_family, attach_all, report
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def verified(operator, bpjs, claim):
    add_family(operator, claim)
    attach_all(operator, claim)
    return services.claim_verify(actor=bpjs, claim_id=claim.pk)


def raced_second_claim(monkeypatch, operator, nik, **extra):
    """A second claim entered at the same moment as the first: both passed the entry check."""
    with monkeypatch.context() as m:
        m.setattr(services, "require_no_duplicate", lambda **kw: None)
        return report(operator, nik, **extra)


def test_a_second_claim_for_the_same_death_is_refused_naming_the_first(operator, officer):
    first = report(operator, officer.person.nik)
    with pytest.raises(DomainError) as err:
        report(operator, officer.person.nik)
    assert err.value.code == "claim_duplicate"
    assert first.number in err.value.message("id") and "meninggal sekali" in err.value.message("id")
    assert first.number in err.value.message("en") and "dies once" in err.value.message("en")
    assert "28 November 2024" in err.value.message("id")
    # a person dies once: another date is the same death mistyped, not a second one
    with pytest.raises(DomainError) as err:
        report(operator, officer.person.nik, day=ELECTION_NIGHT - dt.timedelta(days=2))
    assert err.value.code == "claim_duplicate"
    assert Claim.objects.count() == 1


def test_a_death_is_either_jkk_or_jkm_never_both_but_jht_stands_beside(operator, officer):
    """A work-accident death (JKK, 48 x wage) and a JKM death for the same person would pay the
    family twice for one death; the member's JHT balance at death is a separate payment."""
    first = report(operator, officer.person.nik)  # JKM
    with pytest.raises(DomainError) as err:
        report(operator, officer.person.nik, program="JKK", wage=4_000_000)
    assert err.value.code == "claim_duplicate" and first.number in err.value.message("en")
    jht = report(operator, officer.person.nik, program="JHT", jht_balance=5_000_000)
    assert jht.program == "JHT"
    assert Claim.objects.filter(nik=officer.person.nik).count() == 2


def test_the_report_form_shows_the_existing_claim_number(operator, officer):
    first = report(operator, officer.person.nik)
    page = client_for(operator).post(
        reverse("claims:create"),
        {
            "nik": officer.person.nik,
            "program": "JKM",
            "event": "death",
            "incident_date": ELECTION_NIGHT.isoformat(),
            "reported_on": "2024-11-29",
            "place": "TPS 003",
            "circumstances": "Bertugas sebagai KPPS",
            "reporter_name": "Ahmad",
        },
    )
    assert page.status_code == 200  # the form again, with the error
    assert first.number in page.content.decode() and "sudah diklaim" in page.content.decode()
    assert Claim.objects.count() == 1


def test_a_refused_or_rejected_first_claim_allows_a_new_one(operator, bpjs, officer):
    """The first report had the wrong date (after the duty ended: refused, not covered); the
    corrected one is accepted. A claim rejected by the verifier frees the event too."""
    wrong_day = report(operator, officer.person.nik, day=dt.date(2024, 12, 20))
    assert wrong_day.status == Status.REFUSED
    second = report(operator, officer.person.nik)
    assert second.status == Status.ENTERED
    services.claim_reject(actor=bpjs, claim_id=second.pk, reason="Dicatat ganda oleh desa.")
    third = report(operator, officer.person.nik)
    assert third.status == Status.ENTERED and third.decision.total > 0


def test_other_events_are_one_claim_per_day(operator, officer):
    """An injury on the same day under the same program is the same event; another day is a
    new accident."""
    first = report(operator, officer.person.nik, program="JKK", event="injury", wage=4_000_000)
    with pytest.raises(DomainError) as err:
        report(operator, officer.person.nik, program="JKK", event="injury", wage=4_000_000)
    assert err.value.code == "claim_duplicate" and first.number in err.value.message("id")
    other_day = report(
        operator,
        officer.person.nik,
        day=ELECTION_NIGHT - dt.timedelta(days=1),
        program="JKK",
        event="injury",
        wage=4_000_000,
    )
    assert other_day.status == Status.ENTERED


def test_two_claims_entered_at_once_cannot_both_be_approved(monkeypatch, operator, bpjs, officer):
    first = report(operator, officer.person.nik)
    second = raced_second_claim(monkeypatch, operator, officer.person.nik)
    verified(operator, bpjs, first)
    verified(operator, bpjs, second)
    # while both stand, neither is approved: the office must reject one first
    with pytest.raises(DomainError) as err:
        services.claim_approve(actor=second_officer(), claim_id=second.pk)
    assert err.value.code == "claim_duplicate" and first.number in err.value.message("id")
    assert Claim.objects.get(pk=second.pk).status == Status.VERIFIED
    services.claim_reject(actor=bpjs, claim_id=second.pk, reason="Duplikat " + first.number)
    assert services.claim_approve(actor=second_officer(), claim_id=first.pk).status == (
        Status.APPROVED
    )


def test_the_database_refuses_a_second_approval_that_slipped_past_the_check(
    monkeypatch, operator, bpjs, officer
):
    """Two approvals committed in the same instant both pass the service's check; the
    conditional unique constraint (SQLite and PostgreSQL) stops the second."""
    first = report(operator, officer.person.nik)
    second = raced_second_claim(monkeypatch, operator, officer.person.nik)
    verified(operator, bpjs, first)
    verified(operator, bpjs, second)
    approver = second_officer()
    monkeypatch.setattr(workflow, "require_no_duplicate", lambda **kw: None)
    services.claim_approve(actor=approver, claim_id=first.pk)
    with pytest.raises(DomainError) as err:
        services.claim_approve(actor=approver, claim_id=second.pk)
    assert err.value.code == "claim_duplicate" and first.number in err.value.message("en")
    assert Claim.objects.get(pk=second.pk).status == Status.VERIFIED
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=second.pk).update(status=Status.PAID)
