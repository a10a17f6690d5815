"""Printed claim documents: the decision letter to the heirs (every amount with its legal basis)
and the berita acara of a public hand-over. Always in Indonesian: they are official letters
(the UI language does not change them)."""

from __future__ import annotations

import datetime as dt

from django.utils import translation
from django.utils.translation import gettext as _

from cakupan.claims import arrears, selectors
from cakupan.claims.models import Claim, DisabilityKind, HandOver, Status
from cakupan.documents.pdf import render_html, render_pdf
from cakupan.errors import DomainError
from cakupan.rules.benefits.scholarship import SCHOLARSHIP, SCHOLARSHIPS_NOTE
from cakupan.rules.calculation import LABELS
from cakupan.rules.nik import mask_nik
from cakupan.rules.wording import pct

LETTER_STATUSES = (Status.APPROVED, Status.PAID)


def _english(lang: str | None) -> bool:
    return (lang or "id")[:2] == "en"


def component_rows(decision, lang: str = "id") -> list[dict]:
    """The decision's components in `lang`: labels from the rules, details as stored in both
    languages when the decision was made (older decisions: Indonesian only)."""
    en = _english(lang)
    rows = []
    for c in decision.components if decision else []:
        if c.get("informational"):
            continue
        stored = c.get("label") or c["name"]
        pair = LABELS.get(c["name"], (stored, c.get("label_en") or stored))
        detail = c.get("detail")
        if en and c.get("detail_en"):
            detail = c["detail_en"]
        later = c["name"] == SCHOLARSHIP  # paid per school year, not with the claim
        rows.append({**c, "label": pair[1] if en else pair[0], "detail": detail, "later": later})
    return rows


def split_amounts(decision, lang: str = "id") -> dict:
    """What is paid when the claim is paid, apart from the scholarships to come: the two
    amounts, the rules' note on when scholarships are paid (in `lang`, None without one) and
    the legal basis of the scholarships."""
    if decision is None:
        return {"paid_at_claim": 0, "scholarships_total": 0, "scholarships_note": None,
                "scholarships_reference": ""}  # fmt: skip
    later = decision.scholarships_total
    references = dict.fromkeys(
        c.get("reference") or ""
        for c in decision.components or []
        if c.get("name") == SCHOLARSHIP and not c.get("informational")
    )
    return {
        "paid_at_claim": decision.paid_at_claim,
        "scholarships_total": later,
        "scholarships_note": SCHOLARSHIPS_NOTE.in_lang(lang) if later else None,
        "scholarships_reference": "; ".join(r for r in references if r),
    }


def note_text(note, lang: str = "id") -> str | None:
    """One stored decision note as a sentence in `lang` (None for a note the page already
    says another way). Rules' notes are stored as {"id", "en"}; older ones as Indonesian text;
    the claims app's own notes as codes."""
    if isinstance(note, dict):
        return note.get("en" if _english(lang) else "id") or note.get("id")
    code, _sep, names = str(note).partition(":")
    with translation.override(lang):
        if code == "in_kind_only":
            return None  # the empty breakdown says it
        if code == "jht_balance_entered":
            return _("Saldo JHT dicatat sesuai keterangan BPJS Ketenagakerjaan, tidak dihitung.")
        if code == "school_level_missing":
            return _("Jenjang sekolah belum diisi untuk %(names)s: beasiswanya belum dihitung.") % {
                "names": names
            }
    return str(note)


def note_rows(decision, lang: str = "id") -> list[str]:
    """The rules' notes on the decision (why no scholarship, ...) in `lang`."""
    texts = [note_text(n, lang) for n in (decision.notes if decision else [])]
    return [t for t in texts if t]


def disability_summary(claim: Claim, lang: str = "id") -> dict | None:
    """A disability claim's kind and the doctor's percentages as people read them ("40%");
    None for any other claim."""
    if not claim.disability_kind:
        return None

    def text(value) -> str | None:
        return pct(value, lang) if value is not None else None

    with translation.override(lang):
        kind = str(DisabilityKind(claim.disability_kind).label)
    return {
        "kind": kind,
        "partial": claim.is_partial_disability,
        "functional": claim.disability_kind == DisabilityKind.FUNCTIONAL,
        "table": text(claim.disability_table_percent),
        "function": text(claim.function_lost_percent),
    }


def heir_note(heir, decision, lang: str = "id") -> str:
    """Why the rules left `heir` out, in `lang` (English stored with the decision)."""
    if _english(lang) and decision is not None:
        found = (decision.heirs or {}).get("notes_en", {}).get(str(heir.pk))
        if found:
            return found
    return heir.rules_note


def letter_context(claim: Claim, *, issued: dt.date) -> dict:
    if claim.status not in LETTER_STATUSES:
        raise DomainError(
            "letter_not_ready",
            "Surat keputusan baru dapat dicetak setelah klaim disetujui.",
            "The decision letter can be printed once the claim is approved.",
        )
    decision = claim.decision
    heirs = [
        {"heir": h, "nik": mask_nik(h.nik) if h.nik else "—"}
        for h in claim.heirs.all()
        if h.entitled
    ]
    # The payment situation stands in its own paragraph (who pays first), not among the notes.
    situation = arrears.stored_note(decision)
    notes = [
        text
        for note in decision.notes
        if note is not situation
        for text in [note_text(note, "id")]
        if text
    ]
    return {
        "claim": claim,
        "decision": decision,
        "components": component_rows(decision, "id"),
        "amounts": split_amounts(decision, "id"),
        "notes": notes,
        "situation": situation,
        "employer": (arrears.claim_spell(claim) or {}).get("employer"),
        "heirs": heirs,
        "payment": getattr(claim, "payment", None),
        "nik_masked": mask_nik(claim.nik),
        "disability": disability_summary(claim, "id"),
        "issued": issued,
        "synthetic": selectors.claim_is_synthetic(claim),
        "lang": "id",
    }


def letter_html(claim: Claim, *, issued: dt.date) -> str:
    with translation.override("id"):
        return render_html("claims/pdf/letter.html", letter_context(claim, issued=issued))


def letter_pdf(claim: Claim, *, issued: dt.date) -> bytes:
    with translation.override("id"):
        return render_pdf("claims/pdf/letter.html", letter_context(claim, issued=issued))


def handover_context(handover: HandOver, *, user, issued: dt.date) -> dict:
    claims = list(selectors.handover_claims(handover=handover, user=user))
    rows = []
    for claim in claims:
        recipients = [h.name for h in claim.heirs.all() if h.entitled]
        rows.append(
            {
                "claim": claim,
                "nik_masked": mask_nik(claim.nik),
                "recipient": claim.payment.recipient,
                "heirs": recipients,
                "amount": claim.payment.amount,
            }
        )
    return {
        "handover": handover,
        "rows": rows,
        "total": sum(r["amount"] for r in rows),
        "photos": handover.photos.count(),
        "issued": issued,
        "synthetic": any(selectors.claim_is_synthetic(c) for c in claims),
        "lang": "id",
    }


def handover_html(handover: HandOver, *, user, issued: dt.date) -> str:
    with translation.override("id"):
        context = handover_context(handover, user=user, issued=issued)
        return render_html("claims/pdf/handover.html", context)


def handover_pdf(handover: HandOver, *, user, issued: dt.date) -> bytes:
    with translation.override("id"):
        context = handover_context(handover, user=user, issued=issued)
        return render_pdf("claims/pdf/handover.html", context)
