"""The public coverage dashboard (/cakupan/publik/): no login, aggregates of public regencies
only, small counts suppressed (see `cakupan.coverage.public`).

Pages are the same for every visitor, so they are cacheable (`Cache-Control: public`, 5
minutes). That is why this page has its own layout without the base template's language form:
a form carries a per-visitor CSRF token and sets a cookie, and a shared cache must store
neither. The language is chosen by a plain link (`?lang=en`) instead, or the visitor's
language cookie; `Vary: Cookie` keeps the two apart in caches.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.conf import settings
from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cakupan.coverage.facts.freshness import facts_refresh_request
from cakupan.coverage.public import selectors as public
from cakupan.coverage.public.suppression import THRESHOLD
from cakupan.errors import DomainError
from cakupan.regions.models import Level
from cakupan.regions.selectors import (
    BOUNDARY_PROVINCES,
    region_boundary_geojson,
    region_display_name,
)

MAX_AGE = 300  # facts change at most with each refresh; five minutes stale is harmless


def _month(text: str) -> dt.date | None | bool:
    """The month asked for (None: the latest); False for text that is not a month."""
    if not text:
        return None
    try:
        year, month = (int(p) for p in text.split("-"))
        return dt.date(year, month, 1)
    except ValueError:
        return False


def _language(request) -> str | None:
    lang = request.GET.get("lang", "")
    return lang if lang in dict(settings.LANGUAGES) else None


class _Links:
    """URLs of public pages that keep the visitor's explicit language choice."""

    def __init__(self, lang: str | None):
        self.lang = lang

    def region(self, code: str, month: dt.date | None = None) -> str:
        query = {}
        if month:
            query["bulan"] = f"{month:%Y-%m}"
        if self.lang:
            query["lang"] = self.lang
        url = reverse("coverage:public_region", args=[code])
        return f"{url}?{urlencode(query)}" if query else url


def _finish(request, response, lang: str | None):
    # A request that carries a session (a logged-in user) may get a refreshed session cookie
    # back; such a response must never sit in a shared cache.
    shared = settings.SESSION_COOKIE_NAME not in request.COOKIES
    patch_cache_control(response, public=shared, private=not shared, max_age=MAX_AGE)
    patch_vary_headers(response, ("Cookie",))
    response["Content-Language"] = lang or translation.get_language()
    return response


def _language_links(request, keep_query: bool = True) -> list[dict]:
    out = []
    current = translation.get_language()
    for code, name in settings.LANGUAGES:
        query = request.GET.copy() if keep_query else QueryDict(mutable=True)
        query["lang"] = code
        out.append(
            {"code": code, "name": name, "url": "?" + query.urlencode(), "on": code == current}
        )
    return out


def _missing(request, lang):
    """One page for a code that does not exist and one that is not public."""
    response = render(
        request,
        "coverage/public_missing.html",
        {"languages": _language_links(request, False)},
        status=404,
    )
    return _finish(request, response, lang)


@require_GET
def public_index(request):
    lang = _language(request)
    with translation.override(lang or translation.get_language()):
        regencies = public.public_regencies()
        if len(regencies) == 1:
            return _page(request, regencies[0], lang)
        found = public.public_regions(codes=regencies)
        if not found:
            return _missing(request, lang)
        links = _Links(lang)
        response = render(
            request,
            "coverage/public_index.html",
            {
                "regencies": [{"name": r.name, "url": links.region(r.code)} for r in found],
                "languages": _language_links(request),
            },
        )
        return _finish(request, response, lang)


@require_GET
def public_region(request, code: str):
    lang = _language(request)
    with translation.override(lang or translation.get_language()):
        return _page(request, code, lang)


def _page(request, code: str, lang: str | None):
    month = _month(request.GET.get("bulan", ""))
    if month is False:
        return _missing(request, lang)
    try:
        board = public.public_board(code=code, month=month)
    except public.NotPublic:
        return _missing(request, lang)
    except LookupError:
        if month:
            return _missing(request, lang)
        region = public.public_region(code=code)
        facts_refresh_request(region.code)  # a public regency whose facts were never built
        response = render(
            request,
            "coverage/public_empty.html",
            {"name": region_display_name(region), "languages": _language_links(request)},
        )
        return _finish(request, response, lang)
    freshness = facts_refresh_request(board.region.code)
    response = render(
        request, "coverage/public.html", {**_context(request, board, lang), "freshness": freshness}
    )
    return _finish(request, response, lang)


def _rate(value):
    return float(value) if value is not None else None


def _context(request, board: public.PublicBoard, lang: str | None) -> dict:
    links = _Links(lang)
    region = board.region
    chart = {
        "labels": [p.month.strftime("%m/%Y") for p in board.trend],
        "rate": [_rate(p.count.rate) for p in board.trend],
        "target": [_rate(p.target_rate) for p in board.trend],
        "text": {"rate": _("Cakupan (%)"), "target": _("Target (%)")},
    }
    areas = {
        a.code: {
            "name": a.name,
            "rate": _rate(a.count.rate),
            "count": a.count.text,
            "url": links.region(a.code, board.month),
        }
        for a in board.areas
    }
    geojson = None
    if board.areas and region.code.split(".")[0] in BOUNDARY_PROVINCES:
        try:
            geojson = region_boundary_geojson(code=region.code)
        except DomainError:
            geojson = None
    return {
        "board": board,
        "region_name": region_display_name(region),
        "is_regency": region.level == Level.REGENCY,
        "crumbs": [
            {"name": region_display_name(r), "url": links.region(r.code, board.month)}
            for r in board.ancestors
        ],
        "areas": [{"area": a, "url": links.region(a.code, board.month)} for a in board.areas],
        "months": list(reversed(board.months)),
        "running_month": board.months[-1] if board.months[-1] > timezone.localdate() else None,
        "lang": lang,
        "languages": _language_links(request),
        "threshold": THRESHOLD,
        "chart": chart,
        "map": {
            "areas": areas,
            "geojson": geojson,
            "text": {"none": _("tanpa penyebut"), "hidden": _("disembunyikan")},
        },
        "dimension_titles": {
            "segment": _("Menurut segmen"),
            "payer": _("Menurut pembayar"),
            "sex": _("Menurut jenis kelamin"),
            "age_band": _("Menurut kelompok umur"),
        },
        "withheld": [
            {
                "segment": _("segmen"),
                "payer": _("pembayar"),
                "sex": _("jenis kelamin"),
                "age_band": _("kelompok umur"),
            }[d]
            for d in board.withheld
        ],
    }
