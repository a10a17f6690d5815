"""Registry over HTTP: search persons, read one (NIK masked), reveal the NIK (audited), read
spells, register a BPU worker, and ask "was this NIK covered on this date?".

Every endpoint calls the selectors and services the pages call, so the caller's region scope
and the audit apply unchanged: a person outside the caller's scope is "not found", and a NIK
outside it answers the coverage question exactly like an unknown NIK.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.utils.translation import get_language
from ninja import Field, Query, Router, Schema, Status

from cakupan.accounts.scope import require_permission
from cakupan.errors import DomainError
from cakupan.registry import selectors, services
from cakupan.registry.models import Flag, Payer, Sex
from cakupan.rules.nik import mask_nik

router = Router(tags=["registry"])


def _lang() -> str:
    return (get_language() or "id")[:2]


# ---------------------------------------------------------------- schemas


class ErrorOut(Schema):
    code: str = Field(
        description="Stable error code: `search_too_short`, `person_not_found`, "
        "`nik_invalid`, `nik_registered`, `spell_overlap`, `bpu.income_below_minimum`, …"
    )
    message: str = Field(description="What went wrong, in the request's language.")


class PersonSummaryOut(Schema):
    id: int
    nik: str = Field(
        description="Masked NIK, e.g. `620801••••••0003`.", examples=["620801••••••0003"]
    )
    name: str
    sex: str = Field(description="`L` (laki-laki) or `P` (perempuan).")
    birth_date: dt.date
    region_code: str = Field(description="Kemendagri code of the domicile desa/kelurahan.")
    synthetic: bool = Field(description="True for demo data that describes no real person.")


class PersonOut(PersonSummaryOut):
    region_name: str | None = Field(description="Name of the domicile desa/kelurahan.")
    occupation: str
    sector: str = Field(description="KBLI 2020 section letter, or empty.")
    flags: list[str] = Field(description=f"Vulnerability flags: {', '.join(Flag.values)}.")
    merged_into: int | None = Field(
        description="Set when this record was merged into another person (follow that id)."
    )


class NikOut(Schema):
    id: int
    nik: str = Field(description="The full 16-digit NIK. Each call is written to the audit log.")


class RevealIn(Schema):
    reason: str = Field("", description="Why the full NIK is needed (kept in the audit log).")


class SpellOut(Schema):
    id: int
    programs: list[str] = Field(description="Programs covered: JKK, JKM, JHT, JP, JKP.")
    segment: str = Field(description="PU, BPU, JAKON or PMI.")
    payer: str = Field(description=f"Who pays: {', '.join(Payer.values)}.")
    start: dt.date = Field(description="First covered day.")
    end: dt.date | None = Field(description="Last covered day (inclusive); null while open.")
    employer: str | None = Field(description="`NPP name` of the employer (PU), if any.")
    agreement: str | None = Field(description="`number title` of the paying agreement (PKS).")
    kpj: str = Field(description="BPJS Ketenagakerjaan membership card number, if known.")


class RuleOut(Schema):
    program: str
    parameter: str = Field(examples=["jkm.lump_sum"])
    effective_from: dt.date
    reference: str = Field(examples=["PP 82/2019 Pasal 34"])


class CoverageOut(Schema):
    nik: str = Field(description="The NIK asked about, masked.")
    date: dt.date
    covered: bool = Field(description="True if any spell covered the person on `date`.")
    programs: list[str] = Field(description="Programs in force on `date` (union of spells).")
    segment: str | None = Field(description="Segment of the first spell in force.")
    payer: str | None = Field(description="Payer of the first spell in force.")
    spells: list[SpellOut] = Field(description="The spells in force on `date`.")
    rules: list[RuleOut] = Field(description="Benefit rules in force on `date`, per program.")


class BpuRegistrationIn(Schema):
    nik: str = Field(description="16 digits; must agree with birth date and sex.")
    name: str
    sex: Sex = Field(description="`L` or `P`.")
    birth_date: dt.date
    region_code: str = Field(
        description="Domicile desa/kelurahan code inside the caller's scope.",
        examples=["62.08.02.2002"],
    )
    income: int = Field(description="Declared monthly income in rupiah (BPU range applies).")
    payer: str = Field(
        "self",
        description="Who pays the contribution: self, apbd, apbdes, election_body, "
        "other_agreement.",
    )
    start_date: dt.date
    end_date: dt.date | None = Field(None, description="Last covered day; null = open-ended.")
    phone: str = ""
    occupation: str = ""
    sector: str = Field("", description="KBLI 2020 section letter.")
    flags: list[str] = Field(default_factory=list, description=f"Any of {', '.join(Flag.values)}.")
    kpj: str = ""
    nik_exception_reason: str = Field(
        "", description="Required when the NIK legitimately disagrees with birth date or sex."
    )
    reason: str = ""


class RegisteredOut(Schema):
    person: PersonOut
    spell: SpellOut


# ---------------------------------------------------------------- helpers


def _person_out(person) -> dict:
    return {
        "id": person.pk,
        "nik": mask_nik(person.nik),
        "name": person.name,
        "sex": person.sex,
        "birth_date": person.birth_date,
        "region_code": person.region_code,
        "synthetic": person.synthetic,
    }


def _person_detail(person) -> dict:
    return {
        **_person_out(person),
        "region_name": selectors.region_names(codes=[person.region_code]).get(person.region_code),
        "occupation": person.occupation,
        "sector": person.sector,
        "flags": selectors.person_flags(person=person),
        "merged_into": person.merged_into_id,
    }


def _spell_out(spell) -> dict:
    return {
        "id": spell.pk,
        "programs": spell.programs,
        "segment": spell.segment,
        "payer": spell.payer,
        "start": spell.start_date,
        "end": spell.end_date,
        "employer": str(spell.employer) if spell.employer_id else None,
        "agreement": str(spell.agreement) if spell.agreement_id else None,
        "kpj": spell.kpj,
    }


# ---------------------------------------------------------------- endpoints


@router.get(
    "/persons",
    response={200: list[PersonSummaryOut], 400: ErrorOut},
    summary="Search persons by NIK, KPJ or name",
)
def person_search(
    request,
    q: Annotated[
        str, Query(description="A 16-digit NIK, an 8–13 digit KPJ, or ≥ 3 letters of a name.")
    ],
    birth_date: Annotated[
        dt.date | None, Query(description="Narrows a name search (YYYY-MM-DD).")
    ] = None,
):
    """Persons in the caller's scope (at most 50). There is no way to list everyone."""
    found = selectors.person_search(user=request.user, query=q, birth_date=birth_date)
    return [_person_out(p) for p in found]


@router.post(
    "/persons",
    response={201: RegisteredOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Register an informal (BPU) worker with a JKK+JKM spell",
)
def person_register(request, payload: BpuRegistrationIn):
    """Creates the person and the spell in one transaction (one audit trail). A NIK already
    registered answers 409 `nik_registered` with `person_id` when the caller may see them."""
    data = payload.dict()
    try:
        person, spell = services.bpu_worker_register(actor=request.user, **data)
    except services.DuplicateNik as err:
        if selectors.person_visible(user=request.user, person_id=err.existing_person_id):
            err.params["person_id"] = err.existing_person_id
        raise
    return Status(201, {"person": _person_detail(person), "spell": _spell_out(spell)})


@router.get(
    "/persons/{person_id}",
    response={200: PersonOut, 404: ErrorOut},
    summary="One person (NIK masked)",
)
def person_get(request, person_id: int):
    return _person_detail(selectors.person_get(user=request.user, person_id=person_id))


@router.post(
    "/persons/{person_id}/reveal-nik",
    response={200: NikOut, 404: ErrorOut},
    summary="The full NIK (audited)",
)
def person_reveal_nik(request, person_id: int, payload: RevealIn | None = None):
    """Needs `registry.view_nik` in the person's region; every call is an audit row."""
    reason = payload.reason if payload else ""
    nik = services.person_reveal_nik(
        actor=request.user, person_id=person_id, reason=reason or "API reveal-nik"
    )
    return {"id": person_id, "nik": nik}


@router.get(
    "/persons/{person_id}/spells",
    response={200: list[SpellOut], 404: ErrorOut},
    summary="A person's coverage spells, oldest first",
)
def person_spells(request, person_id: int):
    person = selectors.person_get(user=request.user, person_id=person_id)
    return [_spell_out(s) for s in selectors.person_spells(person=person)]


@router.get(
    "/coverage/check",
    response={200: CoverageOut, 400: ErrorOut, 403: ErrorOut},
    summary="Was this NIK covered on this date?",
)
def coverage_check(
    request,
    nik: Annotated[str, Query(description="16-digit NIK.")],
    date: Annotated[dt.date, Query(description="The day asked about (YYYY-MM-DD).")],
):
    """By which spells, paid by whom, under which rules. A NIK outside the caller's region
    scope answers exactly like an unknown NIK: `covered: false` with no spells."""
    require_permission(user=request.user, permission="registry.view_person")
    digits = "".join(ch for ch in nik if ch not in " .-")
    if not (digits.isdigit() and len(digits) == 16):
        raise DomainError(
            "nik_invalid",
            "NIK harus 16 digit angka.",
            "A NIK has 16 digits.",
        )
    answer = selectors.coverage_on(nik=digits, day=date, user=request.user)
    return coverage_as_dict(answer)


def coverage_as_dict(answer) -> dict:
    """The JSON shape of a CoverageAnswer, shared with `cakupan coverage check --json`."""
    return {
        "nik": answer.nik_masked,
        "date": answer.date.isoformat(),
        "covered": answer.covered,
        "programs": answer.programs,
        "segment": answer.segment,
        "payer": answer.payer,
        "spells": [
            {
                "id": s.id,
                "programs": s.programs,
                "segment": s.segment,
                "payer": s.payer,
                "start": s.start_date.isoformat(),
                "end": s.end_date.isoformat() if s.end_date else None,
                "employer": s.employer,
                "agreement": s.agreement,
                "kpj": s.kpj,
            }
            for s in answer.spells
        ],
        "rules": answer.rules,
    }
