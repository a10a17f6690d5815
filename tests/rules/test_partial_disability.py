"""JKK permanent partial disability (rules.md §4.3): % table x 80 x upah, and the functional
variant % function lost x % table x 80 x upah. Amounts worked out by hand."""

import datetime as dt
from decimal import Decimal

import pytest

from cakupan.rules.benefits import benefit_jkk_partial_disability
from cakupan.rules.errors import InvalidInputError, NotInForceError
from cakupan.rules.wording import in_lang

DAY = dt.date(2024, 11, 28)


def test_anatomical_arm_to_the_shoulder_40_percent():
    """Lengan atas sampai sendi bahu 40 %, upah Rp3.500.000: 0.40 x 80 x 3,500,000 = 112 jt."""
    calc = benefit_jkk_partial_disability(date=DAY, wage_or_income=3_500_000, table_percent=40)
    assert calc.total == 112_000_000
    [component] = calc.components
    assert (component.program, component.name) == ("JKK", "partial_anatomical")
    assert component.reference == "PP 44/2015 Lampiran III"  # the 80 x wage parameter's
    assert component.label("id") == "Santunan cacat sebagian anatomis"
    assert in_lang(component.detail, "id") == "40% tabel cacat x 80 x upah Rp3.500.000"
    assert "from the disability table" in in_lang(component.detail, "en")


def test_functional_half_the_function_of_a_30_percent_part():
    """Fungsi hilang 50 % of a part worth 30 %, upah Rp4.000.000:
    0.50 x 0.30 x 80 x 4,000,000 = 12 x 4,000,000 = Rp48.000.000."""
    calc = benefit_jkk_partial_disability(
        date=DAY, wage_or_income=4_000_000, table_percent=30, function_lost_percent=50
    )
    assert calc.total == 48_000_000
    assert calc.amount("partial_functional") == 48_000_000
    assert calc.amount("partial_anatomical") == 0
    detail = in_lang(calc.components[0].detail, "id")
    assert detail == "50% fungsi hilang x 30% tabel cacat x 80 x upah Rp4.000.000"


def test_fractional_percentages_round_once_to_the_rupiah():
    """2.5 % x 80 x Rp3.716.341 = 2 x 3,716,341 = 7,432,682; 33 % of that function:
    0.33 x 7,432,682 = 2,452,785.06 -> Rp2.452.785."""
    anatomical = benefit_jkk_partial_disability(
        date=DAY, wage_or_income=3_716_341, table_percent=Decimal("2.5")
    )
    assert anatomical.total == 7_432_682
    functional = benefit_jkk_partial_disability(
        date=DAY, wage_or_income=3_716_341, table_percent="2,5", function_lost_percent=33
    )
    assert functional.components[0].exact == Decimal("2452785.06")
    assert functional.total == 2_452_785


def test_only_the_lump_sum_no_periodic_benefit_or_scholarship():
    calc = benefit_jkk_partial_disability(date=DAY, wage_or_income=3_000_000, table_percent=10)
    assert [c.name for c in calc.components] == ["partial_anatomical"]


def test_the_trace_names_each_factor_and_its_source():
    calc = benefit_jkk_partial_disability(
        date=DAY, wage_or_income=4_000_000, table_percent=30, function_lost_percent=50
    )
    trace = {t.parameter: t for t in calc.trace}
    assert trace["jkk.wage_multiple"].value == 80
    assert trace["jkk.wage_multiple"].reference == "PP 44/2015 Lampiran III"
    table = trace["jkk.partial_disability_table"]
    assert table.reference == "PP 44/2015 jo. PP 82/2019 Lampiran III (tabel persentase cacat)"
    assert "30%" in table.note and "surat keterangan dokter" in table.note
    assert "fungsi hilang 50%" in table.note
    assert trace["jkk.ctt_percent"].value == 70  # the bound it was checked against
    note = calc.notes[0]
    assert "surat keterangan dokter" in note and "doctor's statement" in in_lang(note, "en")


@pytest.mark.parametrize("table", [0, -5, 101, "abc", 40.0, True, None])
def test_the_table_percentage_is_above_0_and_at_most_100(table):
    with pytest.raises(InvalidInputError) as err:
        benefit_jkk_partial_disability(date=DAY, wage_or_income=3_000_000, table_percent=table)
    assert err.value.code == "benefit.percent"
    assert err.value.params["field"] == "table_percent"


@pytest.mark.parametrize("table", [70, 75, 100])
def test_70_percent_or_more_is_total_permanent_disability(table):
    """70 % is the CTT figure on the same scale (rules.md §4.3): CTT also pays the periodic
    benefit and scholarships, so recording it as partial would underpay."""
    with pytest.raises(InvalidInputError) as err:
        benefit_jkk_partial_disability(date=DAY, wage_or_income=3_000_000, table_percent=table)
    assert err.value.code == "benefit.partial_not_below_total"
    assert "cacat total tetap" in err.value.message("id")
    assert "total permanent disability" in err.value.message("en")


def test_just_below_70_is_still_partial():
    calc = benefit_jkk_partial_disability(
        date=DAY, wage_or_income=1_000_000, table_percent=Decimal("69.99")
    )
    assert calc.total == 55_992_000  # 0.6999 x 80 x 1,000,000


@pytest.mark.parametrize("function", [0, -1, Decimal("100.01"), "x"])
def test_the_function_lost_is_above_0_and_at_most_100(function):
    with pytest.raises(InvalidInputError) as err:
        benefit_jkk_partial_disability(
            date=DAY, wage_or_income=3_000_000, table_percent=30, function_lost_percent=function
        )
    assert err.value.params["field"] == "function_lost_percent"


def test_all_function_lost_pays_the_anatomical_amount():
    whole = benefit_jkk_partial_disability(
        date=DAY, wage_or_income=3_000_000, table_percent=30, function_lost_percent=100
    )
    assert whole.total == 72_000_000  # 0.30 x 80 x 3,000,000


def test_a_wage_is_required_and_the_rules_start_with_pp_44_2015():
    with pytest.raises(InvalidInputError):
        benefit_jkk_partial_disability(date=DAY, wage_or_income=0, table_percent=30)
    with pytest.raises(NotInForceError):
        benefit_jkk_partial_disability(
            date=dt.date(2015, 6, 30), wage_or_income=3_000_000, table_percent=30
        )
