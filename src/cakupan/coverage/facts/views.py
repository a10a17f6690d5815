"""The coverage dashboard page (/cakupan/): headline against target, trend with the target
line, breakdowns, the gap per kecamatan or desa and a map, all from the monthly facts.

The view reads the selectors only; region scope and the "facts, not scans" rule live there.
Charts and the map are drawn by `coverage/draw.js` (via `dashboard.js`) from JSON embedded with
`json_script` (the Content-Security-Policy allows no inline script).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cakupan.accounts.scope import require_permission, user_has_permission
from cakupan.coverage.facts import selectors
from cakupan.coverage.facts.dashboard import coverage_dashboard
from cakupan.coverage.facts.freshness import facts_refresh_request
from cakupan.errors import DomainError, NotFound
from cakupan.regions.selectors import BOUNDARY_PROVINCES, region_ancestors, region_boundary_geojson


def _month(text: str) -> dt.date | None:
    try:
        year, month = (int(p) for p in (text or "").split("-")[:2])
        return dt.date(year, month, 1)
    except ValueError:
        return None


def _rate(value):
    return float(value) if value is not None else None


def _actions(user, ind) -> list[tuple[str, str]]:
    """The coverage pages this user may open from here, keeping the region and month."""
    code, month = ind.region_code, f"{ind.date:%Y-%m}"
    # The current month's figures are as of today; a report date may not lie in the future.
    report_day = f"&tanggal={ind.date:%Y-%m-%d}" if ind.date <= timezone.localdate() else ""
    out = [
        (f"{reverse('coverage:plan')}?wilayah={code}&bulan={month}",
         _("Perkiraan & simulasi anggaran")),
        (f"{reverse('coverage:report')}?wilayah={code}{report_day}", _("Laporan rakor (PDF/XLSX)")),
    ]  # fmt: skip
    if user_has_permission(user=user, permission="coverage.gap", region_code=code):
        out.append((f"{reverse('coverage:gap')}?wilayah={code}", _("Penduduk belum terlindungi")))
    if user_has_permission(user=user, permission="coverage.manage", region_code=code):
        out.append((reverse("coverage:basis_denominators"), _("Penyebut & target")))
    if code[:5] in settings.CAKUPAN_PUBLIC_REGENCIES:
        out.append((reverse("coverage:public_region", args=[code]), _("Tampilan publik")))
    return out


@login_required
@require_GET
def dashboard(request):
    require_permission(user=request.user, permission="coverage.view")
    scope = selectors.coverage_regions_in_scope(user=request.user)
    code = request.GET.get("wilayah") or (scope[0] if scope else "")
    if len(code) < 5:  # a province-wide user starts at the first regency with facts
        code = selectors.first_regency_with_facts(within=code) or code
    try:
        board = coverage_dashboard(
            user=request.user, region_code=code, month=_month(request.GET.get("bulan", ""))
        )
    except NotFound as exc:
        if exc.code == "coverage_facts_missing":  # in scope, never refreshed: build them
            facts_refresh_request(code)
        return render(
            request,
            "coverage/empty.html",
            {"message": exc.message((request.LANGUAGE_CODE or "id")[:2]), "code": code},
            status=200 if exc.code == "coverage_facts_missing" else 404,
        )
    ind = board.indicator
    freshness = facts_refresh_request(ind.region_code)
    denominators = [ind.denominator] + [a.denominator for a in board.areas]
    chart = {
        "labels": [m.strftime("%m/%Y") for m in (p.month for p in board.trend)],
        "rate": [_rate(p.rate) for p in board.trend],
        "target": [_rate(p.target_rate) for p in board.trend],
        "covered": [p.covered for p in board.trend],
        "text": {
            "rate": _("Cakupan (%)"),
            "target": _("Target (%)"),
            "covered": _("Orang terlindungi"),
        },
    }
    areas = {
        a.code: {
            "name": a.name,
            "rate": _rate(a.rate),
            "covered": a.covered,
            "gap": a.gap_persons,
            "url": f"?wilayah={a.code}&bulan={ind.date:%Y-%m}",
        }
        for a in board.areas
    }
    geojson = None
    if board.areas and ind.region_code.split(".")[0] in BOUNDARY_PROVINCES:
        try:
            geojson = region_boundary_geojson(code=ind.region_code)
        except DomainError:
            geojson = None
    return render(
        request,
        "coverage/dashboard.html",
        {
            "board": board,
            "ind": ind,
            "actions": _actions(request.user, ind),
            "freshness": freshness,
            "ancestors": [r for r in region_ancestors(code=ind.region_code) if len(r.code) >= 5],
            "months": list(reversed(board.months)),
            "running_month": board.months[-1] if board.months[-1] > timezone.localdate() else None,
            "chart": chart,
            "map": {"areas": areas, "geojson": geojson, "text": {"none": _("tanpa penyebut")}},
            "synthetic": board.synthetic.label(),
            "estimate": any(d is not None and d.is_estimate for d in denominators),
            "dimension_titles": {
                "segment": _("Menurut segmen"),
                "payer": _("Menurut pembayar"),
                "sex": _("Menurut jenis kelamin"),
                "age_band": _("Menurut kelompok umur"),
                "sector": _("Menurut sektor (KBLI)"),
                "flag": _("Menurut penanda kerentanan"),
            },
        },
    )
