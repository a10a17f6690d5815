"""Matching residents against the registry on a date: covered, lapsed and absent persons, a
merged NIK, agreement with the registry's own `coverage_on`, filters, lists counted once per
NIK, region scope, and one query for the counts whatever the list's size."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cakupan.accounts.scope import SystemActor
from cakupan.coverage.gap.selectors import gap_not_covered, gap_page, gap_report
from cakupan.coverage.gap.services import resident_list_import
from cakupan.errors import NotFound, PermissionDenied
from cakupan.registry.selectors import coverage_on
from tests.conftest import DESA_PULAU_NIBUNG, KEC_JELAI
from tests.coverage import gap_fixtures
from tests.coverage.gap_fixtures import (
    ABSENT,
    DAY,
    GOOD_ROWS,
    LAPSED,
    MERGED,
    NEIGHBOUR,
    SUNGAI_BARU,
    csv_bytes,
    nik,
)

# The shell operator's question over the whole registry: the system acting in the province.
EVERYWHERE = SystemActor(job="tests", region_codes=("62",))

pytestmark = [pytest.mark.django_db]
registry = gap_fixtures.registry
village_operator = gap_fixtures.village_operator
village_operator_baru = gap_fixtures.village_operator_baru


def load(actor, rows=GOOD_ROWS, source="DTKS Jelai 2026", area=KEC_JELAI):
    return resident_list_import(
        actor=actor,
        area_code=area,
        source=source,
        year=2026,
        upload=io.BytesIO(csv_bytes(rows)),
        filename="daftar.csv",
    )


def not_covered(user, **kwargs):
    residents = gap_not_covered(user=user, region_code=kwargs.pop("region", KEC_JELAI), **kwargs)
    _page, rows = gap_page(user=user, residents=residents, day=kwargs.get("day") or DAY)
    return {r.nik: r for r in rows}


def test_covered_lapsed_and_absent_on_a_date(registry, operator_jelai):
    load(operator_jelai)
    report = gap_report(user=operator_jelai, region_code=KEC_JELAI, day=DAY)
    counts = {a.code: (a.listed, a.covered, a.not_covered) for a in report.areas}
    # Pulau Nibung: Budi covered, Ahmad covered through the person his NIK was merged into,
    # Siti's spell ended on 31 Dec 2025, Yusuf is not in the registry. Sungai Baru: Rina absent.
    assert counts == {DESA_PULAU_NIBUNG: (4, 2, 2), SUNGAI_BARU: (1, 0, 1)}
    assert (report.listed, report.covered, report.not_covered) == (5, 2, 3)
    rows = not_covered(operator_jelai, day=DAY)
    assert set(rows) == {LAPSED, ABSENT, NEIGHBOUR}
    assert rows[LAPSED].status == "lapsed" and rows[ABSENT].status == "no_record"
    assert rows[LAPSED].birth_year == 1990 and rows[LAPSED].age == 36
    assert rows[LAPSED].nik_masked == LAPSED[:6] + "••••••" + LAPSED[-4:]
    assert rows[ABSENT].flag_labels == ["Penyandang disabilitas", "Nelayan"]
    # a day on which Siti was still covered, and one before Ahmad's (kept) spell began
    earlier = gap_report(user=operator_jelai, region_code=KEC_JELAI, day=dt.date(2025, 6, 1))
    assert {a.code: a.covered for a in earlier.areas} == {DESA_PULAU_NIBUNG: 2, SUNGAI_BARU: 0}
    assert set(not_covered(operator_jelai, day=dt.date(2025, 6, 1))) == {
        MERGED,
        ABSENT,
        NEIGHBOUR,
    }


@pytest.mark.parametrize("day", [dt.date(2025, 6, 1), DAY, dt.date(2025, 12, 31)])
def test_the_match_agrees_with_the_registrys_coverage_on(registry, operator_jelai, day):
    load(operator_jelai)
    gaps = set(not_covered(operator_jelai, day=day))
    for row in GOOD_ROWS:
        assert (row[0] not in gaps) == coverage_on(nik=row[0], day=day, user=EVERYWHERE).covered, (
            row[1]
        )


def test_filters_by_flag_and_desa(registry, operator_jelai):
    load(operator_jelai)
    poor = gap_report(user=operator_jelai, region_code=KEC_JELAI, day=DAY, flag="poor_household")
    assert (poor.listed, poor.not_covered) == (2, 2)
    assert set(not_covered(operator_jelai, day=DAY, flag="poor_household")) == {LAPSED, NEIGHBOUR}
    one = gap_report(user=operator_jelai, region_code=KEC_JELAI, day=DAY, desa=SUNGAI_BARU)
    assert [a.code for a in one.areas] == [SUNGAI_BARU]
    with pytest.raises(NotFound):
        gap_report(user=operator_jelai, region_code=KEC_JELAI, desa="62.08.01.2005")


def test_a_resident_on_two_lists_counts_once(registry, operator_jelai):
    load(operator_jelai)
    second = [
        [ABSENT, "Yusuf Absen", "Pulau Nibung", "Jelai", "Nelayan", "Nelayan", ""],
        [nik(150), "Baru Sekali", "Pulau Nibung", "Jelai", "Petani", "", ""],
    ]
    load(operator_jelai, second, source="Pendataan pekerja desa 2026")
    report = gap_report(user=operator_jelai, region_code=KEC_JELAI, day=DAY)
    assert (report.listed, report.not_covered) == (6, 4)
    assert len(report.lists) == 2
    only = gap_report(
        user=operator_jelai, region_code=KEC_JELAI, day=DAY, list_id=report.lists[0].pk
    )
    assert only.lists == [report.lists[0]]


def test_village_operator_sees_only_their_desa(registry, operator_jelai, village_operator):
    load(operator_jelai)
    report = gap_report(user=village_operator, region_code=DESA_PULAU_NIBUNG, day=DAY)
    assert [a.code for a in report.areas] == [DESA_PULAU_NIBUNG]
    rows = not_covered(village_operator, region=DESA_PULAU_NIBUNG, day=DAY)
    assert set(rows) == {LAPSED, ABSENT}
    with pytest.raises(PermissionDenied):
        gap_report(user=village_operator, region_code=KEC_JELAI, day=DAY)
    with pytest.raises(PermissionDenied):
        gap_report(user=village_operator, region_code=SUNGAI_BARU, day=DAY)


def test_lapsed_is_told_only_for_persons_in_the_readers_scope(
    registry, operator_jelai, village_operator_baru
):
    """Siti is registered in Pulau Nibung; listed in Sungai Baru, its operator learns only that
    she is not covered, not that the registry holds her elsewhere (as coverage_on does)."""
    rows = [[LAPSED, "Siti Aminah", "Sungai Baru", "Jelai", "", "", ""]]
    load(operator_jelai, rows)
    seen = not_covered(village_operator_baru, region=SUNGAI_BARU, day=DAY)
    assert seen[LAPSED].status == "no_record"
    assert not_covered(operator_jelai, day=DAY)[LAPSED].status == "lapsed"


def test_viewers_and_other_kecamatan_see_nothing(registry, operator_jelai, admin_regency):
    from tests.conftest import make_user

    load(operator_jelai)
    viewer = make_user("lihat", "viewer", KEC_JELAI)
    with pytest.raises(PermissionDenied):
        gap_report(user=viewer, region_code=KEC_JELAI, day=DAY)
    sukamara_op = make_user("op_kota", "regency_operator", "62.08.01")
    with pytest.raises(PermissionDenied):
        gap_report(user=sukamara_op, region_code=KEC_JELAI, day=DAY)
    assert gap_report(user=sukamara_op, region_code="62.08.01", day=DAY).areas == []
    assert gap_report(user=admin_regency, region_code="62.08", day=DAY).listed == 5


def test_counts_are_one_query_whatever_the_list_size(registry, operator_jelai):
    rows = [
        [nik(400 + i), f"Warga {i}", "Pulau Nibung", "Jelai", "Petani", "", ""] for i in range(300)
    ]
    load(operator_jelai, GOOD_ROWS + rows)
    report = gap_report(user=operator_jelai, region_code=KEC_JELAI, day=DAY)
    assert report.listed == 305
    with CaptureQueriesContext(connection) as few:
        gap_report(user=operator_jelai, region_code=KEC_JELAI, day=DAY)
    # the match and the per-desa counts are one statement (a join, not a loop over residents)
    grouped = [q["sql"] for q in few.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(grouped) == 1 and "EXISTS" in grouped[0].upper()
    assert len(few.captured_queries) < 12
    with CaptureQueriesContext(connection) as page:
        not_covered(operator_jelai, day=DAY)
    assert len(page.captured_queries) < 15
