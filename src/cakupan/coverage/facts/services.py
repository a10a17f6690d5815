"""Writes of the coverage facts: the refresh that recomputes them from the registry.

A refresh changes no fact of the registry (it recomputes derived counts), in one transaction
with its audit row; it needs `coverage.manage` in the regency, and the CLI, a scheduled task and
the demo set-up run it as an `accounts.scope.SystemActor` for the regency, which the audit row
names.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from cakupan.accounts.scope import require_permission
from cakupan.audit.services import audit_record
from cakupan.coverage.facts import changes
from cakupan.coverage.facts import counts as facts
from cakupan.coverage.models import (
    FactMonth,
    RefreshState,
)
from cakupan.coverage.synthetic import registry_synthetic_now


def _wanted_months(regency_code: str, today: dt.date) -> list[dt.date]:
    span = facts.spell_month_range(regency_code=regency_code)
    if span is None:
        return []
    return facts.months_between(span[0], today)


def _check_refresh_actor(actor, regency_code: str) -> None:
    require_permission(user=actor, permission="coverage.manage", region_code=regency_code)


@transaction.atomic
def coverage_facts_refresh(
    *, actor, regency_code: str, months: list[dt.date] | None = None, today: dt.date | None = None
) -> dict:
    """Recompute the regency's facts for `months` (default: every month from the first spell
    to this month) and move its watermark to the newest audit event."""
    _check_refresh_actor(actor, regency_code)
    today = today or timezone.localdate()
    state, _ = RefreshState.objects.select_for_update().get_or_create(regency_code=regency_code)
    high_water = changes.audit_high_water()
    wanted = (
        sorted({facts.month_end(m) for m in months})
        if months
        else _wanted_months(regency_code, today)
    )
    counted = _refresh(regency_code, wanted, regions=None)
    state.registry_synthetic = registry_synthetic_now(regency_code)
    state.save(update_fields=["registry_synthetic"])
    if not months:
        FactMonth.objects.filter(regency_code=regency_code).exclude(month__in=wanted).delete()
        state.audit_watermark = high_water
        state.refreshed_at = timezone.now()
        state.save()
    audit_record(
        actor=actor,
        action="coverage.facts_refresh",
        object_type="regency",
        object_id=regency_code,
        region_code=regency_code,
        after={"months": len(wanted), "first": _iso(wanted, 0), "last": _iso(wanted, -1)},
        reason="full" if not months else "months",
    )
    return {"months": len(wanted), "regions": [regency_code], "persons_last_month": counted}


@transaction.atomic
def coverage_facts_refresh_changed(
    *, actor, regency_code: str, today: dt.date | None = None
) -> dict:
    """Bring the facts up to date with the registry, recomputing only what changed: the desa
    named by audit events since the last refresh (for every materialised month) and the
    months not materialised yet (e.g. a new month has begun)."""
    _check_refresh_actor(actor, regency_code)
    today = today or timezone.localdate()
    state, _ = RefreshState.objects.select_for_update().get_or_create(regency_code=regency_code)
    regions, top = changes.changed_regions(
        regency_code=regency_code, after_id=state.audit_watermark
    )
    wanted = _wanted_months(regency_code, today)
    have = set(FactMonth.objects.filter(regency_code=regency_code).values_list("month", flat=True))
    new_months = [m for m in wanted if m not in have]
    old_months = [m for m in wanted if m in have]
    if regency_code in regions:
        new_months, old_months, regions = wanted, [], [regency_code]
    _refresh(regency_code, new_months, regions=None)
    if regions and regency_code not in regions:
        _refresh(regency_code, old_months, regions=regions)
    FactMonth.objects.filter(regency_code=regency_code).exclude(month__in=wanted).delete()
    state.audit_watermark = max(top, state.audit_watermark)
    state.refreshed_at = timezone.now()
    state.registry_synthetic = registry_synthetic_now(regency_code)
    state.save()
    audit_record(
        actor=actor,
        action="coverage.facts_refresh",
        object_type="regency",
        object_id=regency_code,
        region_code=regency_code,
        after={
            "new_months": len(new_months),
            "regions": regions,
            "months_for_regions": len(old_months) if regions else 0,
        },
        reason="incremental",
    )
    return {"months": len(new_months), "regions": regions}


def _refresh(regency_code: str, months: list[dt.date], *, regions: list[str] | None) -> int:
    counted = 0
    now = timezone.now()
    for month in months:
        counted = facts.refresh_month(regency_code=regency_code, month=month, regions=regions)
        FactMonth.objects.update_or_create(
            regency_code=regency_code, month=month, defaults={"refreshed_at": now}
        )
    return counted


def _iso(months: list[dt.date], i: int) -> str | None:
    return months[i].isoformat() if months else None
