"""Demo denominators and targets for Sukamara's synthetic registry, labelled as synthetic.

The synthetic registry (`cakupan.registry.synthetic`) is made of the regency's workers, so
its persons per desa are the demo's working population: every figure is marked `synthetic`
and its source says it is not an official statistic. Targets follow a made-up plan (50 % in
2025, 60 % in 2026), also labelled. Real figures replace them through the import.
"""

from __future__ import annotations

from django.db import connection, transaction

from cakupan.coverage.basis.services import denominator_set
from cakupan.coverage.facts.services import coverage_facts_refresh
from cakupan.coverage.models import Denominator, Target
from cakupan.registry.synthetic import DEMO_REGENCY

DEMO_SOURCE = "Sintetis (demo): jumlah orang dalam registri sintetis; bukan statistik resmi"
DEMO_TARGET_SOURCE = "Sintetis (demo): rencana contoh, bukan target resmi"
DEMO_YEARS = range(2019, 2027)
DEMO_TARGETS = {2025: 50, 2026: 60}


def _persons_per_desa(regency_code: str) -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT region_code, COUNT(*) FROM registry_person "
            "WHERE regency_code = %s AND synthetic AND merged_into_id IS NULL "
            "GROUP BY region_code",
            [regency_code],
        )
        return dict(cursor.fetchall())


@transaction.atomic
def coverage_demo_fill(*, regency_code: str = DEMO_REGENCY) -> dict:
    """Synthetic denominators (regency, kecamatan, desa × 2019-2026) and targets, then the
    facts. Left alone when the regency already has a denominator that is not synthetic."""
    from cakupan.accounts.scope import SystemActor
    from cakupan.audit.actions import Action
    from cakupan.audit.services import audit_record

    if Denominator.objects.filter(regency_code=regency_code).exclude(basis="synthetic").exists():
        return {"skipped": True}
    per_desa = _persons_per_desa(regency_code)
    if not per_desa:
        return {"skipped": True}
    actor = SystemActor(job="coverage demo", region_codes=(regency_code,))
    totals: dict[str, int] = {}
    for desa, n in per_desa.items():
        for code in (regency_code, desa[:8], desa):
            totals[code] = totals.get(code, 0) + n
    for code, n in sorted(totals.items()):
        for year in DEMO_YEARS:
            denominator_set(
                actor=actor,
                region_code=code,
                year=year,
                working_population=n,
                source=DEMO_SOURCE,
                synthetic=True,
            )
    for code in (c for c in totals if len(c) <= 8):
        for year, rate in DEMO_TARGETS.items():
            Target.objects.update_or_create(
                region_code=code,
                year=year,
                defaults={"regency_code": regency_code, "rate": rate, "source": DEMO_TARGET_SOURCE},
            )
    audit_record(
        actor=actor,
        action=Action.COVERAGE_DEMO_FILL,
        object_type="regency",
        object_id=regency_code,
        region_code=regency_code,
        after={"denominators": len(totals) * len(DEMO_YEARS), "targets": DEMO_TARGETS},
        reason="Synthetic denominators and targets (demo data)",
    )
    refreshed = coverage_facts_refresh(actor=actor, regency_code=regency_code)
    return {
        "regions": len(totals),
        "denominators": len(totals) * len(DEMO_YEARS),
        "targets": sum(len(c) <= 8 for c in totals) * len(DEMO_TARGETS),
        "months": refreshed["months"],
    }
