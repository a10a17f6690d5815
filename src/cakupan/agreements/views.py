"""Agreement pages: register with budget bars, detail, create/edit, documents, invoice,
certificates, exports, and the public certificate verification page.

Views parse input, call selectors and services, and choose a template or a file; scope and
audit live in what they call, so a page cannot show more than the API would.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cakupan.accounts.scope import require_permission, scope_queryset, user_has_permission
from cakupan.agreements import documents, money, selectors, services
from cakupan.agreements.forms import AgreementForm, DocumentForm, InvoiceForm, PartyFormSet
from cakupan.agreements.models import OfficerRole
from cakupan.errors import DomainError, NotFound
from cakupan.rules.errors import RuleError


def _lang() -> str:
    return (get_language() or "id")[:2]


def _today() -> dt.date:
    return timezone.localdate()


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


# ---------------------------------------------------------------- register


@login_required
@require_GET
def agreement_list(request):
    require_permission(user=request.user, permission="agreements.view")
    rows = selectors.agreement_list(user=request.user, search=request.GET.get("q", ""))
    return render(
        request,
        "agreements/list.html",
        {
            "rows": rows,
            "q": request.GET.get("q", ""),
            "can_manage": user_has_permission(user=request.user, permission="agreements.manage"),
            "synthetic": any(a.synthetic for a, _b in rows),
        },
    )


@login_required
@require_GET
def agreement_detail(request, agreement_id: int):
    agreement = selectors.agreement_get(user=request.user, agreement_id=agreement_id)
    officers, page = selectors.officer_page(agreement=agreement, page=request.GET.get("page"))
    region = agreement.region_code
    return render(
        request,
        "agreements/detail.html",
        {
            "agreement": agreement,
            "budget": money.budget(agreement),
            "parties": agreement.parties.all(),
            "documents": selectors.agreement_documents(agreement=agreement),
            "officers": officers,
            "page": page,
            "min_age": [
                (dict(OfficerRole.choices).get(r, r), age) for r, age in agreement.min_age.items()
            ],
            "invoice_form": InvoiceForm(),
            "document_form": DocumentForm(),
            "can_manage": user_has_permission(
                user=request.user, permission="agreements.manage", region_code=region
            ),
            "can_export": user_has_permission(
                user=request.user, permission="registry.export", region_code=region
            ),
            "can_view_person": user_has_permission(
                user=request.user, permission="registry.view_person", region_code=region
            ),
            "can_import": user_has_permission(
                user=request.user, permission="agreements.import_roster", region_code=region
            ),
            "synthetic": agreement.synthetic,
        },
    )


def _regions_for(user):
    from cakupan.regions.models import Level, Region

    return scope_queryset(
        Region.objects.filter(level__in=[Level.REGENCY, Level.DISTRICT]),
        user=user,
        permission="agreements.manage",
        field="code",
    ).order_by("code")


def _initial(agreement) -> tuple[dict, list[dict]]:
    fields = [
        "number", "title", "region_code", "signed_on", "valid_from", "valid_to",
        "election_name", "election_date", "roles", "scope", "payer", "budget_source",
        "budget_ceiling", "charging", "programs", "declared_income",
    ]  # fmt: skip
    initial = {f: getattr(agreement, f) for f in fields}
    initial.update({f"min_age_{r}": a for r, a in agreement.min_age.items()})
    parties = list(agreement.parties.values("name", "role", "signatory", "position"))
    return initial, parties


def _form_page(request, agreement=None):
    regions = _regions_for(request.user)
    if agreement is None:
        require_permission(user=request.user, permission="agreements.manage")
        initial = {
            "payer": "apbd",
            "budget_source": "apbd",
            "charging": "month_started",
            "programs": ["JKK", "JKM"],
            "budget_ceiling": 0,
        }
        party_initial: list[dict] = []
    else:
        initial, party_initial = _initial(agreement)
    if request.method == "POST":
        form = AgreementForm(request.POST, regions=regions)
        parties = PartyFormSet(request.POST, prefix="party")
    else:
        form = AgreementForm(initial=initial, regions=regions)
        parties = PartyFormSet(initial=party_initial, prefix="party")
    if request.method == "POST" and form.is_valid() and parties.is_valid():
        party_data = [p.cleaned_data for p in parties if p.cleaned_data.get("name")]
        try:
            if agreement is None:
                agreement = services.agreement_create(
                    actor=request.user, parties=party_data, **form.service_fields()
                )
            else:
                services.agreement_update(
                    actor=request.user,
                    agreement_id=agreement.pk,
                    parties=party_data,
                    reason=form.cleaned_data.get("reason", ""),
                    **form.service_fields(),
                )
        except (DomainError, RuleError) as err:
            form.add_error(None, err.message(_lang()))
        else:
            messages.success(request, _("PKS disimpan."))
            return redirect("agreements:detail", agreement_id=agreement.pk)
    return render(
        request,
        "agreements/form.html",
        {"form": form, "parties": parties, "agreement": agreement},
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request):
    return _form_page(request)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request, agreement_id: int):
    agreement = services.agreement_managed(actor=request.user, agreement_id=agreement_id)
    return _form_page(request, agreement)


# ---------------------------------------------------------------- roster import


@login_required
@require_http_methods(["GET", "POST"])
def roster_upload(request, agreement_id: int):
    """Upload a roster for this agreement; the batch page (imports) takes it from there:
    mapping, validation progress, preview with premium and budget, commit, error report."""
    from cakupan.imports import selectors as import_selectors
    from cakupan.imports import services as import_services
    from cakupan.imports.forms import RosterUploadForm

    agreement = selectors.agreement_get(user=request.user, agreement_id=agreement_id)
    require_permission(
        user=request.user, permission="agreements.import_roster", region_code=agreement.region_code
    )
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    error = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = import_services.batch_upload(
                actor=request.user,
                kind="roster",
                area_code=agreement.region_code,
                source=upload,
                filename=upload.name,
                options=form.options(agreement.pk),
            )
        except DomainError as err:
            if isinstance(err, NotFound) or err.status == 403:
                raise
            error = err.message(_lang())
        else:
            return redirect("imports:detail", batch_id=batch.pk)
    batches = import_selectors.roster_batches(user=request.user, agreement_id=agreement.pk)
    return render(
        request,
        "agreements/roster_upload.html",
        {"agreement": agreement, "form": form, "error": error, "batches": batches},
        status=400 if error else 200,
    )


# ---------------------------------------------------------------- documents


@login_required
@require_POST
def document_upload(request, agreement_id: int):
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Pilih berkas PDF, JPEG atau PNG."))
    else:
        try:
            services.document_attach(
                actor=request.user,
                agreement_id=agreement_id,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
            )
            messages.success(request, _("Dokumen dilampirkan."))
        except DomainError as err:
            if isinstance(err, NotFound) or err.status == 403:
                raise
            messages.error(request, err.message(_lang()))
    return redirect(reverse("agreements:detail", args=[agreement_id]) + "#dokumen")


@login_required
@require_GET
def document_download(request, agreement_id: int, document_id: int):
    document, handle = services.document_open(
        actor=request.user, agreement_id=agreement_id, document_id=document_id
    )
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


# ---------------------------------------------------------------- money


@login_required
@require_GET
def invoice(request, agreement_id: int):
    """The invoice for a month (`?month=2024-11`) or a range (`?start=&end=`); `format` is
    html (preview), pdf or xlsx."""
    form = InvoiceForm(request.GET)
    start = end = None
    if form.is_valid():
        if form.cleaned_data["month"]:
            start, end = documents.month_range(form.cleaned_data["month"])
        else:
            start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    inv = selectors.agreement_invoice(
        user=request.user, agreement_id=agreement_id, start=start, end=end
    )
    kind = request.GET.get("format", "html")
    if kind == "pdf":
        content = documents.invoice_pdf(inv, lang=_lang(), issued=_today())
        return _download(content, documents.invoice_filename(inv, "pdf"), "application/pdf")
    if kind == "xlsx":
        return _download(
            documents.invoice_xlsx(inv, lang=_lang()),
            documents.invoice_filename(inv, "xlsx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    context = documents.invoice_context(inv, lang=_lang(), issued=_today())
    context["query"] = request.GET.urlencode()
    return render(request, "agreements/invoice.html", context)


@login_required
@require_GET
def certificate(request, agreement_id: int, spell_id: int):
    cert = services.certificate_issue(
        actor=request.user, agreement_id=agreement_id, spell_id=spell_id
    )
    url = request.build_absolute_uri(reverse("certificate_verify", args=[cert.code]))
    content = documents.certificate_pdf(cert, verify_url=url, lang=_lang(), issued=_today())
    return _download(content, f"sertifikat-{cert.code}.pdf", "application/pdf")


@login_required
@require_POST
def export(request, agreement_id: int, layout: str):
    found = services.officers_export(actor=request.user, agreement_id=agreement_id, layout=layout)
    return _download(found.content, found.filename, found.content_type)


# ---------------------------------------------------------------- public


@require_GET
def certificate_verify(request, code: str):
    """Public (no login): confirms a certificate with as little personal data as will do."""
    try:
        found = selectors.certificate_verify(code=code, today=_today())
    except NotFound:
        response = render(request, "agreements/verify_not_found.html", status=404)
    else:
        response = render(request, "agreements/verify.html", {"v": found})
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
