"""Printed claim documents: the decision letter to the heirs (every amount with its legal basis)
and the berita acara of a public hand-over. Always in Indonesian: they are official letters
(the UI language does not change them)."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from cakupan.claims import selectors
from cakupan.claims.models import Claim, HandOver, Status
from cakupan.documents.pdf import render_html, render_pdf
from cakupan.errors import DomainError
from cakupan.rules.calculation import LABELS
from cakupan.rules.nik import mask_nik

LETTER_STATUSES = (Status.APPROVED, Status.PAID)


def component_rows(decision) -> list[dict]:
    rows = []
    for c in decision.components if decision else []:
        if c.get("informational"):
            continue
        label = LABELS.get(c["name"], (c.get("label") or c["name"],))[0]
        rows.append({**c, "label": label})
    return rows


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
    return {
        "claim": claim,
        "decision": decision,
        "components": component_rows(decision),
        "heirs": heirs,
        "payment": getattr(claim, "payment", None),
        "nik_masked": mask_nik(claim.nik),
        "issued": issued,
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
