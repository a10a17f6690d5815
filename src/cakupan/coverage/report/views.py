"""The rakor report page (/cakupan/laporan/): a small form, and the PDF or XLSX download.

`?wilayah=62.08&tanggal=2026-10-31&format=pdf|xlsx` downloads the file; without `format` (or
with an input error) the form is shown. Optional simulation inputs: `orang`, `bulan`,
`mulai`, `penghasilan`, `jht`. Scope, figures and the audit row live in `report_export`.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cakupan.accounts.scope import require_permission
from cakupan.coverage.facts import selectors
from cakupan.coverage.facts.freshness import facts_refresh_request
from cakupan.coverage.report.contents import SimulationRequest
from cakupan.coverage.report.export import FORMATS, report_export
from cakupan.coverage.report.selectors import default_report_date
from cakupan.regions.selectors import region_children, region_labels


def _lang() -> str:
    return (get_language() or "id")[:2]


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat((text or "").strip())
    except ValueError:
        return None


def _int(text: str) -> int | None:
    text = (text or "").strip().replace(".", "")
    return int(text) if text.isdigit() else None


def _region_choices(user) -> list[tuple[str, str]]:
    """The user's regions and the kecamatan of each regency among them (for the datalist)."""
    codes = []
    for code in selectors.coverage_regions_in_scope(user=user):
        if len(code) < 5:  # a province-wide user: its regencies
            codes.extend(r.code for r in region_children(code=code))
            continue
        codes.append(code)
        if len(code) == 5:
            codes.extend(r.code for r in region_children(code=code))
    labels = region_labels(codes=codes)
    return [(c, labels.get(c, c)) for c in codes]


def _simulation(params) -> tuple[SimulationRequest, list[str]]:
    errors = []
    asked = SimulationRequest(with_jht=params.get("jht") in ("1", "on", "true"))
    fields = (
        ("orang", "persons", _("Jumlah orang")),
        ("bulan", "months", _("Jumlah bulan")),
        ("penghasilan", "income", _("Penghasilan yang dilaporkan")),
    )
    for name, attr, label in fields:
        if params.get(name, "").strip():
            value = _int(params[name])
            if value is None or value <= 0:
                errors.append(_("%(field)s harus bilangan bulat positif.") % {"field": label})
            setattr(asked, attr, value)
    if params.get("mulai", "").strip():
        asked.start = _date(params["mulai"])
        if asked.start is None:
            errors.append(_("Tanggal mulai simulasi harus YYYY-MM-DD."))
    return asked, errors


@login_required
@require_GET
def report(request):
    require_permission(user=request.user, permission="coverage.view")
    params = request.GET
    choices = _region_choices(request.user)
    code = (params.get("wilayah") or (choices[0][0] if choices else "")).strip()
    if code in dict(choices):  # a region of the user's: the report should show today's registry
        facts_refresh_request(code)
    day_text = params.get("tanggal") or (
        default_report_date(user=request.user, region_code=code).isoformat()
    )
    day = _date(day_text)
    fmt = params.get("format", "")
    asked, errors = _simulation(params)
    if day is None:
        errors.append(_("Tanggal laporan harus YYYY-MM-DD."))
    if fmt and fmt not in FORMATS:
        errors.append(_("Format laporan harus pdf atau xlsx."))
    if fmt and not errors:
        found = report_export(
            user=request.user, region_code=code, on=day, fmt=fmt, simulation=asked,
            lang=_lang(),
        )  # fmt: skip
        response = HttpResponse(found.content, content_type=found.content_type)
        response["Content-Disposition"] = f'attachment; filename="{found.filename}"'
        response["Cache-Control"] = "private, no-store"
        return response
    return render(
        request,
        "coverage/report_form.html",
        {
            "choices": choices,
            "code": code,
            "day": day_text,
            "asked": asked,
            "params": params,
            "errors": errors,
        },
        status=400 if errors and fmt else 200,
    )
