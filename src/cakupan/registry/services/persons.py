"""Writes to persons: register, correct, reveal a NIK, record a NIK check outside the scope."""

import datetime as dt

from django.db import transaction

from cakupan.accounts.scope import require_permission
from cakupan.audit.services import audit_record, snapshot
from cakupan.errors import DomainError
from cakupan.registry import duplicates
from cakupan.registry.models import Person, PersonFlag, Spell
from cakupan.registry.names import name_key
from cakupan.registry.selectors import person_by_nik, person_get
from cakupan.registry.validation import check_nik, check_village
from cakupan.rules.nik import mask_nik


class DuplicateNik(DomainError):
    """The NIK is registered already. `existing_person_id` lets an interface link to that
    person, if (and only if) the operator may see them; it is not part of the message."""

    status = 409

    def __init__(self, *args, existing_person_id: int, **params):
        super().__init__(*args, **params)
        self.existing_person_id = existing_person_id


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
