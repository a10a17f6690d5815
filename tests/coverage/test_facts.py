"""Coverage facts against a hand count from the raw spells, for sampled regions and dates, and
the incremental refresh following the registry's changes without being told."""

import datetime as dt
import random
from collections import Counter

import pytest

from cakupan.audit.models import AuditEvent
from cakupan.coverage.basis.services import denominator_set, target_set
from cakupan.coverage.facts.counts import AGE_BANDS, month_end, years_before
from cakupan.coverage.facts.dashboard import coverage_dashboard
from cakupan.coverage.facts.selectors import coverage_indicator
from cakupan.coverage.facts.services import coverage_facts_refresh, coverage_facts_refresh_changed
from cakupan.coverage.models import CoverageFact, FactMonth
from cakupan.errors import NotFound, PermissionDenied
from cakupan.regions.models import Region
from cakupan.registry.models import Person, PersonFlag, Spell
from cakupan.registry.services import person_update, spell_add, spell_end
from tests.conftest import KEC_JELAI, KEC_SUKAMARA, SUKAMARA

pytestmark = pytest.mark.django_db
RANK = {"PU": 1, "JAKON": 2, "PMI": 3, "BPU": 4}
TODAY = dt.date(2026, 11, 15)


def inside(code, region):
    return code == region or code.startswith(region + ".")


def age_band(birth, day):
    band = AGE_BANDS[0][0]
    for label, low in AGE_BANDS:
        if birth <= years_before(day, low):
            band = label
    return band


def hand_count(region: str, day: dt.date) -> dict:
    """Straight from the spells: who was covered on `day` in `region`, each person once."""
    persons = {p.pk: p for p in Person.objects.all()}
    flags = {}
    for f in PersonFlag.objects.all():
        flags.setdefault(f.person_id, []).append(f.flag)
    best = {}
    for s in Spell.objects.filter(regency_code=SUKAMARA):
        if not (s.start_date <= day and (s.end_date is None or s.end_date >= day)):
            continue
        if not inside(s.region_code, region):
            continue
        key = (RANK[s.segment], s.start_date, s.pk)
        if s.person_id not in best or key < best[s.person_id][0]:
            best[s.person_id] = (key, s)
    out = {d: Counter() for d in ("segment", "payer", "sex", "age_band", "sector", "flag")}
    for person_id, (_key, s) in best.items():
        p = persons[person_id]
        out["segment"][s.segment] += 1
        out["payer"][s.payer] += 1
        out["sex"][p.sex] += 1
        out["age_band"][age_band(p.birth_date, day)] += 1
        out["sector"][p.sector or ""] += 1
        for flag in flags.get(person_id, []):
            out["flag"][flag] += 1
    out["total"] = len(best)
    return out


def as_counts(indicator):
    got = {
        dim: Counter({f.key: f.numerator for f in rows})
        for dim, rows in indicator.breakdowns.items()
    }
    got["total"] = indicator.covered
    return got


@pytest.fixture
def refreshed(synthetic, manager):
    coverage_facts_refresh(actor=manager, regency_code=SUKAMARA, today=TODAY)
    return synthetic


def test_indicators_match_a_hand_count_for_sampled_regions_and_dates(refreshed, manager):
    pick = random.Random(20261129)
    desa = list(
        Region.objects.filter(code__startswith=SUKAMARA + ".", level="village").values_list(
            "code", flat=True
        )
    )
    regions = [SUKAMARA, KEC_SUKAMARA, KEC_JELAI, *pick.sample(desa, 3)]
    months = FactMonth.objects.filter(regency_code=SUKAMARA).values_list("month", flat=True)
    dates = pick.sample(sorted(months), 3)
    for region in regions:
        for day in dates:
            got = coverage_indicator(user=manager, region_code=region, on=day)
            assert got.computed == "monthly"
            assert as_counts(got) == hand_count(region, day), (region, day)
    # any other date is computed on demand and obeys the same definition
    day = dt.date(2024, 11, 27)
    got = coverage_indicator(user=manager, region_code=KEC_JELAI, on=day)
    assert got.computed == "on_demand" and as_counts(got) == hand_count(KEC_JELAI, day)


def test_rate_target_and_gap_are_the_division_shown(refreshed, manager):
    day = dt.date(2025, 6, 30)
    denominator_set(
        actor=manager, region_code=SUKAMARA, year=2025, working_population=1400, source="x"
    )
    target_set(actor=manager, region_code=SUKAMARA, year=2025, rate=70, source="RKPD 2025")
    got = coverage_indicator(user=manager, region_code=SUKAMARA, on=day)
    covered = hand_count(SUKAMARA, day)["total"]
    assert got.covered == covered
    assert got.rate == round(covered * 100 / 1400, 2) or abs(float(got.rate) - covered / 14) < 0.006
    assert got.gap_persons == max(0, 980 - covered)  # 70 % of 1,400 = 980 workers
    assert "penduduk bekerja" in got.definition
    by_segment = got.breakdowns["segment"]
    assert sum(f.numerator for f in by_segment) == covered  # each person counted once
    assert all(f.denominator == 1400 for f in by_segment)


def test_dashboard_rolls_desa_up_to_kecamatan_with_trend_and_target_line(refreshed, manager):
    target_set(actor=manager, region_code=SUKAMARA, year=2025, rate=60, source="RKPD")
    board = coverage_dashboard(user=manager, region_code=SUKAMARA, month=dt.date(2025, 12, 1))
    assert board.indicator.date == dt.date(2025, 12, 31)
    assert [a.code for a in board.areas] == [f"62.08.0{i}" for i in range(1, 6)]
    assert sum(a.covered for a in board.areas) == board.indicator.covered
    for area in board.areas[:2]:
        assert area.covered == hand_count(area.code, dt.date(2025, 12, 31))["total"]
    points = {p.month: p for p in board.trend}
    assert points[dt.date(2025, 12, 31)].covered == board.indicator.covered
    assert points[dt.date(2025, 3, 31)].target_rate == 60
    assert points[dt.date(2024, 3, 31)].target_rate is None
    assert board.trend[-1].month == month_end(TODAY)


def test_scope_applies_to_every_read(refreshed, viewer_jelai):
    day = dt.date(2025, 12, 31)
    got = coverage_indicator(user=viewer_jelai, region_code=KEC_JELAI, on=day)
    assert got.covered == hand_count(KEC_JELAI, day)["total"]
    for code in (SUKAMARA, KEC_SUKAMARA):
        with pytest.raises(PermissionDenied):
            coverage_indicator(user=viewer_jelai, region_code=code, on=day)
        with pytest.raises(PermissionDenied):
            coverage_dashboard(user=viewer_jelai, region_code=code)
    with pytest.raises(PermissionDenied):
        coverage_facts_refresh(actor=viewer_jelai, regency_code=SUKAMARA)


def test_a_month_not_refreshed_is_said_plainly(synthetic, manager):
    with pytest.raises(NotFound) as err:
        coverage_indicator(user=manager, region_code=SUKAMARA, on=dt.date(2025, 1, 31))
    assert "belum dihitung" in err.value.message("id")


def test_incremental_refresh_follows_spell_changes_in_only_the_touched_desa(refreshed, manager):
    day = dt.date(2026, 10, 31)
    person = Person.objects.filter(region_code__startswith=KEC_JELAI + ".").first()
    other = Person.objects.filter(region_code__startswith=KEC_SUKAMARA + ".").first()
    before_other = coverage_indicator(user=manager, region_code=KEC_SUKAMARA, on=day).covered
    # end every spell of the Jelai person, and give them a new PMI one later
    for spell in Spell.objects.filter(person=person, end_date__isnull=True):
        spell_end(actor=manager, spell_id=spell.pk, end_date=dt.date(2026, 1, 31), reason="test")
    spell_add(
        actor=manager, person_id=person.pk, programs=["JKK", "JKM"], start_date=dt.date(2026, 9, 1),
        end_date=None, segment="PMI", payer="self", reason="berangkat kerja ke Malaysia",
    )  # fmt: skip
    untouched = set(
        CoverageFact.objects.filter(region_code__startswith=KEC_SUKAMARA + ".").values_list(
            "id", flat=True
        )
    )
    result = coverage_facts_refresh_changed(actor=manager, regency_code=SUKAMARA, today=TODAY)
    assert result["regions"] == [person.region_code]
    for on in (dt.date(2026, 3, 31), day):
        got = coverage_indicator(user=manager, region_code=KEC_JELAI, on=on)
        assert as_counts(got) == hand_count(KEC_JELAI, on)
    # the other kecamatan's fact rows were not even rewritten
    assert (
        set(
            CoverageFact.objects.filter(region_code__startswith=KEC_SUKAMARA + ".").values_list(
                "id", flat=True
            )
        )
        == untouched
    )
    assert (
        coverage_indicator(user=manager, region_code=KEC_SUKAMARA, on=day).covered == before_other
    )
    # a move to another desa re-counts both desa
    person_update(actor=manager, person_id=other.pk, reason="pindah", region_code="62.08.02.2002")
    result = coverage_facts_refresh_changed(actor=manager, regency_code=SUKAMARA, today=TODAY)
    assert set(result["regions"]) == {other.region_code, "62.08.02.2002"}
    for code in (KEC_SUKAMARA, KEC_JELAI):
        assert as_counts(coverage_indicator(user=manager, region_code=code, on=day)) == hand_count(
            code, day
        )
    # nothing changed: nothing recomputed
    assert (
        coverage_facts_refresh_changed(actor=manager, regency_code=SUKAMARA, today=TODAY)["regions"]
        == []
    )
    assert AuditEvent.objects.filter(action="coverage.facts_refresh").count() == 4


def test_a_new_month_is_added_by_the_incremental_refresh(refreshed, manager):
    later = dt.date(2027, 1, 10)
    result = coverage_facts_refresh_changed(actor=manager, regency_code=SUKAMARA, today=later)
    assert result["months"] == 2  # December 2026 and January 2027
    got = coverage_indicator(user=manager, region_code=SUKAMARA, on=dt.date(2027, 1, 31))
    assert as_counts(got) == hand_count(SUKAMARA, dt.date(2027, 1, 31))


def test_a_second_full_refresh_gives_the_same_figures(refreshed, manager):
    day = dt.date(2025, 8, 31)
    first = as_counts(coverage_indicator(user=manager, region_code=SUKAMARA, on=day))
    rows = CoverageFact.objects.filter(month=day).count()
    coverage_facts_refresh(actor=manager, regency_code=SUKAMARA, today=TODAY)
    assert as_counts(coverage_indicator(user=manager, region_code=SUKAMARA, on=day)) == first
    assert CoverageFact.objects.filter(month=day).count() == rows
