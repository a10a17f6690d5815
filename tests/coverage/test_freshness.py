"""The dashboard follows the registry: a registration makes the facts stale, a page view queues a
background refresh (never more than once a minute while the worker has not caught up), and the
next load counts the new person. `cakupan coverage refresh` does the same from cron."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from typer.testing import CliRunner

from cakupan.audit.models import AuditEvent
from cakupan.coverage.demo import coverage_demo_fill
from cakupan.coverage.facts.freshness import facts_freshness, facts_refresh_request
from cakupan.coverage.models import FactMonth, RefreshState
from cakupan.coverage.tasks import coverage_facts_refresh_task
from cakupan.registry.services import bpu_worker_register
from cakupan.registry.synthetic import registry_synthesize
from cakupan.rules.nik import build_nik
from tests.conftest import DESA_PULAU_NIBUNG, SUKAMARA, client_for, make_user

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
STALE_LINE = "pembaruan sedang berjalan"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # the once-a-minute marks live in the process-wide cache
    yield
    cache.clear()


@pytest.fixture
def demo(regions):
    registry_synthesize(regency_code=SUKAMARA, persons=300, seed=11)
    coverage_demo_fill(regency_code=SUKAMARA)


@pytest.fixture
def operator(regions):
    return make_user("op_kab", "regency_operator", SUKAMARA)


@pytest.fixture
def viewer(regions):
    return make_user("bappeda", "viewer", SUKAMARA)


def register(actor, serial: int):
    """A new informal worker in Desa Pulau Nibung, covered from the start of this month."""
    born = dt.date(1991, 4, 2)
    return bpu_worker_register(
        actor=actor,
        nik=build_nik(kecamatan="62.08.02", birth_date=born, sex="L", serial=serial),
        name=f"Pekerja {serial}",
        sex="L",
        birth_date=born,
        region_code=DESA_PULAU_NIBUNG,
        income=1_000_000,
        payer="self",
        start_date=timezone.localdate().replace(day=1),
    )


def covered(response) -> int:
    assert response.status_code == 200
    return response.context["ind"].covered


def test_a_registration_shows_on_the_dashboard_after_the_queued_refresh(
    demo, operator, viewer, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE  # the worker runs the task as soon as it is queued
    assert not facts_freshness(SUKAMARA).stale
    page = client_for(viewer)
    # The registration starts this month: shown on the running month, which a page shows
    # when asked for (its default is the last month end on or before today).
    month = f"&bulan={timezone.localdate():%Y-%m}"
    before = page.get("/cakupan/?wilayah=62.08" + month)
    assert STALE_LINE not in before.content.decode()

    register(operator, serial=901)
    found = facts_freshness(SUKAMARA)
    assert found.stale and found.refreshed_at is not None

    with django_capture_on_commit_callbacks(execute=True) as queued:
        stale_view = page.get("/cakupan/?wilayah=62.08" + month)
    # the page that queued the refresh still shows the old figures, and says so
    assert covered(stale_view) == covered(before)
    assert STALE_LINE in stale_view.content.decode()
    assert len(queued) == 1
    refresh = AuditEvent.objects.get(action="coverage.facts_refresh", reason="incremental")
    assert refresh.actor is None and refresh.actor_label == "system: coverage facts refresh"
    assert refresh.after["regions"] == [DESA_PULAU_NIBUNG]

    assert not facts_freshness(SUKAMARA).stale
    after = page.get("/cakupan/?wilayah=62.08" + month)
    assert covered(after) == covered(before) + 1
    assert STALE_LINE not in after.content.decode()
    desa = page.get(f"/cakupan/?wilayah={DESA_PULAU_NIBUNG}" + month)
    assert covered(desa) >= 1


def test_a_page_queues_at_most_one_refresh_until_the_worker_catches_up(
    demo, operator, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DUMMY  # queued tasks are only recorded
    backend = coverage_facts_refresh_task.get_backend()
    backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        facts_refresh_request(SUKAMARA)
    assert backend.results == []  # fresh facts: nothing to do

    register(operator, serial=903)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):  # five page views within the minute
            assert facts_refresh_request(SUKAMARA).stale
    assert [r.args for r in backend.results] == [[SUKAMARA]]

    coverage_facts_refresh_task.call(SUKAMARA)  # the worker runs it
    register(operator, serial=904)
    with django_capture_on_commit_callbacks(execute=True):
        facts_refresh_request(SUKAMARA)
        facts_refresh_request(SUKAMARA)
    # the first refresh finished, so the next registration is queued at once, and once
    assert [r.args for r in backend.results] == [[SUKAMARA], [SUKAMARA]]


def test_a_new_month_without_facts_is_stale(demo):
    state = RefreshState.objects.get(regency_code=SUKAMARA)
    latest = FactMonth.objects.filter(regency_code=SUKAMARA).order_by("-month").first()
    latest.delete()  # as on the first day of a month, before any refresh
    assert facts_freshness(SUKAMARA).stale
    assert facts_freshness(SUKAMARA).refreshed_at == state.refreshed_at


def test_public_page_queues_the_refresh_and_says_so(
    demo, operator, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DUMMY
    backend = coverage_facts_refresh_task.get_backend()
    backend.clear()
    register(operator, serial=905)
    with django_capture_on_commit_callbacks(execute=True):
        text = Client().get("/cakupan/publik/62.08/").content.decode()
    assert STALE_LINE in text
    assert [r.args for r in backend.results] == [[SUKAMARA]]


def test_cli_refresh_counts_new_registrations(demo, operator, settings):
    from cakupan.coverage import cli

    register(operator, serial=906)
    runner = CliRunner()
    result = runner.invoke(cli.app, ["refresh", "--regency", "62.08"])
    assert result.exit_code == 0, result.output
    assert "62.08" in result.output and DESA_PULAU_NIBUNG in result.output
    assert not facts_freshness(SUKAMARA).stale
    event = AuditEvent.objects.filter(action="coverage.facts_refresh").latest("id")
    assert event.actor_label == "system: cakupan coverage refresh"

    again = runner.invoke(cli.app, ["refresh", "--regency", "62.08", "--lang", "en"])
    assert again.exit_code == 0 and "changed regions recomputed: none" in again.output

    full = runner.invoke(cli.app, ["refresh", "--full"])  # every regency with data
    assert full.exit_code == 0, full.output
    assert "months recomputed" not in full.output and "bulan dihitung ulang" in full.output

    unknown = runner.invoke(cli.app, ["refresh", "--regency", "99.99"])
    assert unknown.exit_code == 2 and "99.99" in unknown.output


def test_a_committed_import_queues_the_refresh_of_its_regency(
    demo, operator, settings, tmp_path, django_capture_on_commit_callbacks
):
    from tests.imports.conftest import committed, csv_bytes, worker

    settings.MEDIA_ROOT = tmp_path / "private"
    settings.TASKS = IMMEDIATE  # validation and commit run inline; so does the queued refresh
    page = client_for(make_user("lihat", "viewer", SUKAMARA))
    before = covered(page.get(f"/cakupan/?wilayah={DESA_PULAU_NIBUNG}"))
    with django_capture_on_commit_callbacks(execute=True):
        batch = committed(operator, csv_bytes([worker(n) for n in range(1, 4)]))
    assert batch.state == "committed" and batch.committed_spells == 3
    assert not facts_freshness(SUKAMARA).stale  # refreshed without any page view
    assert covered(page.get(f"/cakupan/?wilayah={DESA_PULAU_NIBUNG}")) == before + 3
