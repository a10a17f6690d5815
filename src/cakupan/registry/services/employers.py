"""Writes to employers: register one."""

from django.db import transaction

from cakupan.accounts.scope import require_permission
from cakupan.audit.services import audit_record, snapshot
from cakupan.errors import DomainError
from cakupan.registry.models import Employer
from cakupan.registry.validation import check_village


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
