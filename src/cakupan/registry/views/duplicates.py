"""The de-duplication queue: likely duplicates side by side, merged or dismissed with a reason."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cakupan.accounts.scope import require_permission
from cakupan.errors import DomainError
from cakupan.registry import duplicates, selectors
from cakupan.registry.forms import DismissForm, MergeForm
from cakupan.registry.views.responses import error_text


@login_required
@require_GET
def duplicate_list(request):
    require_permission(user=request.user, permission="registry.manage_spell")
    queue = selectors.duplicate_queue(user=request.user)
    synthetic = any(p["person"].synthetic for item in queue for p in item["persons"])
    return render(request, "registry/duplicates.html", {"queue": queue, "synthetic": synthetic})


@login_required
@require_POST
def duplicate_merge(request, candidate_id: int):
    candidate = selectors.duplicate_get(user=request.user, candidate_id=candidate_id)
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih orang yang dipertahankan dan isi alasan."))
        return redirect("registry:duplicates")
    try:
        kept = duplicates.duplicate_merge(
            actor=request.user,
            candidate_id=candidate.pk,
            keep_person_id=form.cleaned_data["keep_person_id"],
            reason=form.cleaned_data["reason"],
        )
    except DomainError as err:
        messages.error(request, error_text(err))
        return redirect("registry:duplicates")
    messages.success(request, _("Digabung ke {name}.").format(name=kept.name))
    return redirect("registry:duplicates")


@login_required
@require_POST
def duplicate_dismiss(request, candidate_id: int):
    candidate = selectors.duplicate_get(user=request.user, candidate_id=candidate_id)
    form = DismissForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Isi alasan."))
        return redirect("registry:duplicates")
    duplicates.duplicate_dismiss(
        actor=request.user, candidate_id=candidate.pk, reason=form.cleaned_data["reason"]
    )
    messages.success(request, _("Ditandai bukan duplikat."))
    return redirect("registry:duplicates")
