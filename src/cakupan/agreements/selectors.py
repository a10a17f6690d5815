"""Reads of agreements, always inside the caller's region scope (`agreements.view`).

An agreement lies in its `region_code` (a regency or a kecamatan); a user sees it when that
code is inside one of their granted regions. The officers of a visible agreement are shown
with masked NIKs; full NIKs leave only through the audited exports (services).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet

from cakupan.accounts.scope import scope_queryset
from cakupan.agreements import money
from cakupan.agreements.models import Agreement, AgreementDocument, Certificate
from cakupan.errors import DomainError, NotFound
from cakupan.rules.errors import RuleError
from cakupan.rules.nik import mask_nik

OFFICERS_PER_PAGE = 50


def agreement_queryset(*, user, permission: str = "agreements.view") -> QuerySet:
    return scope_queryset(Agreement.objects.all(), user=user, permission=permission)


def agreement_list(*, user, search: str = "") -> list[tuple[Agreement, money.Budget]]:
    """Visible agreements, newest first, each with its budget used vs ceiling."""
    qs = agreement_queryset(user=user).order_by("-valid_from", "number")
    text = (search or "").strip()
    if text:
        qs = qs.filter(Q(number__icontains=text) | Q(title__icontains=text))
    found = list(qs[:200])
    budgets = money.budgets(found)
    return [(a, budgets[a.pk]) for a in found]


def agreement_get(*, user, agreement_id: int, permission: str = "agreements.view") -> Agreement:
    found = agreement_queryset(user=user, permission=permission).filter(pk=agreement_id).first()
    if found is None:
        raise NotFound("agreement_not_found", "PKS tidak ditemukan.", "Agreement not found.")
    return found


def agreement_spells(*, agreement: Agreement) -> QuerySet:
    """The spells this agreement pays for (the registry's rows pointing at it)."""
    return agreement.spells.select_related("person").order_by("role", "person__name", "id")


@dataclass
class OfficerRow:
    spell_id: int
    person_id: int
    name: str
    nik_masked: str
    role: str
    start: dt.date
    end: dt.date | None
    programs: list[str]
    premium: int
    synthetic: bool


def officer_rows(*, agreement: Agreement, spells) -> list[OfficerRow]:
    terms = money.Terms.of(agreement)
    rows = []
    for s in spells:
        try:
            premium = money.spell_charge(terms, s.start_date, s.end_date, s.wage).amount
        except RuleError:  # income outside the BPU range: shown as a problem on the budget
            premium = 0
        rows.append(
            OfficerRow(
                spell_id=s.pk,
                person_id=s.person_id,
                name=s.person.name,
                nik_masked=mask_nik(s.person.nik),
                role=s.role,
                start=s.start_date,
                end=s.end_date,
                programs=s.programs,
                premium=premium,
                synthetic=s.synthetic,
            )
        )
    return rows


def officer_page(*, agreement: Agreement, page: int | str | None = 1):
    """One page of officers (masked NIK, premium) and the paginator page object."""
    paginator = Paginator(agreement_spells(agreement=agreement), OFFICERS_PER_PAGE)
    page_obj = paginator.get_page(page)
    return officer_rows(agreement=agreement, spells=page_obj.object_list), page_obj


def agreement_spell(*, agreement: Agreement, spell_id: int):
    spell = agreement_spells(agreement=agreement).filter(pk=spell_id).first()
    if spell is None:
        raise NotFound(
            "officer_not_found",
            "Petugas tidak ditemukan pada PKS ini.",
            "Officer not found in this agreement.",
        )
    return spell


def agreement_documents(*, agreement: Agreement) -> QuerySet:
    return agreement.documents.select_related("uploaded_by")


def document_get(*, user, agreement_id: int, document_id: int) -> AgreementDocument:
    agreement = agreement_get(user=user, agreement_id=agreement_id)
    found = agreement.documents.filter(pk=document_id).first()
    if found is None:
        raise NotFound("document_not_found", "Dokumen tidak ditemukan.", "Document not found.")
    return found


def invoice_period(*, agreement: Agreement, start, end) -> tuple[dt.date, dt.date]:
    """The invoice dates asked for, defaulting to the agreement's validity."""
    start = start or agreement.valid_from
    end = end or agreement.valid_to
    if end < start:
        raise DomainError(
            "dates_reversed",
            "Tanggal akhir sebelum tanggal mulai.",
            "The end date is before the start date.",
        )
    return start, end


def agreement_invoice(*, user, agreement_id: int, start=None, end=None) -> money.Invoice:
    agreement = agreement_get(user=user, agreement_id=agreement_id)
    start, end = invoice_period(agreement=agreement, start=start, end=end)
    return money.invoice(agreement, start, end)


# ---------------------------------------------------------------- public verification


@dataclass
class Verification:
    code: str
    initials: str
    nik_masked: str
    start: dt.date
    end: dt.date | None
    programs: list[str]
    agreement_number: str
    agreement_title: str
    role: str
    active_today: bool
    ended: bool = False  # valid, but the protection ended before today
    synthetic: bool = False  # demo data: the page must say so, as the PDFs do


def initials(name: str) -> str:
    """'Siti Aminah binti Umar' -> 'S. A. B. U.': enough to match a face, not a name."""
    return " ".join(f"{part[0].upper()}." for part in (name or "").split() if part[0].isalpha())


def certificate_verify(*, code: str, today: dt.date) -> Verification:
    """What the public verification page shows for a certificate code (no login).

    Codes are random (80 bits), so guessing one is hopeless; an unknown code is NotFound.
    The page shows the coverage as it stands now (an ended spell shows its real end date).
    """
    normal = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    found = (
        Certificate.objects.select_related("spell__person", "agreement").filter(code=normal).first()
        if 10 <= len(normal) <= 32
        else None
    )
    if found is None:
        raise NotFound(
            "certificate_not_found",
            "Kode verifikasi tidak dikenal.",
            "Unknown verification code.",
        )
    spell, agreement = found.spell, found.agreement
    end = spell.end_date
    return Verification(
        code=found.code,
        initials=initials(spell.person.name),
        nik_masked=mask_nik(spell.person.nik),
        start=spell.start_date,
        end=end,
        programs=spell.programs,
        agreement_number=agreement.number,
        agreement_title=agreement.title,
        role=spell.role,
        active_today=spell.start_date <= today and (end is None or today <= end),
        ended=end is not None and end < today,
        synthetic=bool(agreement.synthetic or spell.person.synthetic or spell.synthetic),
    )


def agreement_invoice_spells(
    *, user, agreement_id: int, start=None, end=None, permission: str = "agreements.view"
) -> tuple[Agreement, dt.date, dt.date, list[money.SpellCharge]]:
    """The invoice's lines per officer (what a stored bill keeps), with the dates used."""
    agreement = agreement_get(user=user, agreement_id=agreement_id, permission=permission)
    start, end = invoice_period(agreement=agreement, start=start, end=end)
    return agreement, start, end, money.invoice_spells(agreement, start, end)
