"""Gap pages under /cakupan/celah/ (namespace `coverage`): the residents not covered per desa,
its XLSX download, and the import of a resident list with its row report. Thin: the gap
selectors and services check scope and do the work."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cakupan.accounts.scope import require_permission
from cakupan.coverage.gap import lists, selectors, services
from cakupan.coverage.gap.forms import GapFilterForm, ResidentUploadForm
from cakupan.coverage.gap.residents import row_errors_shown
from cakupan.errors import DomainError


def _lang() -> str:
    return (get_language() or "id")[:2]


def _filters(request) -> tuple[str, GapFilterForm, dict]:
    """The region asked for (default: the user's first), the bound filter form and the
    selector arguments it gives (a bad value falls back to no filter, never a 500)."""
    scope = selectors.gap_regions_in_scope(user=request.user)
    code = request.GET.get("wilayah") or request.POST.get("wilayah") or (scope[0] if scope else "")
    data = request.GET if request.method == "GET" else request.POST
    form = GapFilterForm(
        data,
        desas=selectors.gap_desa_choices(user=request.user, region_code=code),
        lists=selectors.resident_lists(user=request.user, region_code=code),
    )
    form.is_valid()
    clean = getattr(form, "cleaned_data", {})
    args = {
        "region_code": code,
        "day": clean.get("tanggal"),
        "desa": clean.get("desa") or None,
        "flag": clean.get("penanda") or None,
        "list_id": clean.get("daftar"),
    }
    return code, form, args


@login_required
@require_GET
def gap_list(request):
    require_permission(user=request.user, permission=selectors.GAP)
    code, form, args = _filters(request)
    report = selectors.gap_report(user=request.user, **args)
    residents = selectors.gap_not_covered(user=request.user, **{**args, "day": report.day})
    page, rows = selectors.gap_page(
        user=request.user, residents=residents, day=report.day, page=request.GET.get("page") or 1
    )
    query = {
        k: v
        for k, v in {
            "wilayah": code,
            "tanggal": report.day.isoformat(),
            "desa": report.desa,
            "penanda": report.flag,
            "daftar": args["list_id"] or "",
        }.items()
        if v
    }
    return render(
        request,
        "coverage/gap_list.html",
        {
            "report": report,
            "form": form,
            "page": page,
            "rows": rows,
            "query": query,
            "query_string": urlencode(query),
            "filtered": bool(report.flag or report.desa or args["list_id"]),
            "can_import": lists.gap_import_allowed(user=request.user),
        },
    )


@login_required
@require_POST
def gap_download(request):
    _code, _form, args = _filters(request)
    found = services.gap_export(actor=request.user, lang=_lang(), **args)
    response = HttpResponse(found.content, content_type=found.content_type)
    response["Content-Disposition"] = f'attachment; filename="{found.filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def residents_upload(request):
    require_permission(user=request.user, permission=selectors.GAP_IMPORT)
    form = ResidentUploadForm(
        request.POST or None,
        request.FILES or None,
        areas=lists.areas_for_import(user=request.user),
    )
    error = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.resident_list_import(
                actor=request.user,
                area_code=data["area"],
                source=data["source"],
                year=data["year"],
                upload=data["file"],
                filename=data["file"].name,
                synthetic=data["synthetic"],
            )
        except DomainError as exc:
            error = exc.message(_lang())
        else:
            url = reverse("coverage:gap_import", args=[result.record.pk])
            return redirect(url + ("?ulang=1" if result.repeated else ""))
    return render(
        request,
        "coverage/gap_upload.html",
        {
            "form": form,
            "error": error,
            "imports": lists.resident_imports_recent(user=request.user),
            "lists": lists.resident_lists_seen(user=request.user),
        },
        status=400 if error else 200,
    )


@login_required
@require_GET
def resident_import(request, import_id: int):
    record = lists.resident_import_get(user=request.user, import_id=import_id)
    errors = row_errors_shown(record.errors, _lang())
    return render(
        request,
        "coverage/gap_import.html",
        {
            "record": record,
            "errors": errors,
            "more_errors": record.rows_invalid > len({e["row"] for e in errors}),
            "repeated": request.GET.get("ulang") == "1",
            "gap_query": urlencode(
                {"wilayah": record.region_code, "daftar": record.resident_list_id}
            ),
        },
    )
