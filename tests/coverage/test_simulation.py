"""Budget simulation: covering N vulnerable workers as BPU paid from the APBD for M months.

The money must be what billing would charge (the same `contribution_bpu`, month by month at the
values in force), the coverage it gives must be (covered + N) ÷ denominator, and the page and
the API must show the same figures with their assumptions and legal basis."""

import datetime as dt
import re

import pytest
from ninja import NinjaAPI
from ninja.testing import TestClient

from cakupan.api.errors import install_error_handlers
from cakupan.coverage.demo import coverage_demo_fill
from cakupan.coverage.facts.selectors import coverage_indicator, denominator_for
from cakupan.coverage.plan.api import router
from cakupan.coverage.plan.simulation import simulate
from cakupan.errors import DomainError, PermissionDenied
from cakupan.rules.contributions.bpu import contribution_bpu
from cakupan.rules.formats import rupiah
from cakupan.rules.params import param
from tests.conftest import KEC_JELAI, KEC_SUKAMARA, SUKAMARA, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(synthetic):
    return coverage_demo_fill(regency_code=SUKAMARA)


def first_days(start: dt.date, months: int) -> list[dt.date]:
    """The first covered day of each calendar month from `start` (written out, not imported)."""
    out, year, month = [start], start.year, start.month
    for _ in range(months - 1):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        out.append(dt.date(year, month, 1))
    return out


def test_total_is_billing_contributions_month_by_month(demo, manager):
    start = dt.date(2026, 12, 10)
    sim = simulate(user=manager, region_code=SUKAMARA, persons=40, months=6, start=start)
    days = first_days(start, 6)
    per_person = [contribution_bpu(date=d, income=1_000_000, payer="apbd").total for d in days]
    assert [p for _m, p, _a in sim.monthly] == per_person
    assert [a for _m, _p, a in sim.monthly] == [p * 40 for p in per_person]
    assert sim.total == sum(per_person) * 40
    assert [m for m, _p, _a in sim.monthly] == [d.replace(day=1) for d in days]
    # The standard package for the lowest bracket is Rp16,800 = JKK 10,000 + JKM 6,800
    # (rules.md §2.3, "Standard packages", from BPJS branch and Pemda PKS press reports).
    assert sim.income == param("bpu.income_min").at(start).value == 1_000_000
    assert per_person == [16_800] * 6 and sim.total == 16_800 * 6 * 40
    assert sim.payer == "apbd" and not sim.with_jht
    with_jht = simulate(
        user=manager, region_code=SUKAMARA, persons=40, months=6, start=start, with_jht=True
    )
    assert with_jht.total == 40 * sum(
        contribution_bpu(date=d, income=1_000_000, with_jht=True, payer="apbd").total for d in days
    )
    assert any("JHT" in a for a in with_jht.assumptions)


def test_a_simulation_across_a_dated_rate_change_shows_it(demo, manager):
    """PP 49/2020 cut BPU JKK and JKM by 99 % for the iuran months Aug 2020 - Jan 2021: a
    simulation from June 2020 pays the full package, then Rp168, then the full package."""
    start = dt.date(2020, 6, 1)
    sim = simulate(user=manager, region_code=SUKAMARA, persons=10, months=10, start=start)
    expected = [contribution_bpu(date=d, income=1_000_000, payer="apbd").total
                for d in first_days(start, 10)]  # fmt: skip
    costs = [p for _m, p, _a in sim.monthly]
    assert costs == expected
    assert costs[:2] == [16_800, 16_800] and costs[2:8] == [168] * 6 and costs[8:] == [16_800] * 2
    assert sim.rate_changes == [dt.date(2020, 8, 1), dt.date(2021, 2, 1)]
    assert sim.total == 10 * sum(expected)
    assert any("Agustus 2020" in a and "Rp168" in a for a in sim.assumptions)
    assert any(line.startswith("PP 49/2020") and "99%" in line for line in sim.legal_basis)


def test_apbd_pays_without_the_pp_50_2025_transport_discount(demo, manager):
    start = dt.date(2026, 12, 1)
    sim = simulate(user=manager, region_code=SUKAMARA, persons=5, months=3, start=start)
    # January 2026 - March 2027 the discount halves a transport worker's package, unless the
    # APBD pays: the simulation charges the full package every month
    discounted = contribution_bpu(
        date=dt.date(2027, 1, 1), income=1_000_000, transport_worker=True
    ).total
    assert discounted == 8_400
    assert [p for _m, p, _a in sim.monthly] == [16_800] * 3
    assert any("PP 50/2025" in a for a in sim.assumptions)
    assert any(line.startswith("PP 50/2025 Pasal 2") for line in sim.legal_basis)


def test_latest_change_note_names_a_change_of_the_parameters_the_apbd_payer_uses(demo, manager):
    """The PP 50/2025 transport discount ends on 1 April 2027, but an APBD payer never gets it:
    the "rates after ... assumed unchanged" note names a change listed in the legal basis."""
    start = dt.date(2026, 12, 1)
    sim = simulate(user=manager, region_code=SUKAMARA, persons=5, months=12, start=start)
    texts = sim.assumptions + sim.legal_basis
    assert not any("1 April 2027" in t for t in texts)
    notes = [re.search(r"Tarif sesudah (.+?) \(perubahan terakhir", a) for a in sim.assumptions]
    dates = [m.group(1) for m in notes if m]
    assert len(dates) == 1
    assert any(f"berlaku sejak {dates[0]}:" in line for line in sim.legal_basis)
    assert set(sim.parameters) >= {"bpu.jkk_rate", "bpu.jkm_amount"}
    assert "relief.bpu_transport_discount" not in sim.parameters


def test_rate_after_is_covered_plus_persons_over_the_denominator(demo, manager):
    start = dt.date(2026, 12, 1)
    sim = simulate(user=manager, region_code=KEC_JELAI, persons=7, months=12, start=start)
    latest = coverage_indicator(user=manager, region_code=KEC_JELAI)
    denominator = denominator_for(region_code=KEC_JELAI, year=2026).value
    assert sim.covered_before == latest.covered and sim.covered_month == latest.date
    assert sim.denominator == denominator and sim.denominator_year == 2026
    assert sim.rate_before == latest.rate
    assert float(sim.rate_after) == round((latest.covered + 7) * 100 / denominator, 2)
    assert sim.target_rate == 60 and sim.gap_persons == latest.gap_persons
    assert sim.synthetic


def test_persons_are_capped_at_the_working_population_not_yet_covered(demo, manager):
    sim = simulate(
        user=manager, region_code=KEC_JELAI, persons=1_000_000, months=2, start=dt.date(2027, 1, 1)
    )
    assert sim.persons_asked == 1_000_000
    assert sim.persons == sim.denominator - sim.covered_before
    assert sim.rate_after == 100
    assert sim.total == sim.persons * 16_800 * 2
    assert any("1.000.000" in a and str(sim.persons) in a for a in sim.assumptions)


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"persons": 0}, "plan_input_range"),
        ({"months": 61}, "plan_input_range"),
        ({"months": 0}, "plan_input_range"),
        ({"start": dt.date(2015, 6, 30)}, "plan_start_range"),
        ({"start": dt.date(2040, 1, 1)}, "plan_start_range"),
        ({"income": 999_999}, "bpu.income_below_minimum"),
        ({"income": 20_700_001}, "bpu.income_above_maximum"),
    ],
)
def test_bad_inputs_are_domain_errors_in_both_languages(demo, manager, kwargs, code):
    args = {"persons": 10, "months": 12, "start": dt.date(2026, 12, 1)} | kwargs
    with pytest.raises(DomainError) as caught:
        simulate(user=manager, region_code=SUKAMARA, **args)
    assert caught.value.code == code
    assert caught.value.message("id") != caught.value.message("en")


def test_simulation_refuses_a_region_outside_the_users_scope(demo, viewer_jelai):
    with pytest.raises(PermissionDenied):
        simulate(
            user=viewer_jelai,
            region_code=KEC_SUKAMARA,
            persons=10,
            months=12,
            start=dt.date(2026, 12, 1),
        )


def test_page_shows_cost_rates_assumptions_and_legal_basis(demo, manager):
    url = "/cakupan/rencana/?wilayah=62.08&orang=100&lama=8&mulai=2026-12-01&penghasilan=2000000"
    page = client_for(manager).get(url)
    assert page.status_code == 200
    html = page.content.decode()
    sim = simulate(
        user=manager,
        region_code=SUKAMARA,
        persons=100,
        months=8,
        start=dt.date(2026, 12, 1),
        income=2_000_000,
    )
    assert sim.monthly[0][1] == 26_800  # JKK 1 % of Rp2,000,000 + JKM Rp6,800
    assert rupiah(sim.total) in html and rupiah(sim.monthly[0][2]) in html
    assert "DATA SINTETIS" in html and "Asumsi" in html and "Dasar hukum tarif" in html
    for text in sim.assumptions + sim.legal_basis:
        assert text.replace("&", "&amp;") in html.replace("&#x27;", "'")
    assert "diisi pengguna" in html  # the income was typed in, not the default
    # a bad number is explained on the page, not a server error
    bad = client_for(manager).get(
        "/cakupan/rencana/?wilayah=62.08&orang=abc&lama=8&mulai=2026-12-01"
    )
    assert bad.status_code == 200 and "Jumlah orang harus bilangan bulat" in bad.content.decode()


def test_page_in_english(demo, manager):
    client = client_for(manager)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/cakupan/rencana/?wilayah=62.08&orang=10&lama=2&mulai=2026-12-01")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="en">' in html and 'id="sim-assumptions"' in html
    # the parameters' own descriptions come in English whatever the catalogue holds
    assert "Minimum monthly income a BPU participant may declare" in html


@pytest.fixture(scope="module")
def api():
    app = NinjaAPI(urls_namespace="coverage-plan-simulation-test")
    install_error_handlers(app)
    app.add_router("/coverage", router)
    return TestClient(app)


def test_api_returns_the_same_figures(api, demo, viewer_jelai):
    got = api.get(
        f"/coverage/simulation?region={KEC_JELAI}&persons=12&months=14&start=2026-12-01"
        "&with_jht=true",
        user=viewer_jelai,
    )
    assert got.status_code == 200, got.content
    body = got.json()
    sim = simulate(
        user=viewer_jelai,
        region_code=KEC_JELAI,
        persons=12,
        months=14,
        start=dt.date(2026, 12, 1),
        with_jht=True,
    )
    assert body["total"] == sim.total and body["persons"] == 12 and body["with_jht"]
    assert [(m["month"], m["per_person"], m["all_persons"]) for m in body["monthly"]] == [
        (m.isoformat(), p, a) for m, p, a in sim.monthly
    ]
    assert body["rate_after"] == float(sim.rate_after)
    assert body["covered_before"] == sim.covered_before
    assert body["assumptions"] == sim.assumptions and body["legal_basis"] == sim.legal_basis
    assert body["synthetic"] is True
    refused = api.get(
        f"/coverage/simulation?region={KEC_SUKAMARA}&persons=1&months=1&start=2026-12-01",
        user=viewer_jelai,
    )
    assert refused.status_code == 403
    bad = api.get(
        f"/coverage/simulation?region={KEC_JELAI}&persons=1&months=99&start=2026-12-01",
        user=viewer_jelai,
    )
    assert bad.status_code == 400 and bad.json()["code"] == "plan_input_range"
