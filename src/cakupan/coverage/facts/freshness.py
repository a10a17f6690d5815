"""How fresh a regency's coverage facts are, and asking the worker to bring them up to date.

Pages read pre-aggregated facts, so a registration shows only after a refresh. Rather than
refreshing inside a request (seconds of SQL on a GET), a page asks for a background refresh
when the facts are stale and says so; the next load shows the new figures.

Stale means an audit event after the regency's watermark would make `changes.changed_regions`
name a region (the same test, as one EXISTS query: the events it reads are filtered to the
regency, so each watched, non-harmless one names at least its own region), or a month has begun
that has no facts yet. The refresh's own audit row is not a watched action, so a refresh does
not make the facts look stale again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from cakupan.accounts.scope import region_filter
from cakupan.audit.models import AuditEvent
from cakupan.coverage.facts import changes
from cakupan.coverage.facts import counts as facts
from cakupan.coverage.models import FactMonth, RefreshState

REQUEST_INTERVAL = 60  # seconds: at most one queued refresh per regency per minute
# Keyed by the watermark too: once a refresh has finished, the next stale view queues at once
# (a registration shows within seconds), while a slow or stopped worker still gets at most one
# request a minute.
CACHE_KEY = "coverage:refresh-requested:{}:{}"


@dataclass(frozen=True)
class Freshness:
    regency_code: str
    refreshed_at: dt.datetime | None
    stale: bool
    watermark: int = 0


def _changed_since(regency_code: str, watermark: int) -> bool:
    inside = region_filter(regency_code, "region_code")
    return AuditEvent.objects.filter(inside, action__in=changes.WATCHED, id__gt=watermark).exists()


def _month_missing(regency_code: str) -> bool:
    """A new month has begun since the last refresh (only once facts exist at all: a regency
    without spells has no months to build)."""
    last = FactMonth.objects.filter(regency_code=regency_code).aggregate(m=Max("month"))["m"]
    return last is not None and last < facts.month_end(timezone.localdate())


def facts_freshness(regency_code: str) -> Freshness:
    """When the regency's facts were last refreshed, and whether the registry has moved on."""
    state = (
        RefreshState.objects.filter(regency_code=regency_code)
        .values_list("audit_watermark", "refreshed_at")
        .first()
    )
    watermark, refreshed_at = state or (0, None)
    stale = changes.audit_high_water() > watermark and _changed_since(regency_code, watermark)
    return Freshness(
        regency_code=regency_code,
        refreshed_at=refreshed_at,
        stale=stale or _month_missing(regency_code),
        watermark=watermark,
    )


def _enqueue(regency_code: str) -> None:
    from cakupan.coverage.tasks import coverage_facts_refresh_task

    coverage_facts_refresh_task.enqueue(regency_code)


def facts_refresh_request(regency_code: str, *, force: bool = False) -> Freshness | None:
    """Queue a background refresh of the regency's facts if they are stale, at most once a
    minute per regency and watermark (pages call this on every view; a duplicate is harmless,
    the refresh locks the regency's RefreshState, but needless). Returns the freshness it read,
    or None for a code that is not a regency's or when forced.

    `force` (after a committed import) queues without reading the freshness or waiting out the
    minute: the writes just landed and should show without waiting for a page view. The task
    is queued when the caller's transaction commits, so the worker sees the writes."""
    regency_code = (regency_code or "")[:5]
    if len(regency_code) != 5:
        return None
    if force:
        transaction.on_commit(lambda: _enqueue(regency_code))
        return None
    found = facts_freshness(regency_code)
    key = CACHE_KEY.format(regency_code, found.watermark)
    if found.stale and cache.add(key, 1, REQUEST_INTERVAL):
        transaction.on_commit(lambda: _enqueue(regency_code))
    return found
