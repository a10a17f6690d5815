"""The planning page (/cakupan/rencana/): when each area reaches its target at the current pace,
and a budget simulation for covering more vulnerable workers as BPU.

The simulation form is a GET, so a result is a link that can be bookmarked or pasted into a
rakor invitation. The view only parses the query and calls `coverage.plan_selectors`.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from cakupan.accounts.scope import require_permission
from cakupan.coverage import synthetic
from cakupan.coverage.facts import counts as facts
from cakupan.coverage.facts import selectors
from cakupan.coverage.facts.freshness import facts_refresh_request
from cakupan.coverage.plan import maths, simulation
from cakupan.coverage.plan import selectors as plan_selectors
from cakupan.errors import DomainError, NotFound
from cakupan.regions.selectors import region_ancestors
from cakupan.rules.formats import parse_iso_date
from cakupan.rules.wording import month_year

FIELDS = {  # query name -> (Indonesian, English) label for error messages
    "orang": ("Jumlah orang", "Number of persons"),
    "lama": ("Jumlah bulan", "Number of months"),
    "penghasilan": ("Penghasilan yang dilaporkan", "Declared income"),
}


def _month(text: str) -> dt.date | None:
    try:
        year, month = (int(p) for p in (text or "").split("-")[:2])
        return dt.date(year, month, 1)
    except ValueError:
        return None


def _int(query, name: str, *, required: bool) -> int | None:
    text = (query.get(name) or "").strip().replace(".", "").replace(" ", "")
    if not text and not required:
        return None
    try:
        return int(text)
    except ValueError:
        label_id, label_en = FIELDS[name]
        raise DomainError(
            "plan_input_number",
            "{field_id} harus bilangan bulat (diberikan '{value}').",
            "{field_en} must be a whole number (got '{value}').",
            field_id=label_id,
            field_en=label_en,
            value=query.get(name, ""),
        ) from None


def _simulation_form(request, region_row) -> tuple[dict, object, str]:
    """The form's values (defaults filled) and, if it was sent, the simulation or its error."""
    q = request.GET
    next_month = maths.add_months(timezone.localdate(), 1)
    gap = region_row.gap_persons if region_row else None
    form = {
        "orang": q.get("orang", str(gap) if gap else ""),
        "lama": q.get("lama", "12"),
        "mulai": q.get("mulai", next_month.isoformat()),
        "penghasilan": q.get("penghasilan", ""),
        "jht": q.get("jht") == "1",
    }
    if "orang" not in q:
        return form, None, ""
    lang = (request.LANGUAGE_CODE or "id")[:2]
    try:
        start = parse_iso_date(q.get("mulai", ""))
        if start is None:
            raise DomainError(
                "plan_start_date",
                "Tanggal mulai harus tanggal YYYY-MM-DD.",
                "The start date must be a YYYY-MM-DD date.",
            )
        sim = simulation.simulate(
            user=request.user,
            region_code=region_row.code,
            persons=_int(q, "orang", required=True),
            months=_int(q, "lama", required=True),
            start=start,
            income=_int(q, "penghasilan", required=False),
            with_jht=form["jht"],
        )
    except DomainError as exc:
        return form, None, exc.message(lang)
    return form, sim, ""


@login_required
@require_GET
def plan(request):
    require_permission(user=request.user, permission="coverage.view")
    scope = selectors.coverage_regions_in_scope(user=request.user)
    code = request.GET.get("wilayah") or (scope[0] if scope else "")
    if len(code) < 5:  # a province-wide user starts at the first regency with facts
        code = selectors.first_regency_with_facts(within=code) or code
    lang = (request.LANGUAGE_CODE or "id")[:2]
    try:
        months = plan_selectors.plan_months(user=request.user, region_code=code)
        rows, method = plan_selectors.forecast(
            user=request.user, region_code=code, month=_month(request.GET.get("bulan", ""))
        )
    except NotFound as exc:
        if exc.code == "coverage_facts_missing":
            facts_refresh_request(code)
        return render(
            request,
            "coverage/empty.html",
            {"message": exc.message(lang), "code": code},
            status=200 if exc.code == "coverage_facts_missing" else 404,
        )
    for row in rows:
        row.reach_text = month_year(row.reach_month, lang) if row.reach_month else ""
    region = rows[0]
    facts_refresh_request(region.code)
    form, sim, error = _simulation_form(request, region)
    asked = _month(request.GET.get("bulan", ""))
    last = facts.month_end(asked) if asked else selectors.default_month(months)
    parts = synthetic.parts_for_regions(
        regency_code=region.code, region_codes=[r.code for r in rows], year=last.year
    ) | synthetic.SyntheticParts(
        denominator=any(r.synthetic for r in rows) or bool(sim and sim.synthetic)
    )
    return render(
        request,
        "coverage/plan.html",
        {
            "region": region,
            "children": rows[1:],
            "method": method,
            "month": last,
            "months": list(reversed(months)),
            "ancestors": [r for r in region_ancestors(code=region.code) if len(r.code) >= 5],
            "form": form,
            "sim": sim,
            "error": error,
            "synthetic": parts.label(),
        },
    )
