"""Writes to the registry: register and correct persons and employers, add and end spells.

Each service checks the actor's permission inside the record's region, runs in one
transaction, and writes its audit row in that same transaction.
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy

from cakupan.accounts.scope import require_permission
from cakupan.audit.services import audit_record, snapshot
from cakupan.errors import DomainError, NotFound
from cakupan.registry import duplicates
from cakupan.registry.models import PROGRAMS, Employer, Payer, Person, PersonFlag, Segment, Spell
from cakupan.registry.names import name_key
from cakupan.registry.selectors import person_by_nik, person_get, spells_overlapping
from cakupan.registry.validation import check_nik, check_village
from cakupan.rules.nik import mask_nik


class DuplicateNik(DomainError):
    """The NIK is registered already. `existing_person_id` lets an interface link to that
    person, if (and only if) the operator may see them; it is not part of the message."""

    status = 409

    def __init__(self, *args, existing_person_id: int, **params):
        super().__init__(*args, **params)
        self.existing_person_id = existing_person_id


class SpellOverlap(DomainError):
    status = 409


@transaction.atomic
def person_register(
    *,
    actor,
    nik: str,
    name: str,
    sex: str,
    birth_date: dt.date,
    region_code: str,
    phone: str = "",
    occupation: str = "",
    sector: str = "",
    flags: list[str] | tuple[str, ...] = (),
    nik_exception_reason: str = "",
    reason: str = "",
    synthetic: bool = False,
) -> Person:
    """Register a person. Same NIK is one person, always: a second registration is refused
    with a link to the first. A NIK whose birth date or sex disagrees with what was entered
    needs the operator's reason."""
    village = check_village(region_code)
    require_permission(user=actor, permission="registry.register_person", region_code=village.code)
    nik = check_nik(nik, birth_date=birth_date, sex=sex, exception_reason=nik_exception_reason)
    existing = person_by_nik(nik=nik)
    if existing is not None:
        raise DuplicateNik(
            "nik_registered",
            "NIK {nik} sudah terdaftar atas nama peserta lain.",
            "NIK {nik} is already registered.",
            nik=mask_nik(nik),
            existing_person_id=existing.pk,
        )
    if not (name or "").strip():
        raise DomainError("name_required", "Nama wajib diisi.", "The name is required.")
    person = Person.objects.create(
        nik=nik,
        name=" ".join(name.split()),
        name_key=name_key(name),
        sex=sex,
        birth_date=birth_date,
        regency_code=village.code[:5],
        region_code=village.code,
        phone=phone.strip(),
        occupation=occupation.strip(),
        sector=sector,
        nik_exception_reason=nik_exception_reason.strip(),
        synthetic=synthetic,
    )
    _set_flags(person, flags)
    audit_record(
        actor=actor,
        action="registry.person_register",
        object_type="person",
        object_id=person.pk,
        region_code=person.region_code,
        after={**_person_snapshot(person), "flags": sorted(flags)},
        reason=reason,
    )
    duplicates.duplicates_detect_for(person=person)
    return person


_PERSON_EDITABLE = {"name", "phone", "occupation", "sector", "region_code"}


@transaction.atomic
def person_update(*, actor, person_id: int, reason: str, flags=None, **changes) -> Person:
    person = person_get(user=actor, person_id=person_id, permission="registry.register_person")
    unknown = set(changes) - _PERSON_EDITABLE
    if unknown:
        raise DomainError(
            "field_not_editable",
            "Kolom tidak dapat diubah: {fields}",
            "Fields cannot be changed: {fields}",
            fields=", ".join(sorted(unknown)),
        )
    if not reason.strip():
        raise DomainError("reason_required", "Alasan wajib diisi.", "A reason is required.")
    before = {
        **_person_snapshot(person),
        "flags": sorted(person.flags.values_list("flag", flat=True)),
    }
    if "region_code" in changes:
        village = check_village(changes["region_code"])
        require_permission(
            user=actor, permission="registry.register_person", region_code=village.code
        )
        person.regency_code = village.code[:5]
    for key, value in changes.items():
        setattr(person, key, value.strip() if isinstance(value, str) else value)
    if "name" in changes:
        person.name_key = name_key(person.name)
    person.save()
    if "region_code" in changes:
        # Spells carry the person's desa for scope and coverage facts; they move with them.
        Spell.objects.filter(person=person).update(
            region_code=person.region_code, regency_code=person.regency_code
        )
    if flags is not None:
        person.flags.all().delete()
        _set_flags(person, flags)
    audit_record(
        actor=actor,
        action="registry.person_update",
        object_type="person",
        object_id=person.pk,
        region_code=person.region_code,
        before=before,
        after={
            **_person_snapshot(person),
            "flags": sorted(person.flags.values_list("flag", flat=True)),
        },
        reason=reason,
    )
    return person


def _person_snapshot(person: Person) -> dict:
    """The audit picture of a person, with the NIK masked: whoever reads the audit log must
    not learn full NIKs from it (opening one is itself an audited act)."""
    return {**snapshot(person), "nik": mask_nik(person.nik)}


def _set_flags(person: Person, flags) -> None:
    PersonFlag.objects.bulk_create(
        [PersonFlag(person=person, flag=f, regency_code=person.regency_code) for f in set(flags)]
    )


@transaction.atomic
def person_reveal_nik(*, actor, person_id: int, reason: str = "") -> str:
    """Return the full NIK and record that this actor saw it (UU 27/2022: who saw what)."""
    person = person_get(user=actor, person_id=person_id, permission="registry.view_nik")
    audit_record(
        actor=actor,
        action="registry.nik_view",
        object_type="person",
        object_id=person.pk,
        region_code=person.region_code,
        reason=reason or "viewed on the person page",
    )
    return person.nik


@transaction.atomic
def employer_register(
    *,
    actor,
    npp: str,
    name: str,
    risk_class: int,
    region_code: str,
    sector: str = "",
    reason: str = "",
    synthetic: bool = False,
) -> Employer:
    village = check_village(region_code)
    require_permission(user=actor, permission="registry.manage_spell", region_code=village.code)
    npp = (npp or "").strip()
    if not (npp.isdigit() and len(npp) == 8):
        raise DomainError(
            "npp_invalid", "NPP harus 8 digit angka.", "The NPP must be 8 digits.", npp=npp
        )
    if risk_class not in range(1, 6):
        raise DomainError(
            "risk_class_invalid",
            "Kelas risiko JKK harus 1 sampai 5.",
            "The JKK risk class must be 1 to 5.",
        )
    if Employer.objects.filter(npp=npp).exists():
        raise DomainError(
            "npp_registered",
            "NPP {npp} sudah terdaftar.",
            "NPP {npp} is already registered.",
            npp=npp,
        )
    employer = Employer.objects.create(
        npp=npp,
        name=" ".join(name.split()),
        risk_class=risk_class,
        sector=sector,
        regency_code=village.code[:5],
        region_code=village.code,
        synthetic=synthetic,
    )
    audit_record(
        actor=actor,
        action="registry.employer_register",
        object_type="employer",
        object_id=employer.pk,
        region_code=employer.region_code,
        after=snapshot(employer),
        reason=reason,
    )
    return employer


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


BPU_WORKER_PROGRAMS = ["JKK", "JKM"]


@transaction.atomic
def bpu_worker_register(
    *,
    actor,
    nik: str,
    name: str,
    sex: str,
    birth_date: dt.date,
    region_code: str,
    income: int,
    payer: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    phone: str = "",
    occupation: str = "",
    sector: str = "",
    flags: list[str] | tuple[str, ...] = (),
    kpj: str = "",
    nik_exception_reason: str = "",
    reason: str = "",
    synthetic: bool = False,
) -> tuple[Person, Spell]:
    """Register an informal worker (BPU) and their JKK+JKM spell in one transaction.

    The declared income is checked against the BPU rules in force on the start date first
    (a figure outside the range is refused, never clamped), so a refused registration leaves
    neither a person nor a spell nor an audit row behind.
    """
    from cakupan.registry.selectors import bpu_contribution_preview

    if payer not in Payer.values or payer == Payer.EMPLOYER:
        raise DomainError("payer_invalid", "Pembayar tidak dikenal.", "Unknown payer.")
    bpu_contribution_preview(
        day=start_date,
        income=income,
        payer=payer,
        transport_worker="transport_worker" in set(flags),
    )
    person = person_register(
        actor=actor,
        nik=nik,
        name=name,
        sex=sex,
        birth_date=birth_date,
        region_code=region_code,
        phone=phone,
        occupation=occupation,
        sector=sector,
        flags=flags,
        nik_exception_reason=nik_exception_reason,
        reason=reason,
        synthetic=synthetic,
    )
    # The first spell is part of the registration `person_register` authorised above.
    spell = _spell_create(
        actor=actor,
        person=person,
        programs=BPU_WORKER_PROGRAMS,
        start_date=start_date,
        end_date=end_date,
        segment=Segment.BPU,
        payer=payer,
        wage=income,
        kpj=kpj,
        source="registration",
        reason=reason,
        synthetic=synthetic,
    )
    return person, spell


def nik_check_outside_scope_record(*, actor, person_id: int, nik: str) -> None:
    """A NIK check that found a person outside the actor's scope. The operator only learns
    "already registered" (one person per NIK, always); the audit row makes probing visible."""
    person = person_by_nik(nik=nik) if nik else None
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="registry.nik_check_outside_scope",
            object_type="person",
            object_id=person_id,
            region_code=person.region_code if person is not None else "",
            after={"nik": nik},  # masked by audit_redact
        )
