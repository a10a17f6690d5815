"""The payment situation on a claim's incident date: `cakupan.rules.arrears` asked with what
the claim holds. Segment, payer and spell start come from the stored coverage answer (the
spell with the claim's program), the paid-through month from what an officer read in BPJS's
system. Nothing here writes.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from cakupan.rules.arrears import ArrearsSituation, arrears_situation
from cakupan.rules.errors import RuleError

LABELS = {
    "paid": _("Iuran bulan kejadian sudah dibayar"),
    "grace": _("Masa tenggang: iuran belum jatuh tempo"),
    "arrears_bpjs_pays": _("Menunggak iuran: BPJS tetap membayar"),
    "arrears_employer_first": _("Menunggak iuran: pemberi kerja membayar dahulu"),
    "bpu_unpaid_month": _("Iuran bulan kejadian tidak dibayar"),
    "bpu_lapsed": _("Kepesertaan BPU non-aktif"),
    "unknown": _("Pembayaran iuran belum diperiksa"),
    "not_applicable": _("Tidak ada aturan tunggakan bulanan"),
}


def claim_spell(claim) -> dict | None:
    """The stored spell that covered the claim's program on the incident date."""
    for spell in (claim.coverage or {}).get("spells", []):
        if claim.program in spell.get("programs", []):
            return spell
    return None


def claim_situation(claim) -> ArrearsSituation | None:
    """The rules' situation for `claim` (None: no spell with its program, or no rule in force
    on the incident date)."""
    spell = claim_spell(claim)
    if spell is None or not spell.get("segment"):
        return None
    start = spell.get("start_date")
    try:
        return arrears_situation(
            segment=spell["segment"],
            program=claim.program,
            incident_date=claim.incident_date,
            paid_through=claim.paid_through,
            payer=spell.get("payer"),
            coverage_start=dt.date.fromisoformat(start) if start else None,
        )
    except RuleError:
        return None


def situation_note(situation: ArrearsSituation) -> dict:
    """The situation as a decision note: both languages, and its code for letters and the API."""
    return {
        "id": str(situation.explanation),
        "en": situation.explanation.en,
        "situation": situation.situation,
        "reference": situation.reference,
    }


def stored_note(decision) -> dict | None:
    """The situation note stored with the decision (what it was when the benefit was set)."""
    for note in decision.notes if decision else []:
        if isinstance(note, dict) and note.get("situation"):
            return note
    return None
