"""Pages for the people who keep the coverage basis: /cakupan/penyebut/ (working population
per region and year: list, upload, set by hand, template) and /cakupan/target/ (targets).

Thin: `services` write (scope, audit; an upload keeps the good rows of a file and reports
the others), `basis_selectors` read. Every page needs `coverage.manage`; a read-only user gets 403.
Denominators and targets are read when the dashboard is drawn (`selectors.denominator_for`,
`target_for`), never stored in the facts, so a change needs no recomputation.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cakupan.coverage.basis import selectors as basis_selectors
from cakupan.coverage.basis import services
from cakupan.coverage.basis.forms import (
    BasisFilterForm,
    DenominatorForm,
    DenominatorUploadForm,
    TargetForm,
)
from cakupan.coverage.demo import DEMO_TARGET_SOURCE
from cakupan.coverage.models import Denominator, DenominatorBasis, Target
from cakupan.errors import DomainError
from cakupan.regions.selectors import region_display_name, region_get
from cakupan.rules import formats as formatting

PAGE_SIZE = 300  # rows shown at once; the filters narrow the rest
REFUSED_SHOWN = 200  # a file refused wholesale is usually one mistake (the code system)
SKIPPED_SHOWN = 50  # a template left mostly blank: the count says the rest
DENOMINATOR_SOURCES = (
    "BPS, Sakernas Agustus 2024",
    "BPS, Sensus Penduduk 2020",
    "Dukcapil, data kependudukan semester II 2024",
)
TARGET_SOURCES = ("RPJMD 2025–2029", "RKPD 2026", "Renstra Dinas Tenaga Kerja 2025–2029")


def _lang() -> str:
    return (get_language() or "id")[:2]


def _form_saved(form, save, **extra):
    """`save(**extra, **cleaned_data)` once the form is valid (its fields are the service's
    arguments), a refusal shown as the form's own error: the saved row (None when nothing was
    saved) and the status to answer otherwise."""
    if not form.is_valid():
        return None, 400
    try:
        return save(**extra, **form.cleaned_data), 200
    except DomainError as exc:
        form.add_error(None, exc.message(_lang()))
        return None, exc.status


def _filters(request, model):
    years = basis_selectors.basis_years(user=request.user, model=model)
    data = request.GET.copy()
    if "tahun" not in data and years:
        data["tahun"] = str(years[0])  # the newest year first: all years can be long
    form = BasisFilterForm(data, years=years)
    if not form.is_valid():
        form = BasisFilterForm({}, years=years)
        form.is_valid()
    return form, form.cleaned_data.get("tahun"), form.cleaned_data.get("tingkat") or None


def _edit_initial(request, getter) -> dict:
    """?ubah=<code>:<year> prefills the form with that figure."""
    code, _sep, year = (request.GET.get("ubah") or "").partition(":")
    if not code or not year.isdigit():
        return {}
    row = getter(user=request.user, region_code=code, year=int(year))
    if row is None:
        return {"region_code": code, "year": int(year)}
    return {"region_code": row.region_code, "year": row.year, "source": row.source} | (
        {
            "working_population": row.working_population
            if row.basis != DenominatorBasis.ESTIMATE
            else None,
            "population": row.population,
            "employment_share": row.employment_share,
        }
        if isinstance(row, Denominator)
        else {"rate": row.rate}
    )


def _denominator_page(request, *, set_form=None, upload_form=None, report=None, error=None):
    filters, year, level = _filters(request, Denominator)
    lines = basis_selectors.denominator_lines(user=request.user, year=year, level=level)
    regions = basis_selectors.region_choices(user=request.user)
    if set_form is None:
        set_form = DenominatorForm(
            regions=regions, initial=_edit_initial(request, basis_selectors.denominator_get)
        )
    return {
        "filters": filters,
        "lines": lines[:PAGE_SIZE],
        "more": max(0, len(lines) - PAGE_SIZE),
        "synthetic": any(line.row.is_synthetic for line in lines),
        "set_form": set_form,
        "upload_form": upload_form or DenominatorUploadForm(),
        "report": report,
        "error": error,
        "sum_warnings": [
            w.message
            for w in basis_selectors.denominator_sum_warnings(
                user=request.user, years=[year] if year else None
            )
        ],
        "sources": DENOMINATOR_SOURCES,
        "tab": "penyebut",
    }


@login_required
@require_GET
def denominators(request):
    basis_selectors.manage_scope(user=request.user)
    return render(request, "coverage/basis_denominators.html", _denominator_page(request))


@login_required
@require_POST
def denominator_set(request):
    basis_selectors.manage_scope(user=request.user)
    regions = basis_selectors.region_choices(user=request.user)
    form = DenominatorForm(request.POST, regions=regions)
    row, status = _form_saved(form, services.denominator_set, actor=request.user)
    if row is not None:
        messages.success(request, _saved_denominator(row))
        return redirect(f"{reverse('coverage:basis_denominators')}?tahun={row.year}")
    context = _denominator_page(request, set_form=form)
    return render(request, "coverage/basis_denominators.html", context, status=status)


def _saved_denominator(row: Denominator) -> str:
    label = _region_label(row.region_code)
    if row.basis == DenominatorBasis.ESTIMATE:
        return _(
            "Penyebut {region} tahun {year} disimpan: {value} penduduk bekerja (perkiraan dari "
            "jumlah penduduk × {share}). Dasbor langsung memakainya."
        ).format(
            region=label,
            year=row.year,
            value=_number(row.working_population),
            share=row.employment_share,
        )
    return _(
        "Penyebut {region} tahun {year} disimpan: {value} penduduk bekerja. Dasbor langsung "
        "memakainya."
    ).format(region=label, year=row.year, value=_number(row.working_population))


def _region_label(code: str) -> str:
    try:
        return f"{code} {region_display_name(region_get(code=code))}"
    except DomainError:
        return code


def _number(value: int) -> str:
    return formatting.number(value)


def _saved_name(upload_name: str) -> str:
    """The upload's own name (the audit event records it), reduced to safe characters."""
    name = Path(upload_name or "penyebut.csv").name
    stem, suffix = Path(name).stem, Path(name).suffix.lower()
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._") or "penyebut"
    return stem[:60] + suffix


@login_required
@require_POST
def denominator_upload_view(request):
    basis_selectors.manage_scope(user=request.user)
    form = DenominatorUploadForm(request.POST, request.FILES)
    report = error = None
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        with tempfile.TemporaryDirectory(prefix="unggah-penyebut-") as tmp:
            path = Path(tmp) / _saved_name(upload.name)
            with open(path, "wb") as fh:
                for chunk in upload.chunks():
                    fh.write(chunk)
            try:
                report = services.denominator_import(
                    actor=request.user,
                    path=path,
                    code_system=data["code_system"],
                    source=data["source"],
                    year=data["year"],
                    employment_share=data["employment_share"],
                    keep_good_rows=True,
                )
            except DomainError as exc:
                error = exc.message(_lang())
                status = exc.status
        if report is not None:
            status = 200 if report.stored else 400
            report = _report_context(request, report, data["code_system"])
    context = _denominator_page(request, upload_form=form, report=report, error=error)
    return render(request, "coverage/basis_denominators.html", context, status=status)


def _report_context(request, report, code_system: str) -> dict:
    lang = _lang()
    names = {
        s.denominator.region_code: _region_label(s.denominator.region_code) for s in report.stored
    }
    refused = [
        {"row": r.row, "code": r.code, "reason": r.error.message(lang)}
        for r in report.refused[:REFUSED_SHOWN]
    ]
    hint = None
    # Only when the refusals dominate: a few bad codes in a file whose other rows fit the chosen
    # system are typos, not a file in the other system.
    if report.refused and len(report.refused) >= len(report.stored):
        other = basis_selectors.other_code_system_fits(
            user=request.user, codes=[r.code for r in report.refused], chosen=code_system
        )
        if other == "bps":
            hint = _(
                "Kode yang ditolak cocok dengan wilayah Anda bila dibaca sebagai kode BPS. "
                "Bila berkas memakai kode BPS, unggah lagi dengan pilihan “BPS”."
            )
        elif other == "kemendagri":
            hint = _(
                "Kode yang ditolak cocok dengan wilayah Anda bila dibaca sebagai kode "
                "Kemendagri. Bila berkas memakai kode Kemendagri, unggah lagi dengan pilihan "
                "“Kemendagri”."
            )
    return {
        "code_system": code_system,
        "rows_in_file": report.rows_in_file,
        "stored": [
            {
                "row": s.row,
                "file_code": s.file_code,
                "region": names[s.denominator.region_code],
                "translated": code_system == "bps",
                "d": s.denominator,
            }
            for s in report.stored
        ],
        "refused": refused,
        "refused_count": len(report.refused),
        "skipped": report.skipped,
        "skipped_rows": ", ".join(map(str, report.skipped[:SKIPPED_SHOWN]))
        + (" …" if len(report.skipped) > SKIPPED_SHOWN else ""),
        "sum_warnings": [
            w.message
            for w in basis_selectors.denominator_sum_warnings(
                user=request.user,
                years={d.year for d in report.figures},
                codes={d.region_code for d in report.figures},
            )
        ]
        if report.stored
        else [],
        "refused_more": max(0, len(report.refused) - REFUSED_SHOWN),
        "hint": hint,
    }


@login_required
@require_GET
def denominator_template(request):
    """A CSV with the expected columns and the codes of the user's regions, ready to fill."""
    regions = basis_selectors.template_regions(user=request.user)
    out = io.StringIO()
    out.write("\ufeff")  # so Excel opens it as UTF-8
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["kode", "nama_wilayah", "tahun", "penduduk_bekerja", "penduduk"])
    for region in regions:
        writer.writerow([region.code, region_display_name(region), "", "", ""])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="templat-penyebut.csv"'
    return response


def _target_page(request, *, form=None) -> dict:
    filters, year, level = _filters(request, Target)
    lines = basis_selectors.target_lines(user=request.user, year=year, level=level)
    if form is None:
        form = TargetForm(
            regions=basis_selectors.region_choices(user=request.user),
            initial=_edit_initial(request, basis_selectors.target_get),
        )
    return {
        "filters": filters,
        "lines": lines[:PAGE_SIZE],
        "more": max(0, len(lines) - PAGE_SIZE),
        # Targets carry no basis: the demo's are known by their source text.
        "synthetic": any(line.row.source == DEMO_TARGET_SOURCE for line in lines),
        "form": form,
        "sources": TARGET_SOURCES,
        "tab": "target",
    }


@login_required
@require_http_methods(["GET", "POST"])
def targets(request):
    basis_selectors.manage_scope(user=request.user)
    if request.method == "GET":
        return render(request, "coverage/basis_targets.html", _target_page(request))
    form = TargetForm(request.POST, regions=basis_selectors.region_choices(user=request.user))
    target, status = _form_saved(form, services.target_set, actor=request.user)
    if target is not None:
        messages.success(
            request,
            _("Target {region} tahun {year} disimpan: {rate}. Dasbor langsung memakainya.").format(
                region=_region_label(target.region_code),
                year=target.year,
                rate=_rate(target.rate),
            ),
        )
        return redirect(f"{reverse('coverage:basis_targets')}?tahun={target.year}")
    return render(
        request, "coverage/basis_targets.html", _target_page(request, form=form), status=status
    )


def _rate(value) -> str:
    return formatting.percent(value, 2, _lang())
