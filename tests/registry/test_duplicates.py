"""Likely duplicates with different NIKs go to a queue; an operator merges or dismisses."""

import datetime as dt

import pytest

from cakupan.accounts.scope import SystemActor
from cakupan.audit.models import AuditEvent
from cakupan.registry.duplicates import duplicate_dismiss, duplicate_merge, duplicates_detect
from cakupan.registry.models import DuplicateCandidate, DuplicateStatus
from cakupan.registry.selectors import coverage_on, person_by_nik
from cakupan.registry.services import person_register, spell_add
from tests.conftest import DESA_PULAU_NIBUNG
from tests.registry.conftest import nik_for

# The shell operator's question over the whole registry: the system acting in the province.
EVERYWHERE = SystemActor(job="tests", region_codes=("62",))

pytestmark = pytest.mark.django_db


@pytest.fixture
def twin(siti, regency_operator):
    """Same human typed by another office: a title added, another NIK serial."""
    return person_register(
        actor=regency_operator,
        nik=nik_for("62.08.02", siti.birth_date, "P", 9),
        name="Hj. SITI  AMINAH",
        sex="P",
        birth_date=siti.birth_date,
        region_code=DESA_PULAU_NIBUNG,
    )


def test_registration_queues_a_candidate(siti, twin):
    candidate = DuplicateCandidate.objects.get()
    assert {candidate.person_a_id, candidate.person_b_id} == {siti.pk, twin.pk}
    assert candidate.status == DuplicateStatus.OPEN
    assert duplicates_detect(regency_code="62.08") == 0  # already queued


def test_set_based_detection_finds_pairs_after_bulk_loads(siti, twin):
    DuplicateCandidate.objects.all().delete()
    assert duplicates_detect(regency_code="62.08") == 1
    assert duplicates_detect(regency_code="62.08") == 0


def test_merge_moves_spells_and_is_audited(siti, twin, regency_operator):
    spell_add(
        actor=regency_operator,
        person_id=twin.pk,
        programs=["JKK", "JKM"],
        start_date=dt.date(2024, 11, 1),
        end_date=dt.date(2024, 12, 8),
        segment="BPU",
        payer="apbd",
    )
    candidate = DuplicateCandidate.objects.get()
    duplicate_merge(
        actor=regency_operator, candidate_id=candidate.pk, keep_person_id=siti.pk, reason="same KK"
    )
    assert coverage_on(nik=siti.nik, day=dt.date(2024, 11, 27), user=EVERYWHERE).covered
    assert person_by_nik(nik=twin.nik) == siti  # the old NIK forwards to the person kept
    event = AuditEvent.objects.get(action="registry.person_merge")
    assert event.before["merged_person"] == twin.pk and event.reason == "same KK"
    candidate.refresh_from_db()
    assert candidate.status == DuplicateStatus.MERGED


def test_dismiss(siti, twin, regency_operator):
    candidate = DuplicateCandidate.objects.get()
    duplicate_dismiss(actor=regency_operator, candidate_id=candidate.pk, reason="kembar")
    candidate.refresh_from_db()
    assert candidate.status == DuplicateStatus.DISMISSED
    assert AuditEvent.objects.filter(action="registry.duplicate_dismiss").count() == 1


def test_candidate_outside_scope_is_not_found(siti, twin, regions):
    from cakupan.errors import NotFound
    from tests.conftest import make_user

    other = make_user("other_kec", "regency_operator", "62.08.01")
    candidate = DuplicateCandidate.objects.get()
    with pytest.raises(NotFound):
        duplicate_dismiss(actor=other, candidate_id=candidate.pk, reason="x")
    candidate.refresh_from_db()
    assert candidate.status == DuplicateStatus.OPEN
