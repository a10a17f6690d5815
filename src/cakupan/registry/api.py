"""Registry over HTTP: search persons, read one (NIK masked), reveal the NIK (audited), read
spells, register a BPU worker, and ask "was this NIK covered on this date?".

Every endpoint calls the selectors and services the pages call, so the caller's region scope
and the audit apply unchanged: a person outside the caller's scope is "not found", and a NIK
outside it answers the coverage question exactly like an unknown NIK ("no record within your
region", which never means "not covered").

A NIK is personal data, so the preferred endpoints take it in a JSON body
(`POST /persons/search`, `POST /coverage/check`): URLs end up in server logs, proxies and
browser history. The GET forms stay for existing clients and are marked deprecated.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.utils.translation import get_language
from ninja import Field, Query, Router, Schema, Status

from cakupan.accounts.scope import require_permission
from cakupan.errors import DomainError
from cakupan.registry import selectors, services
from cakupan.registry.models import Flag, Payer, Sex
from cakupan.registry.selectors import CoverageStatus
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
    # Only the year in lists: NIK digits 7-12 are the birth date, so a full date beside a
    # masked NIK would give the NIK back.
    birth_year: int = Field(description="Year of birth (the full date only on one person).")
    region_code: str = Field(description="Kemendagri code of the domicile desa/kelurahan.")
    synthetic: bool = Field(description="True for demo data that describes no real person.")


class PersonOut(PersonSummaryOut):
    birth_date: dt.date
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
    status: Literal["covered", "not_covered", "no_record"] = Field(
        description="The answer. `covered`: a spell covered the person on `date`. "
        "`not_covered`: the person is registered in your region scope but no spell covered "
        "them on `date`. `no_record`: your region scope holds no person with this NIK; this "
        "does **not** mean the person is unprotected (they may be registered in another "
        "region or directly with BPJS Ketenagakerjaan). `no_record` is the same whether the "
        "NIK exists in another region or nowhere."
    )
    message: str = Field(
        description="The answer as a sentence in the request's language (Accept-Language).",
        examples=["Tidak ada catatan dalam wilayah Anda — ini bukan berarti tidak terlindungi."],
    )
    covered: bool = Field(
        description="True only when `status` is `covered`. False for both `not_covered` and "
        "`no_record`: read `status` to tell them apart."
    )
    programs: list[str] = Field(description="Programs in force on `date` (union of spells).")
    segment: str | None = Field(description="Segment of the first spell in force.")
    payer: str | None = Field(description="Payer of the first spell in force.")
    spells: list[SpellOut] = Field(description="The spells in force on `date`.")
    rules: list[RuleOut] = Field(description="Benefit rules in force on `date`, per program.")


class CoverageCheckIn(Schema):
    nik: str = Field(description="16-digit NIK (spaces, dots and dashes are ignored).")
    date: dt.date = Field(description="The day asked about (YYYY-MM-DD).")


class PersonSearchIn(Schema):
    q: str = Field(description="A 16-digit NIK, an 8–13 digit KPJ, or ≥ 3 letters of a name.")
    birth_date: dt.date | None = Field(None, description="Narrows a name search (YYYY-MM-DD).")


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
        "birth_year": person.birth_date.year,
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


@router.post(
    "/persons/search",
    response={200: list[PersonSummaryOut], 400: ErrorOut},
    summary="Search persons by NIK, KPJ or name (preferred: NIK in the body)",
)
def person_search_post(request, payload: PersonSearchIn):
    """Persons in the caller's scope (at most 50). There is no way to list everyone.

    Preferred over `GET /persons?q=…`: the NIK or name travels in the JSON body, not in a
    URL that server logs and proxies keep."""
    found = selectors.person_search(
        user=request.user, query=payload.q, birth_date=payload.birth_date
    )
    return [_person_out(p) for p in found]


@router.get(
    "/persons",
    response={200: list[PersonSummaryOut], 400: ErrorOut},
    summary="Search persons by NIK, KPJ or name (deprecated: use POST /persons/search)",
    deprecated=True,
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
    """**Deprecated**: puts a NIK or a name in the URL, where server logs, proxies and
    browser history keep it. Use `POST /persons/search` with the same fields in a JSON body;
    this form stays for existing clients and answers the same."""
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


_COVERAGE_DOC = """By which spells, paid by whom, under which rules. Three answers (`status`):
`covered`, `not_covered` (registered in your region scope, no spell on that date) and
`no_record` (no person with this NIK in your region scope — not a statement that the person
is unprotected). `no_record` is identical for a NIK registered in another region and for a NIK
registered nowhere, so region scope cannot be probed."""


@router.post(
    "/coverage/check",
    response={200: CoverageOut, 400: ErrorOut, 403: ErrorOut},
    summary="Was this NIK covered on this date? (preferred: NIK in the body)",
    description=_COVERAGE_DOC
    + "\n\nPreferred over `GET /coverage/check?nik=…`: the NIK travels in the JSON body, "
    "not in a URL that server logs and proxies keep.",
)
def coverage_check_post(request, payload: CoverageCheckIn):
    return _coverage_check(request, payload.nik, payload.date)


@router.get(
    "/coverage/check",
    response={200: CoverageOut, 400: ErrorOut, 403: ErrorOut},
    summary="Was this NIK covered on this date? (deprecated: use POST /coverage/check)",
    description=_COVERAGE_DOC
    + "\n\n**Deprecated**: puts the NIK in the URL, where server logs, proxies and browser "
    "history keep it. Use `POST /coverage/check` with `{nik, date}` in a JSON body; this form "
    "stays for existing clients and answers the same.",
    deprecated=True,
)
def coverage_check(
    request,
    nik: Annotated[str, Query(description="16-digit NIK.")],
    date: Annotated[dt.date, Query(description="The day asked about (YYYY-MM-DD).")],
):
    return _coverage_check(request, nik, date)


def _coverage_check(request, nik: str, day: dt.date) -> dict:
    require_permission(user=request.user, permission="registry.view_person")
    digits = "".join(ch for ch in nik if ch not in " .-")
    if not (digits.isdigit() and len(digits) == 16):
        raise DomainError(
            "nik_invalid",
            "NIK harus 16 digit angka.",
            "A NIK has 16 digits.",
        )
    answer = selectors.coverage_on(nik=digits, day=day, user=request.user)
    return coverage_as_dict(answer, lang=_lang())


# The answer as one sentence, (Indonesian, English). "no_record" has two wordings: asked inside
# a user's region scope (API, `--user`), or by the shell operator over the whole registry.
COVERAGE_MESSAGES = {
    CoverageStatus.COVERED: ("Terlindungi pada {day}.", "Covered on {day}."),
    CoverageStatus.NOT_COVERED: (
        "Terdaftar, tetapi tidak terlindungi pada {day}.",
        "Registered, but not covered on {day}.",
    ),
    CoverageStatus.NO_RECORD: (
        "Tidak ada catatan dalam wilayah Anda — ini bukan berarti tidak terlindungi.",
        "No record within your region — this does not mean the person is not covered.",
    ),
    "no_record_unscoped": (
        "Tidak ada catatan dalam registri ini — ini bukan berarti tidak terlindungi.",
        "No record in this registry — this does not mean the person is not covered.",
    ),
}


def coverage_message(answer, *, lang: str = "id", scoped: bool = True) -> str:
    """The answer in one sentence in `lang`; `scoped=False` for the shell's whole-registry view."""
    from cakupan.rules.formats import long_date

    key = answer.status
    if key == CoverageStatus.NO_RECORD and not scoped:
        key = "no_record_unscoped"
    pair = COVERAGE_MESSAGES[key]
    text = pair[1] if (lang or "id")[:2] == "en" else pair[0]
    return text.format(day=long_date(answer.date, lang))


def coverage_as_dict(answer, *, lang: str = "id", scoped: bool = True) -> dict:
    """The JSON shape of a CoverageAnswer, shared with `cakupan coverage check --json`."""
    return {
        "nik": answer.nik_masked,
        "date": answer.date.isoformat(),
        "status": str(answer.status),
        "message": coverage_message(answer, lang=lang, scoped=scoped),
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
