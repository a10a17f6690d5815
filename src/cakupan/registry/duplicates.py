"""Likely duplicates: different NIKs, same normalised name, birth date and desa.

Same NIK is one person by construction (a unique key). Different NIKs for one human happen
(a typo at one office, a NIK re-issued after a move); an operator decides: merge (spells and
history follow the person kept) or dismiss.
"""

from django.db import connection, transaction
from django.utils import timezone

from cakupan.accounts.scope import user_has_permission
from cakupan.audit.services import audit_record
from cakupan.errors import DomainError, NotFound
from cakupan.registry.models import DuplicateCandidate, DuplicateStatus, Person, PersonFlag, Spell
from cakupan.rules.nik import mask_nik

REASON = "same name, birth date and desa"


def duplicates_detect_for(*, person: Person) -> int:
    """Queue candidates for one newly registered person. Returns how many were queued."""
    others = Person.objects.filter(
        name_key=person.name_key,
        birth_date=person.birth_date,
        region_code=person.region_code,
        merged_into__isnull=True,
    ).exclude(pk=person.pk)
    created = 0
    for other in others:
        a, b = sorted((person.pk, other.pk))
        _, made = DuplicateCandidate.objects.get_or_create(
            person_a_id=a,
            person_b_id=b,
            defaults={
                "regency_code": person.regency_code,
                "region_code": person.region_code,
                "reason": REASON,
            },
        )
        created += made
    return created


def duplicates_detect(*, regency_code: str) -> int:
    """Queue every candidate pair in a regency with one set-based query (after bulk imports)."""
    person = Person._meta.db_table
    candidate = DuplicateCandidate._meta.db_table
    sql = f"""
        SELECT a.id, b.id, a.region_code
        FROM {person} a
        JOIN {person} b
          ON b.name_key = a.name_key AND b.birth_date = a.birth_date
         AND b.region_code = a.region_code AND b.id > a.id
        WHERE a.regency_code = %s AND b.regency_code = %s
          AND a.merged_into_id IS NULL AND b.merged_into_id IS NULL
          AND NOT EXISTS (
            SELECT 1 FROM {candidate} c WHERE c.person_a_id = a.id AND c.person_b_id = b.id
          )
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [regency_code, regency_code])
        rows = cursor.fetchall()
    DuplicateCandidate.objects.bulk_create(
        [
            DuplicateCandidate(
                person_a_id=a,
                person_b_id=b,
                regency_code=regency_code,
                region_code=region,
                reason=REASON,
            )
            for a, b, region in rows
        ],
        ignore_conflicts=True,
        batch_size=5000,
    )
    return len(rows)


def _candidate(*, actor, candidate_id: int) -> DuplicateCandidate:
    candidate = (
        DuplicateCandidate.objects.select_for_update()
        .filter(pk=candidate_id, status=DuplicateStatus.OPEN)
        .first()
    )
    if candidate is None:
        raise NotFound(
            "duplicate_not_found",
            "Calon duplikat tidak ditemukan atau sudah diputuskan.",
            "Duplicate candidate not found or already decided.",
        )
    if not user_has_permission(
        user=actor, permission="registry.manage_spell", region_code=candidate.region_code
    ):
        # The same answer as for a missing candidate: no probing across regions.
        raise NotFound(
            "duplicate_not_found",
            "Calon duplikat tidak ditemukan atau sudah diputuskan.",
            "Duplicate candidate not found or already decided.",
        )
    return candidate


@transaction.atomic
def duplicate_merge(*, actor, candidate_id: int, keep_person_id: int, reason: str) -> Person:
    """Merge the other person into `keep_person_id`: spells and flags move, the other row
    stays (forwarding to the one kept) so history and audit still resolve."""
    candidate = _candidate(actor=actor, candidate_id=candidate_id)
    if keep_person_id not in (candidate.person_a_id, candidate.person_b_id):
        raise DomainError(
            "merge_keep_invalid",
            "Pilih salah satu dari dua orang yang dibandingkan.",
            "Choose one of the two persons compared.",
        )
    if not reason.strip():
        raise DomainError("reason_required", "Alasan wajib diisi.", "A reason is required.")
    drop_id = (
        candidate.person_b_id
        if keep_person_id == candidate.person_a_id
        else (candidate.person_a_id)
    )
    keep = Person.objects.get(pk=keep_person_id)
    drop = Person.objects.get(pk=drop_id)
    moved = list(Spell.objects.filter(person=drop).values_list("pk", flat=True))
    from cakupan.registry.selectors import spells_overlapping
    from cakupan.registry.services import overlap_error

    for spell in Spell.objects.filter(person=drop):
        clash = spells_overlapping(
            person_id=keep.pk, programs=spell.programs, start=spell.start_date, end=spell.end_date
        ).first()
        if clash is not None:
            raise overlap_error(clash)
    Spell.objects.filter(person=drop).update(person=keep)
    kept_flags = set(keep.flags.values_list("flag", flat=True))
    for flag in drop.flags.values_list("flag", flat=True):
        if flag not in kept_flags:
            PersonFlag.objects.create(person=keep, flag=flag, regency_code=keep.regency_code)
    drop.merged_into = keep
    drop.save(update_fields=["merged_into", "updated_at"])
    candidate.status = DuplicateStatus.MERGED
    candidate.decided_by = actor
    candidate.decided_at = timezone.now()
    candidate.decision_note = reason
    candidate.save()
    audit_record(
        actor=actor,
        action="registry.person_merge",
        object_type="person",
        object_id=keep.pk,
        region_code=keep.region_code,
        before={"merged_person": drop.pk, "merged_nik": mask_nik(drop.nik)},
        after={"kept_person": keep.pk, "spells_moved": moved},
        reason=reason,
    )
    return keep


@transaction.atomic
def duplicate_dismiss(*, actor, candidate_id: int, reason: str) -> DuplicateCandidate:
    candidate = _candidate(actor=actor, candidate_id=candidate_id)
    candidate.status = DuplicateStatus.DISMISSED
    candidate.decided_by = actor
    candidate.decided_at = timezone.now()
    candidate.decision_note = reason
    candidate.save()
    audit_record(
        actor=actor,
        action="registry.duplicate_dismiss",
        object_type="duplicate_candidate",
        object_id=candidate.pk,
        region_code=candidate.region_code,
        reason=reason,
    )
    return candidate
