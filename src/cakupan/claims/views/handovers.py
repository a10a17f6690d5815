"""Hand-over ceremonies (penyerahan santunan): list, record, photos and the berita acara PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cakupan.accounts.scope import require_permission, user_has_permission
from cakupan.claims import documents, selectors, services
from cakupan.claims.forms import HandOverForm, PhotoForm
from cakupan.claims.views.responses import fail, file_download, lang, pdf_download
from cakupan.errors import DomainError


@login_required
@require_GET
def handover_list(request):
    require_permission(user=request.user, permission="claims.view")
    return render(
        request,
        "claims/handover_list.html",
        {
            "handovers": selectors.handover_list(user=request.user),
            "can_enter": user_has_permission(user=request.user, permission=services.ENTER),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def handover_create(request):
    require_permission(user=request.user, permission=services.ENTER)
    paid = list(selectors.claims_paid_unhanded(user=request.user))
    form = HandOverForm(
        request.POST or None,
        claims=paid,
        initial={"held_on": timezone.localdate(), "claims": request.GET.getlist("claim")},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        ids = [int(i) for i in data.pop("claims")]
        try:
            handover = services.handover_create(actor=request.user, claim_ids=ids, **data)
        except DomainError as err:
            if err.status in (403, 404):
                raise
            form.add_error(None, err.message(lang()))
        else:
            messages.success(request, _("Penyerahan santunan dicatat."))
            return redirect("claims:handover_detail", handover_id=handover.pk)
    return render(request, "claims/handover_form.html", {"form": form, "paid": paid})


@login_required
@require_GET
def handover_detail(request, handover_id: int):
    handover = selectors.handover_get(user=request.user, handover_id=handover_id)
    rows = documents.handover_context(handover, user=request.user, issued=timezone.localdate())
    return render(
        request,
        "claims/handover_detail.html",
        {
            **rows,
            "photo_form": PhotoForm(),
            "photo_list": handover.photos.all(),
            "can_enter": user_has_permission(
                user=request.user, permission=services.ENTER, region_code=handover.region_code
            ),
        },
    )


@login_required
@require_POST
def handover_photo(request, handover_id: int):
    form = PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Pilih foto JPEG atau PNG."))
    else:
        try:
            services.handover_photo_add(
                actor=request.user, handover_id=handover_id, upload=form.cleaned_data["file"]
            )
            messages.success(request, _("Foto disimpan."))
        except DomainError as err:
            fail(request, err)
    return redirect("claims:handover_detail", handover_id=handover_id)


@login_required
@require_GET
def handover_photo_download(request, handover_id: int, photo_id: int):
    photo, handle = services.photo_open(
        actor=request.user, handover_id=handover_id, photo_id=photo_id
    )
    return file_download(photo, handle)


@login_required
@require_GET
def handover_report(request, handover_id: int):
    handover = selectors.handover_get(user=request.user, handover_id=handover_id)
    content = documents.handover_pdf(handover, user=request.user, issued=timezone.localdate())
    return pdf_download(content, f"berita-acara-penyerahan-{handover.pk}.pdf")
