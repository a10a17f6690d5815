"""Import pages under /impor/ (namespace `imports`): upload, mapping, preview, progress, commit,
cancel, batch list and the error report. Thin: services and selectors do the work and checks."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cakupan.accounts.scope import require_permission
from cakupan.errors import DomainError
from cakupan.imports import selectors, services
from cakupan.imports.forms import MappingForm, UploadForm
from cakupan.imports.kinds import kind_get
from cakupan.imports.models import BatchState
from cakupan.imports.report import error_report_xlsx

KIND = "workers"  # the only kind with pages so far; rosters get theirs from agreements
ERRORS_ON_PAGE = 50


def _lang() -> str:
    return (get_language() or "id")[:2]


@login_required
@require_http_methods(["GET", "POST"])
def batch_list(request):
    kind = kind_get(KIND)
    require_permission(user=request.user, permission=kind.permission)
    areas = selectors.areas_for_upload(user=request.user, kind_name=KIND)
    form = UploadForm(request.POST or None, request.FILES or None, areas=areas)
    error = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = services.batch_upload(
                actor=request.user,
                kind=KIND,
                area_code=form.cleaned_data["area"],
                source=upload,
                filename=upload.name,
                options=form.options(),
            )
        except DomainError as exc:
            error = exc.message(_lang())
        else:
            return redirect("imports:detail", batch_id=batch.pk)
    batches = selectors.batch_list(user=request.user)
    return render(request, "imports/list.html", {"form": form, "batches": batches, "error": error})


@login_required
@require_GET
def batch_detail(request, batch_id: int):
    """The batch and, once checked, its preview. A GET changes nothing: a check started from
    this page ends "in review" by itself (see `batch_mapping`)."""
    batch = selectors.batch_get(user=request.user, batch_id=batch_id)
    return render(request, "imports/detail.html", _detail_context(request, batch))


def _detail_context(request, batch, mapping_form=None, error=None) -> dict:
    kind = kind_get(batch.kind)
    if mapping_form is None and batch.state in (BatchState.UPLOADED, BatchState.FAILED):
        mapping_form = MappingForm(columns=batch.columns, kind=kind, initial_mapping=batch.mapping)
    errors = []
    if batch.validated_at and not batch.running:
        errors = selectors.batch_errors(batch=batch, lang=_lang(), limit=ERRORS_ON_PAGE)
    facts = []
    if batch.validated_at and not batch.running:
        facts = kind.preview_facts(batch=batch, user=request.user)
    return {
        "batch": batch,
        "kind": kind,
        "back": kind.back_link(batch),
        "facts": facts,
        "options": kind.describe_options(batch.options),
        "mapping_form": mapping_form if not batch.running else None,
        "errors": errors,
        "more_errors": len(errors) >= ERRORS_ON_PAGE,
        "error": error,
        "can_commit": not batch.running
        and batch.validated_at is not None
        and batch.state in (BatchState.VALIDATED, BatchState.IN_REVIEW, BatchState.FAILED)
        and batch.rows_valid > 0,
        "can_cancel": batch.state not in (BatchState.COMMITTED, BatchState.CANCELLED),
    }


@login_required
@require_POST
def batch_mapping(request, batch_id: int):
    batch = selectors.batch_get(user=request.user, batch_id=batch_id)
    form = MappingForm(request.POST, columns=batch.columns, kind=kind_get(batch.kind))
    if form.is_valid():
        try:
            services.batch_mapping_set(
                actor=request.user, batch_id=batch.pk, mapping=form.mapping()
            )
            # The page shows the preview when the check ends: the batch is then in review.
            services.batch_validate(actor=request.user, batch_id=batch.pk, review=True)
        except DomainError as exc:
            batch.refresh_from_db()
            context = _detail_context(request, batch, form, exc.message(_lang()))
            return render(request, "imports/detail.html", context, status=400)
    return redirect("imports:detail", batch_id=batch.pk)


@login_required
@require_GET
def batch_progress(request, batch_id: int):
    """The fragment the page polls every second while a task runs; when the task is done it
    asks htmx to reload the page, which then shows the result."""
    batch = selectors.batch_get(user=request.user, batch_id=batch_id)
    response = render(request, "imports/_progress.html", {"batch": batch})
    if not batch.running:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def batch_commit(request, batch_id: int):
    batch = selectors.batch_get(user=request.user, batch_id=batch_id)
    if batch.state == BatchState.VALIDATED:  # checked elsewhere (the API): reviewed here
        services.batch_review(actor=request.user, batch_id=batch.pk)
    services.batch_commit(actor=request.user, batch_id=batch.pk)
    return redirect("imports:detail", batch_id=batch.pk)


@login_required
@require_POST
def batch_cancel(request, batch_id: int):
    batch = selectors.batch_get(user=request.user, batch_id=batch_id)
    services.batch_cancel(actor=request.user, batch_id=batch.pk)
    return redirect("imports:detail", batch_id=batch.pk)


@login_required
@require_GET
def batch_report(request, batch_id: int):
    batch = selectors.batch_get(user=request.user, batch_id=batch_id)
    data = error_report_xlsx(batch=batch, lang=_lang(), user=request.user)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="galat-impor-{batch.pk}.xlsx"'
    return response
