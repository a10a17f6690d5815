"""Background tasks of the coverage app (django-tasks, database backend: `db_worker` runs them)."""

from django_tasks import task

from cakupan.accounts.scope import SystemActor
from cakupan.coverage.facts import services


@task()
def coverage_facts_refresh_task(regency_code: str) -> dict:
    """Bring a regency's facts up to date with the registry. Run by the system for that regency:
    it is queued by page views and committed imports, not asked for by one user, and the audit
    row says "system: coverage facts refresh"."""
    actor = SystemActor(job="coverage facts refresh", region_codes=(regency_code,))
    return services.coverage_facts_refresh_changed(actor=actor, regency_code=regency_code)
