"""Register an informal worker (BPU) with their first spell, in one transaction."""

import datetime as dt

from django.db import transaction

from cakupan.errors import DomainError
from cakupan.registry.models import Payer, Person, Segment, Spell
from cakupan.registry.services.persons import person_register
from cakupan.registry.services.spells import _spell_create

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
