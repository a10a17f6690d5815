"""Claim pages: the list (overdue first, days from report to payment), the report form, and the
detail (coverage on the incident date, heirs, decision breakdown, documents checklist and
uploads, transitions) with its decision letter PDF.

Views parse input, call selectors and services, and choose a template or a file; scope,
maker-checker and audit live in what they call.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cakupan.accounts.scope import require_permission, user_has_permission
from cakupan.claims import arrears, documents, selectors, services
from cakupan.claims.documents import disability_summary
from cakupan.claims.forms import (
    BasisForm,
    ClaimForm,
    DocumentForm,
    HeirForm,
    OverrideForm,
    PaidThroughForm,
    PaymentForm,
    ReasonForm,
)
from cakupan.claims.models import OPEN_STATUSES, Event, Program, Status
from cakupan.claims.views.responses import fail, file_download, lang, pdf_download
from cakupan.errors import DomainError
from cakupan.rules.errors import RuleError
from cakupan.rules.errors import render as rule_message
from cakupan.rules.wording import month_year


@login_required
@require_GET
def claim_list(request):
    require_permission(user=request.user, permission="claims.view")
    status = request.GET.get("status", "")
    program = request.GET.get("program", "")
    overdue = request.GET.get("overdue") == "1"
    rows = selectors.claim_list(user=request.user, status=status, program=program, overdue=overdue)
    return render(
        request,
        "claims/list.html",
        {
            "rows": rows,
            "status": status,
            "program": program,
            "overdue": overdue,
            "statuses": Status.choices,
            "programs": Program.choices,
            "due_days": selectors.due_days(),
            "can_enter": user_has_permission(user=request.user, permission="claims.enter"),
            "synthetic": any(r.claim.synthetic for r in rows),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def claim_create(request):
    require_permission(user=request.user, permission="claims.enter")
    today = timezone.localdate()
    form = ClaimForm(request.POST or None, initial={"reported_on": today, "program": "JKM"})
    if request.method == "POST" and form.is_valid():
        try:
            claim = services.claim_create(actor=request.user, **form.cleaned_data)
        except (DomainError, RuleError) as err:
            if getattr(err, "status", 400) in (403, 404):
                raise
            form.add_error(None, err.message(lang()))
        else:
            situation = selectors.claim_payment_situation(claim=claim)
            if claim.status == Status.REFUSED:
                messages.warning(request, _("Klaim dicatat dan ditolak: tidak terlindungi."))
            elif situation is not None and not situation.covered:
                messages.warning(
                    request,
                    _(
                        "Klaim dicatat, tetapi iuran tidak menjamin kejadian: klaim akan ditolak "
                        "saat verifikasi. Perbaiki bulan iuran jika keliru."
                    ),
                )
            else:
                messages.success(request, _("Klaim dicatat."))
            return redirect("claims:detail", claim_id=claim.pk)
    return render(request, "claims/form.html", {"form": form})


# ---------------------------------------------------------------- detail


@login_required
@require_GET
def claim_detail(request, claim_id: int):
    claim = selectors.claim_get(user=request.user, claim_id=claim_id)
    region = claim.region_code

    def can(permission: str) -> bool:
        return user_has_permission(user=request.user, permission=permission, region_code=region)

    decision = getattr(claim, "decision", None)
    error = None
    if decision is not None and decision.error_code:
        error = rule_message(decision.error_code, decision.error_params, lang())
    docs = list(selectors.claim_documents(claim=claim))
    situation = selectors.claim_payment_situation(claim=claim)
    return render(
        request,
        "claims/detail.html",
        {
            "claim": claim,
            "status_reason": claim.reason_in(lang()),
            "row": selectors.claim_row(claim=claim),
            "coverage": claim.coverage,
            "spells": _spells(claim.coverage),
            "heirs": selectors.heir_rows(claim=claim, lang=lang()),
            "decision": decision,
            "components": documents.component_rows(decision, lang()),
            "amounts": documents.split_amounts(decision, lang()),
            "decision_notes": documents.note_rows(decision, lang()),
            "decision_error": error,
            "checklist": selectors.claim_checklist(claim=claim),
            "documents": docs,
            "override_documents": [d for d in docs if d.kind in services.OVERRIDE_DOCUMENTS],
            "payment": getattr(claim, "payment", None),
            "is_open": claim.status in OPEN_STATUSES,
            "editable": claim.status == Status.ENTERED and can(services.ENTER),
            "can_enter": can(services.ENTER),
            "can_verify": claim.status == Status.ENTERED and can(services.VERIFY),
            "can_reject": claim.status in (Status.ENTERED, Status.VERIFIED)
            and can(services.VERIFY),
            "can_approve": claim.status == Status.VERIFIED
            and can(services.APPROVE)
            and request.user.pk not in (claim.entered_by_id, claim.verified_by_id),
            "own_entry": claim.entered_by_id == request.user.pk,
            "own_verification": claim.verified_by_id == request.user.pk,
            "can_pay": claim.status == Status.APPROVED and can(services.PAY),
            "letter_ready": claim.status in documents.LETTER_STATUSES,
            "heir_form": HeirForm(auto_id="heir_%s"),
            "document_form": DocumentForm(auto_id="doc_%s"),
            "override_choices": OverrideForm.base_fields["entitled"].choices,
            "basis_form": BasisForm(
                auto_id="basis_%s",
                disability=claim.event == Event.DISABILITY,
                initial={
                    "wage": claim.wage,
                    "stmb_days": claim.stmb_days,
                    "jht_balance": claim.jht_balance,
                    "membership_months": claim.membership_months,
                    "disability_kind": claim.disability_kind,
                    "disability_table_percent": claim.disability_table_percent,
                    "function_lost_percent": claim.function_lost_percent,
                },
            ),
            "payment_form": PaymentForm(
                auto_id="pay_%s",
                initial={
                    "paid_on": timezone.localdate(),
                    # What the claim's payment settles; scholarships are paid per school year.
                    "amount": decision.paid_at_claim if decision else None,
                },
            ),
            "reason_form": ReasonForm(auto_id="reject_%s"),
            "handovers": claim.handovers.all(),
            "synthetic": selectors.claim_is_synthetic(claim),
            "disability": disability_summary(claim, lang()),
            **_situation(claim, situation, can(services.ENTER)),
        },
    )


def _situation(claim, situation, can_enter: bool) -> dict:
    """The payment situation on the incident date for the coverage box, in the UI language."""
    if situation is None:
        return {"situation": None}
    return {
        "situation": situation,
        "situation_label": arrears.LABELS.get(situation.situation, situation.situation),
        "situation_text": situation.explanation.in_lang(lang()),
        # Recording the month never refuses; the verify step will (`claims.paid_through`).
        "will_refuse": claim.status == Status.ENTERED and not situation.covered,
        "paid_through_text": month_year(claim.paid_through, lang()) if claim.paid_through else "",
        "can_record_paid_through": claim.status == Status.ENTERED
        and can_enter
        and situation.situation != "not_applicable",
        "paid_through_form": PaidThroughForm(
            auto_id="pt_%s", initial={"paid_through": claim.paid_through}
        ),
    }


def _spells(coverage: dict) -> list[dict]:
    """The stored coverage answer's spells, with the payer's and segment's labels."""
    from cakupan.registry.models import Payer, Segment

    payers, segments = dict(Payer.choices), dict(Segment.choices)
    return [
        {
            **s,
            "payer_label": payers.get(s.get("payer"), s.get("payer")),
            "segment_label": segments.get(s.get("segment"), s.get("segment")),
        }
        for s in coverage.get("spells", [])
    ]


def _back(claim_id: int, anchor: str = ""):
    return redirect(reverse("claims:detail", args=[claim_id]) + anchor)


@login_required
@require_POST
def heir_add(request, claim_id: int):
    form = HeirForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Periksa isian ahli waris."))
        return _back(claim_id, "#ahli-waris")
    try:
        services.heir_add(actor=request.user, claim_id=claim_id, **form.cleaned_data)
        messages.success(request, _("Ahli waris dicatat."))
    except (DomainError, RuleError) as err:
        fail(request, err)
    return _back(claim_id, "#ahli-waris")


@login_required
@require_POST
def heir_remove(request, claim_id: int, heir_id: int):
    try:
        services.heir_remove(actor=request.user, claim_id=claim_id, heir_id=heir_id)
    except DomainError as err:
        fail(request, err)
    return _back(claim_id, "#ahli-waris")


@login_required
@require_POST
def heir_override(request, claim_id: int, heir_id: int):
    form = OverrideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih putusan, dokumen dan alasan."))
        return _back(claim_id, "#ahli-waris")
    entitled = {"yes": True, "no": False, "rules": None}[form.cleaned_data["entitled"]]
    try:
        services.heir_override(
            actor=request.user,
            claim_id=claim_id,
            heir_id=heir_id,
            entitled=entitled,
            reason=form.cleaned_data["reason"],
            document_id=form.cleaned_data["document"],
        )
        messages.success(request, _("Putusan ahli waris dicatat."))
    except DomainError as err:
        fail(request, err)
    return _back(claim_id, "#ahli-waris")


@login_required
@require_POST
def basis_update(request, claim_id: int):
    form = BasisForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason", "")
        try:
            services.claim_update_basis(
                actor=request.user, claim_id=claim_id, reason=reason, **data
            )
            messages.success(request, _("Dasar perhitungan diperbarui."))
        except (DomainError, RuleError) as err:
            fail(request, err)
    return _back(claim_id, "#keputusan")


@login_required
@require_POST
def paid_through_update(request, claim_id: int):
    form = PaidThroughForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Isi bulan sebagai YYYY-MM."))
        return _back(claim_id, "#kepesertaan")
    try:
        claim = services.claim_record_paid_through(
            actor=request.user,
            claim_id=claim_id,
            paid_through=form.cleaned_data["paid_through"],
            reason=form.cleaned_data["reason"],
        )
    except (DomainError, RuleError) as err:
        fail(request, err)
    else:
        situation = selectors.claim_payment_situation(claim=claim)
        if situation is not None and not situation.covered:
            messages.warning(
                request,
                _(
                    "Status pembayaran iuran dicatat. Iuran tidak menjamin kejadian: klaim akan "
                    "ditolak saat verifikasi."
                ),
            )
        else:
            messages.success(request, _("Status pembayaran iuran dicatat."))
    return _back(claim_id, "#kepesertaan")


@login_required
@require_POST
def document_upload(request, claim_id: int):
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Pilih jenis dokumen dan berkas PDF, JPEG atau PNG."))
    else:
        try:
            services.document_attach(
                actor=request.user,
                claim_id=claim_id,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
            messages.success(request, _("Dokumen dilampirkan."))
        except DomainError as err:
            fail(request, err)
    return _back(claim_id, "#dokumen")


@login_required
@require_GET
def document_download(request, claim_id: int, document_id: int):
    document, handle = services.document_open(
        actor=request.user, claim_id=claim_id, document_id=document_id
    )
    return file_download(document, handle)


@login_required
@require_POST
def transition(request, claim_id: int, action: str):
    user = request.user
    try:
        if action == "verify":
            claim = services.claim_verify(actor=user, claim_id=claim_id)
            if claim.status == Status.REFUSED:
                messages.warning(request, _("Klaim ditolak: iuran tidak menjamin kejadian."))
            else:
                messages.success(request, _("Klaim diverifikasi."))
        elif action == "reject":
            form = ReasonForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            services.claim_reject(actor=user, claim_id=claim_id, reason=reason)
            messages.success(request, _("Klaim ditolak."))
        elif action == "approve":
            services.claim_approve(actor=user, claim_id=claim_id)
            messages.success(request, _("Klaim disetujui."))
        elif action == "pay":
            form = PaymentForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Periksa isian pembayaran."))
            else:
                services.claim_pay(actor=user, claim_id=claim_id, **form.cleaned_data)
                messages.success(request, _("Pembayaran dicatat."))
        else:
            return HttpResponse(status=404)
    except DomainError as err:
        fail(request, err)
    return _back(claim_id)


@login_required
@require_GET
def letter(request, claim_id: int):
    claim = selectors.claim_get(user=request.user, claim_id=claim_id)
    content = documents.letter_pdf(claim, issued=timezone.localdate())
    return pdf_download(content, f"surat-keputusan-{claim.number}.pdf")
