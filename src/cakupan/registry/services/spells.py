"""Writes to coverage spells: add one, end one (one at a time; bulk.py writes many)."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy

from cakupan.accounts.scope import require_permission
from cakupan.audit.services import audit_record, snapshot
from cakupan.errors import DomainError, NotFound
from cakupan.registry.models import PROGRAMS, Payer, Person, Segment, Spell
from cakupan.registry.selectors import person_get, spells_overlapping


class SpellOverlap(DomainError):
    status = 409


def _check_spell(programs, start, end, segment, payer) -> list[str]:
    programs = sorted({p.upper() for p in programs}, key=PROGRAMS.index)
    if not programs or any(p not in PROGRAMS for p in programs):
        raise DomainError(
            "programs_invalid",
            "Pilih minimal satu program: JKK, JKM, JHT, JP, JKP.",
            "Choose at least one program: JKK, JKM, JHT, JP, JKP.",
        )
    if end is not None and end < start:
        raise DomainError(
            "dates_reversed",
            "Tanggal akhir sebelum tanggal mulai.",
            "The end date is before the start date.",
        )
    if segment not in Segment.values:
        raise DomainError("segment_invalid", "Segmen tidak dikenal.", "Unknown segment.")
    if payer not in Payer.values:
        raise DomainError("payer_invalid", "Pembayar tidak dikenal.", "Unknown payer.")
    if segment != Segment.PU and {"JP", "JKP"} & set(programs):
        raise DomainError(
            "program_not_for_segment",
            "JP dan JKP hanya untuk Penerima Upah (PU).",
            "JP and JKP are for wage earners (PU) only.",
        )
    return programs


def overlap_error(spell: Spell) -> SpellOverlap:
    return SpellOverlap(
        "spell_overlap",
        "Sudah ada masa kepesertaan {programs} {start} s.d. {end} (#{spell_id}) yang bertumpang "
        "tindih untuk program yang sama.",
        "Spell #{spell_id} ({programs}, {start} to {end}) already covers these dates for the "
        "same program.",
        spell_id=spell.pk,
        programs="+".join(spell.programs),
        start=spell.start_date,
        end=spell.end_date or gettext_lazy("sekarang"),
    )


# Adding a spell and ending one change the same fact (was this person covered on a day?), so
# both need the same permission: `registry.manage_spell` in the person's desa. The one
# exception is the first spell of a registration (`bpu_worker_register`), which the
# registration permission already covers: a village operator enrols a worker, but does not
# add to or cut short anyone's coverage afterwards.
SPELL_PERMISSION = "registry.manage_spell"


def _spell_person(*, actor, person_id: int) -> Person:
    """The person whose spells `actor` may change; out of scope reads as not found."""
    person = person_get(user=actor, person_id=person_id)
    require_permission(user=actor, permission=SPELL_PERMISSION, region_code=person.region_code)
    return person


@transaction.atomic
def spell_add(
    *,
    actor,
    person_id: int,
    programs: list[str],
    start_date: dt.date,
    end_date: dt.date | None,
    segment: str,
    payer: str,
    employer_id: int | None = None,
    agreement_id: int | None = None,
    wage: int | None = None,
    kpj: str = "",
    role: str = "",
    source: str = "",
    reason: str = "",
    synthetic: bool = False,
) -> Spell:
    """Add a coverage spell to a person (needs `registry.manage_spell` in their desa)."""
    person = _spell_person(actor=actor, person_id=person_id)
    return _spell_create(
        actor=actor,
        person=person,
        programs=programs,
        start_date=start_date,
        end_date=end_date,
        segment=segment,
        payer=payer,
        employer_id=employer_id,
        agreement_id=agreement_id,
        wage=wage,
        kpj=kpj,
        role=role,
        source=source,
        reason=reason,
        synthetic=synthetic,
    )


def _spell_create(
    *,
    actor,
    person: Person,
    programs: list[str],
    start_date: dt.date,
    end_date: dt.date | None,
    segment: str,
    payer: str,
    employer_id: int | None = None,
    agreement_id: int | None = None,
    wage: int | None = None,
    kpj: str = "",
    role: str = "",
    source: str = "",
    reason: str = "",
    synthetic: bool = False,
) -> Spell:
    """Check and write one spell with its audit row; the caller has checked the permission."""
    programs = _check_spell(programs, start_date, end_date, segment, payer)
    if wage is not None and wage < 0:
        raise DomainError(
            "wage_negative", "Upah tidak boleh negatif.", "The wage cannot be negative."
        )
    in_the_way = spells_overlapping(
        person_id=person.pk, programs=programs, start=start_date, end=end_date
    ).first()
    if in_the_way is not None:
        raise overlap_error(in_the_way)
    spell = Spell(
        person=person,
        regency_code=person.regency_code,
        region_code=person.region_code,
        start_date=start_date,
        end_date=end_date,
        segment=segment,
        payer=payer,
        employer_id=employer_id,
        agreement_id=agreement_id,
        wage=wage,
        kpj=(kpj or "").strip(),
        role=role,
        source=source,
        synthetic=synthetic,
        created_by=actor if getattr(actor, "pk", None) else None,
        **{p.lower(): True for p in programs},
    )
    try:
        with transaction.atomic():
            spell.save()
    except IntegrityError as exc:
        # Another writer got there between our check and our insert: name their spell.
        other = spells_overlapping(
            person_id=person.pk, programs=programs, start=start_date, end=end_date
        ).first()
        if other is not None:
            raise overlap_error(other) from exc
        raise
    audit_record(
        actor=actor,
        action="registry.spell_add",
        object_type="spell",
        object_id=spell.pk,
        region_code=spell.region_code,
        after=snapshot(spell),
        reason=reason,
    )
    return spell


@transaction.atomic
def spell_end(*, actor, spell_id: int, end_date: dt.date, reason: str) -> Spell:
    """End a spell on `end_date` (needs `registry.manage_spell`, as adding one does)."""
    not_found = NotFound("spell_not_found", "Masa kepesertaan tidak ditemukan.", "Spell not found.")
    spell = Spell.objects.select_for_update().filter(pk=spell_id).first()
    if spell is None:
        raise not_found
    try:
        _spell_person(actor=actor, person_id=spell.person_id)
    except NotFound:
        raise not_found from None
    if end_date < spell.start_date:
        raise DomainError(
            "dates_reversed",
            "Tanggal akhir sebelum tanggal mulai.",
            "The end date is before the start date.",
        )
    before = snapshot(spell)
    spell.end_date = end_date
    spell.save(update_fields=["end_date"])
    audit_record(
        actor=actor,
        action="registry.spell_end",
        object_type="spell",
        object_id=spell.pk,
        region_code=spell.region_code,
        before=before,
        after=snapshot(spell),
        reason=reason,
    )
    return spell
