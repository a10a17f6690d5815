"""Benefit calculators: press and official worked examples, PP 82/2019's start, bad input."""

import datetime as dt

import pytest

from cakupan.rules.benefits import (
    benefit_jkk_ctt,
    benefit_jkk_death,
    benefit_jkk_stmb,
    benefit_jkm_death,
    scholarship,
)
from cakupan.rules.errors import InvalidInputError, NotInForceError

D = dt.date
PP82 = D(2019, 12, 2)  # promulgated and in force (Pasal II), harianjogja/Bisnis 23 Dec 2019


def test_jkm_42_juta_tangerang_2023():
    """liputan6.com/news/read/5320884: teacher Nasiroh died of illness -> Rp42,000,000."""
    calc = benefit_jkm_death(date=D(2023, 7, 1), membership_months=24)
    assert calc.total == 42_000_000
    assert (calc.amount("lump_sum"), calc.amount("periodic"), calc.amount("funeral")) == (
        20_000_000,
        12_000_000,
        10_000_000,
    )


def test_jkm_no_minimum_membership():
    """BPU with 4-5 months paid got Rp42 jt (ipol.id 2025); KPPS enrolled before duty too."""
    assert benefit_jkm_death(date=D(2024, 12, 21), membership_months=0).total == 42_000_000


def test_jkm_kpps_2019_under_pp_44_2015():
    """6 May 2019: BPJS paid KPPS heirs Rp24 jt (JKM, PP 44/2015) (rules.md §6.4)."""
    calc = benefit_jkm_death(date=D(2019, 5, 6), membership_months=1)
    assert calc.total == 24_000_000
    assert calc.amount("lump_sum") == 16_200_000 and calc.amount("periodic") == 4_800_000


def test_jkm_switch_on_pp_82_2019_effective_date():
    assert (
        benefit_jkm_death(date=PP82 - dt.timedelta(days=1), membership_months=1).total == 24_000_000
    )
    assert benefit_jkm_death(date=PP82, membership_months=1).total == 42_000_000


def test_jkm_with_scholarship_needs_three_years():
    """PP 82/2019: JKM beasiswa only after >= 3 years masa iur (detik d-5759152)."""
    short = benefit_jkm_death(date=D(2024, 3, 1), membership_months=35, children=["SMA"])
    assert short.total == 42_000_000 and short.notes
    enough = benefit_jkm_death(date=D(2024, 3, 1), membership_months=36, children=["SMA"])
    assert enough.total == 42_000_000 + 69_000_000


def test_jkm_pp44_scholarship_one_child_after_five_years():
    """PP 44/2015: Rp12 jt lump sum for one child, >= 5 years membership."""
    calc = benefit_jkm_death(date=D(2018, 1, 1), membership_months=60, children=["SD", "SMP"])
    assert calc.amount("scholarship") == 12_000_000
    assert (
        benefit_jkm_death(date=D(2018, 1, 1), membership_months=59, children=["SD"]).amount(
            "scholarship"
        )
        == 0
    )


def test_jkk_death_tangerang_241_juta():
    """liputan6.com/news/read/5320884 (2023): security guard Mahmudin, JKK death:
    48 x upah Rp150,303,408 + berkala Rp12,000,000 + pemakaman Rp10,000,000 + beasiswa one
    child SMA-kuliah Rp69,000,000 = Rp241,303,408. Upah = 150,303,408 / 48 = 3,131,321."""
    calc = benefit_jkk_death(date=D(2023, 7, 1), wage_or_income=3_131_321, children=["SMA"])
    assert calc.amount("death_lump_sum") == 150_303_408
    assert calc.amount("periodic") == 12_000_000
    assert calc.amount("funeral") == 10_000_000
    assert calc.amount("scholarship") == 69_000_000  # SMA 3 x 3 jt + PT 5 x 12 jt
    assert calc.total == 241_303_408


def test_jkk_death_crane_2018_under_pp_44_2015():
    """tribunnews / liputan6 3256491, 4 Feb 2018: crane victims, 48 x upah with daily wage
    Rp80,000, total Rp123 jt. Derived: upah 30 x 80,000 = 2.4 jt; 48 x 2.4 jt = 115.2 jt +
    berkala 4.8 jt + pemakaman 3 jt = 123 jt."""
    calc = benefit_jkk_death(date=D(2018, 2, 4), wage_or_income=2_400_000)
    assert calc.total == 123_000_000


@pytest.mark.parametrize(("honor", "lump"), [(1_100_000, 52_800_000), (1_200_000, 57_600_000)])
def test_jkk_death_kpps_2024_48_times_honor(honor, lump):
    """Dirut BPJS TK on Pemilu 2024 KPPS under a PU scheme: Rp52.8-57.6 jt = 48 x honor
    (merahputih.com "Petugas KPPS Meninggal Diberi 48 Dikali Upah")."""
    calc = benefit_jkk_death(date=D(2024, 2, 20), wage_or_income=honor)
    assert calc.amount("death_lump_sum") == lump


def test_jkk_death_minimum_is_jkm_lump_sum():
    """detik d-5759152: JKK death at least the JKM santunan kematian (Rp20 jt)."""
    calc = benefit_jkk_death(date=D(2024, 1, 1), wage_or_income=300_000)
    assert calc.amount("death_lump_sum") == 20_000_000
    assert calc.amount("death_lump_sum") == benefit_jkk_death(
        date=D(2024, 1, 1), wage_or_income=416_666
    ).amount("death_lump_sum")
    assert (
        benefit_jkk_death(date=D(2024, 1, 1), wage_or_income=416_667).amount("death_lump_sum")
        == 20_000_016
    )
    assert (
        benefit_jkk_death(date=D(2017, 1, 1), wage_or_income=300_000).amount("death_lump_sum")
        == 16_200_000
    )


def test_jkk_scholarship_has_no_minimum_period():
    calc = benefit_jkk_death(
        date=D(2024, 1, 1), wage_or_income=1_000_000, children=["PT"], membership_months=0
    )
    assert calc.amount("scholarship") == 60_000_000


def test_scholarship_maximum_two_children_174_juta():
    """PP 82/2019 table: max Rp87 jt per child, Rp174 jt for 2 (detik d-5759152)."""
    calc = scholarship(
        date=D(2024, 1, 1), program="JKK", membership_months=0, children=["belum", "TK", "SD"]
    )
    assert calc.total == 174_000_000
    assert calc.notes  # the third child gets nothing


def test_scholarship_years_left_at_current_level():
    # final SD year + SMP + SMA + PT = 1.5 + 6 + 9 + 60 jt (the Rp76.5 jt PPSU child in
    # republika 28 Jul 2020 fits this, derived)
    calc = scholarship(date=D(2020, 7, 27), program="JKK", membership_months=0, children=["SD:1"])
    assert calc.total == 76_500_000


def test_scholarship_bad_level():
    with pytest.raises(InvalidInputError) as info:
        scholarship(date=D(2024, 1, 1), program="JKM", membership_months=40, children=["S3"])
    assert info.value.code == "benefit.level_unknown"


def test_stmb_pp82_100_percent_12_months_then_50():
    calc = benefit_jkk_stmb(date=D(2024, 1, 1), wage_or_income=3_000_000, days=420)
    assert calc.total == 12 * 3_000_000 + 2 * 1_500_000


def test_stmb_pp44_100_75_50():
    calc = benefit_jkk_stmb(date=D(2019, 12, 1), wage_or_income=3_000_000, days=400)
    assert calc.total == 6 * 3_000_000 + 6 * 2_250_000 + 2_000_000  # 40 days at 50 %
    assert (
        benefit_jkk_stmb(date=PP82, wage_or_income=3_000_000, days=400).total
        == 36_000_000 + 2_000_000
    )


def test_stmb_partial_month_by_days():
    assert (
        benefit_jkk_stmb(date=D(2024, 1, 1), wage_or_income=3_100_000, days=10).total == 1_033_333
    )


def test_ctt_56_times_upah_plus_berkala():
    calc = benefit_jkk_ctt(date=D(2024, 1, 1), wage_or_income=4_000_000, children=["SMA"])
    assert calc.amount("ctt_lump_sum") == 224_000_000
    assert calc.amount("periodic") == 12_000_000
    assert calc.amount("scholarship") == 69_000_000


def test_benefit_bad_input():
    with pytest.raises(InvalidInputError) as info:
        benefit_jkm_death(date=D(2024, 1, 1), membership_months=1, membership_start=D(2024, 2, 1))
    assert info.value.code == "benefit.death_before_membership"
    with pytest.raises(InvalidInputError):
        benefit_jkk_death(date=D(2024, 1, 1), wage_or_income=0)
    with pytest.raises(InvalidInputError):
        benefit_jkk_death(date=D(2024, 1, 1), wage_or_income=-1)
    with pytest.raises(InvalidInputError):
        benefit_jkm_death(date=D(2024, 1, 1), membership_months=-1)
    with pytest.raises(NotInForceError):
        benefit_jkm_death(date=D(2015, 6, 30), membership_months=1)


def test_trace_lists_every_parameter_with_reference():
    calc = benefit_jkk_death(date=D(2023, 7, 1), wage_or_income=3_131_321, children=["SMA"])
    used = {t.parameter for t in calc.trace}
    assert {
        "jkk.wage_multiple",
        "jkk.death_percent",
        "jkm.lump_sum",
        "jkk.funeral",
        "jkk.periodic_monthly",
        "scholarship.levels",
    } <= used
    assert all(t.reference for t in calc.trace)
