"""Contribution calculators: worked examples from press and official sources, every date a
parameter changes (the day before and the day of), and bad input."""

import datetime as dt

import pytest

from cakupan.rules.contributions import (
    contribution_bpu,
    contribution_jakon,
    contribution_pmi,
    contribution_pu,
)
from cakupan.rules.errors import InvalidInputError, NotInForceError
from cakupan.rules.money import Rounding

D = dt.date


# ---------------------------------------------------------------- BPU


def test_bpu_minimum_package_16800():
    """Rp16,800 = JKK 10,000 + JKM 6,800 at Rp1 jt income (rules.md §2.3, BPJS branches, PKS)."""
    calc = contribution_bpu(date=D(2024, 11, 1), income=1_000_000, payer="apbd")
    assert calc.total == 16_800
    assert (calc.amount("jkk"), calc.amount("jkm")) == (10_000, 6_800)
    assert calc.totals_by_payer == {"apbd": 16_800}


def test_bpu_package_with_jht_36800():
    """Rp36,800 = 16,800 + JHT 2 % of Rp1 jt (rules.md §2.3)."""
    calc = contribution_bpu(date=D(2023, 5, 1), income=1_000_000, with_jht=True)
    assert calc.total == 36_800 and calc.amount("jht") == 20_000


def test_bpu_maximum_income_jkk_207000():
    """JKK 1 % at the Rp20.7 jt maximum = Rp207,000 (tribun pontianak 2019, rules.md §2.3)."""
    assert contribution_bpu(date=D(2019, 6, 1), income=20_700_000).amount("jkk") == 207_000


def test_bpu_covid_relief_jkm_68():
    """PP 49/2020: 99 % cut, BPU JKM Rp6,800 -> Rp68 (voi.id, inews); iuran Aug 2020-Jan 2021."""
    calc = contribution_bpu(date=D(2020, 8, 1), income=1_000_000)
    assert (calc.amount("jkm"), calc.amount("jkk"), calc.total) == (68, 100, 168)
    assert calc.amount("jkm_discount") == 6_732
    assert contribution_bpu(date=D(2020, 7, 31), income=1_000_000).total == 16_800
    assert contribution_bpu(date=D(2021, 1, 31), income=1_000_000).total == 168
    assert contribution_bpu(date=D(2021, 2, 1), income=1_000_000).total == 16_800


def test_bpu_transport_discount_8400():
    """PP 50/2025: transport BPU 16,800 -> 8,400, iuran Jan 2026-Mar 2027 (CNBC Indonesia)."""
    calc = contribution_bpu(date=D(2026, 1, 1), income=1_000_000, transport_worker=True)
    assert calc.total == 8_400
    assert (calc.amount("jkk"), calc.amount("jkm")) == (5_000, 3_400)
    for day, total in [(D(2025, 12, 31), 16_800), (D(2027, 3, 31), 8_400), (D(2027, 4, 1), 16_800)]:
        assert contribution_bpu(date=day, income=1_000_000, transport_worker=True).total == total


@pytest.mark.parametrize("payer", ["apbd", "apbn"])
def test_bpu_transport_discount_excludes_state_budgets(payer):
    """PP 50/2025 excludes iuran paid by APBN/APBD (rules.md §2.6)."""
    calc = contribution_bpu(
        date=D(2026, 2, 1), income=1_000_000, transport_worker=True, payer=payer
    )
    assert calc.total == 16_800 and calc.notes


def test_bpu_discount_does_not_touch_jht():
    calc = contribution_bpu(
        date=D(2026, 2, 1), income=2_000_000, with_jht=True, transport_worker=True
    )
    assert (calc.amount("jkk"), calc.amount("jkm"), calc.amount("jht")) == (10_000, 3_400, 40_000)


def test_bpu_duty_period_month_started():
    """A KPPS duty 7 Nov-8 Dec 2024 (32 days) touches 2 iuran months: 2 x 16,800."""
    calc = contribution_bpu(date=D(2024, 11, 7), income=1_000_000, days=32)
    assert calc.total == 33_600


def test_bpu_duty_period_pro_rata():
    # 7-30 Nov = 24/30 days, 1-8 Dec = 8/31 days
    calc = contribution_bpu(
        date=D(2024, 11, 7), income=1_000_000, days=32, charging="pro_rata_days"
    )
    expected_jkk = round(10_000 * 24 / 30) + round(10_000 * 8 / 31)
    expected_jkm = round(6_800 * 24 / 30) + round(6_800 * 8 / 31)
    assert calc.total == expected_jkk + expected_jkm == 17_776


def test_bpu_duty_period_crossing_a_discount_start():
    """Dec 2025 full price, Jan 2026 PP 50/2025 price for a transport worker."""
    calc = contribution_bpu(date=D(2025, 12, 20), income=1_000_000, days=20, transport_worker=True)
    assert calc.total == 16_800 + 8_400


def test_bpu_income_outside_range_is_refused():
    with pytest.raises(InvalidInputError) as low:
        contribution_bpu(date=D(2024, 1, 1), income=999_999)
    assert low.value.code == "bpu.income_below_minimum"
    assert "Rp1.000.000" in low.value.message("id")
    with pytest.raises(InvalidInputError) as high:
        contribution_bpu(date=D(2024, 1, 1), income=20_700_001)
    assert high.value.code == "bpu.income_above_maximum"


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"income": -5}, "input.negative"),
        ({"income": 1_500_000.0}, "input.not_integer"),
        ({"income": 1_000_000, "payer": "bank"}, "input.choice"),
        ({"income": 1_000_000, "charging": "weekly"}, "input.choice"),
        ({"income": 1_000_000, "days": 0}, "input.not_positive"),
    ],
)
def test_bpu_bad_input(kwargs, code):
    with pytest.raises(InvalidInputError) as info:
        contribution_bpu(date=D(2024, 1, 1), **kwargs)
    assert info.value.code == code


def test_before_any_rule_is_an_error():
    with pytest.raises(NotInForceError):
        contribution_bpu(date=D(2015, 6, 30), income=1_000_000)
    with pytest.raises(NotInForceError):
        contribution_pu(date=D(2015, 6, 30), wage=5_000_000, risk_class=1)


# ---------------------------------------------------------------- PU


def test_pu_all_shares_2024():
    """Rates from rules.md §2.1 (PP 44/2015, 45/2015, 46/2015, 6/2025) on Rp5 jt, class 1."""
    calc = contribution_pu(date=D(2024, 6, 1), wage=5_000_000, risk_class=1)
    assert {c.name: c.amount for c in calc.components} == {
        "jkk": 12_000,
        "jkm": 15_000,
        "jht_employer": 185_000,
        "jht_worker": 100_000,
        "jp_employer": 100_000,
        "jp_worker": 50_000,
        "jkp_government": 11_000,
        "jkp_from_jkk": 7_000,
        "jkp_from_jkm": 5_000,
    }
    assert calc.totals_by_payer == {"employer": 312_000, "worker": 150_000, "government": 11_000}
    assert calc.total == 473_000  # informational JKP recomposition adds nothing


@pytest.mark.parametrize(
    ("risk_class", "jkk"), [(1, 24_000), (2, 54_000), (3, 89_000), (4, 127_000), (5, 174_000)]
)
def test_pu_jkk_risk_classes(risk_class, jkk):
    """PP 44/2015 Lampiran I: 0.24 / 0.54 / 0.89 / 1.27 / 1.74 %."""
    calc = contribution_pu(date=D(2019, 1, 1), wage=10_000_000, risk_class=risk_class)
    assert calc.amount("jkk") == jkk


def test_pu_jp_on_capped_wage_and_cap_change_in_march():
    """JP 2 % + 1 % on min(wage, cap); 2024 cap 10,042,300 from March (suaraindonesia 2024)."""
    feb = contribution_pu(date=D(2024, 2, 29), wage=20_000_000, risk_class=1)
    mar = contribution_pu(date=D(2024, 3, 1), wage=20_000_000, risk_class=1)
    assert (feb.amount("jp_employer"), feb.amount("jp_worker")) == (191_192, 95_596)
    assert (mar.amount("jp_employer"), mar.amount("jp_worker")) == (200_846, 100_423)


def test_pu_jkp_cap_and_recomposition_change_on_7_feb_2025():
    """JKP on min(wage, Rp5 jt): PP 37/2021 0.22+0.14+0.10; PP 6/2025 (7 Feb 2025) 0.22+0.14."""
    before = contribution_pu(date=D(2025, 2, 6), wage=8_000_000, risk_class=2)
    after = contribution_pu(date=D(2025, 2, 7), wage=8_000_000, risk_class=2)
    assert before.amount("jkp_government") == after.amount("jkp_government") == 11_000
    assert before.amount("jkp_from_jkm") == 5_000 and after.amount("jkp_from_jkm") == 0
    assert before.totals_by_payer["employer"] == after.totals_by_payer["employer"]


def test_pu_jkp_starts_2_feb_2021():
    assert (
        contribution_pu(date=D(2021, 2, 1), wage=5_000_000, risk_class=1).amount("jkp_government")
        == 0
    )
    assert (
        contribution_pu(date=D(2021, 2, 2), wage=5_000_000, risk_class=1).amount("jkp_government")
        == 11_000
    )
    with pytest.raises(NotInForceError) as info:
        contribution_pu(date=D(2021, 2, 1), wage=5_000_000, risk_class=1, programs=["JKP"])
    assert info.value.code == "pu.program_not_in_force"


def test_pu_covid_relief_cuts_jkk_jkm_and_defers_jp():
    """PP 49/2020: JKK/JKM cut 99 %, JP 99 % deferred, iuran Aug 2020-Jan 2021."""
    calc = contribution_pu(date=D(2020, 8, 1), wage=5_000_000, risk_class=5)
    assert calc.amount("jkk") == 870  # 1.74 % x 1 %
    assert calc.amount("jkm") == 150
    assert calc.amount("jp_employer") == 1_000 and calc.amount("jp_deferred_employer") == 99_000
    assert calc.amount("jht_worker") == 100_000  # JHT untouched
    assert (
        contribution_pu(date=D(2020, 7, 31), wage=5_000_000, risk_class=5).amount("jkk") == 87_000
    )


def test_pu_padat_karya_discount():
    """PP 7/2025 (Feb-Jul 2025) + PP 36/2025 (to Jan 2026): JKK 50 % -> 0.445 % at class 3."""
    day = D(2025, 9, 1)
    calc = contribution_pu(date=day, wage=4_000_000, risk_class=3, padat_karya=True)
    assert calc.amount("jkk") == 17_800 and calc.amount("jkk_discount") == 17_800
    assert contribution_pu(date=day, wage=4_000_000, risk_class=3).amount("jkk") == 35_600
    for when, jkk in [
        (D(2025, 1, 31), 35_600),
        (D(2025, 2, 1), 17_800),
        (D(2026, 1, 31), 17_800),
        (D(2026, 2, 1), 35_600),
    ]:
        assert (
            contribution_pu(date=when, wage=4_000_000, risk_class=3, padat_karya=True).amount("jkk")
            == jkk
        )


def test_pu_programs_subset_for_non_asn():
    calc = contribution_pu(
        date=D(2025, 5, 1), wage=3_716_340, risk_class=1, programs=["JKK", "JKM"]
    )
    assert {c.program for c in calc.components} == {"JKK", "JKM"}
    assert calc.total == 8_919 + 11_149  # 0.24 % and 0.30 % of UMK Sukamara 2025


def test_pu_rounding_setting():
    wage = 3_131_321  # 0.24 % = 7,515.17; 0.30 % = 9,393.96
    half = contribution_pu(date=D(2024, 1, 1), wage=wage, risk_class=1, programs=["JKK", "JKM"])
    down = contribution_pu(
        date=D(2024, 1, 1),
        wage=wage,
        risk_class=1,
        programs=["JKK", "JKM"],
        rounding=Rounding.COMPONENT_DOWN,
    )
    up = contribution_pu(
        date=D(2024, 1, 1),
        wage=wage,
        risk_class=1,
        programs=["JKK", "JKM"],
        rounding="component_up",
    )
    total = contribution_pu(
        date=D(2024, 1, 1),
        wage=wage,
        risk_class=1,
        programs=["JKK", "JKM"],
        rounding="total_half_up",
    )
    assert (half.total, down.total, up.total, total.total) == (16_909, 16_908, 16_910, 16_909)


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"wage": -1, "risk_class": 1}, "input.negative"),
        ({"wage": 5_000_000, "risk_class": 6}, "pu.risk_class"),
        ({"wage": 5_000_000, "risk_class": 0}, "pu.risk_class"),
        ({"wage": 5_000_000, "risk_class": True}, "pu.risk_class"),
        ({"wage": 5_000_000, "risk_class": 1, "programs": ["JKN"]}, "input.choice"),
    ],
)
def test_pu_bad_input(kwargs, code):
    with pytest.raises(InvalidInputError) as info:
        contribution_pu(date=D(2024, 1, 1), **kwargs)
    assert info.value.code == code


# ---------------------------------------------------------------- Jakon, PMI


def test_jakon_marginal_tiers_1_miliar():
    """PP 44/2015 Lampiran I tiers (pasal.id, star.grid.id): Rp1 M contract.
    JKK 100jt x 0.21 % + 400jt x 0.17 % + 500jt x 0.13 % = 1,540,000;
    JKM 100jt x 0.03 % + 400jt x 0.02 % + 500jt x 0.02 % = 210,000."""
    calc = contribution_jakon(date=D(2024, 1, 1), project_value=1_000_000_000)
    assert (calc.amount("jkk"), calc.amount("jkm"), calc.total) == (1_540_000, 210_000, 1_750_000)


@pytest.mark.parametrize(
    ("value", "jkk", "jkm"),
    [
        (100_000_000, 210_000, 30_000),
        (50_000_000, 105_000, 15_000),
        (5_000_000_000, 1_540_000 + 4_400_000, 210_000 + 400_000),
        (10_000_000_000, 5_940_000 + 4_500_000, 610_000 + 500_000),
    ],
)
def test_jakon_tier_edges(value, jkk, jkm):
    calc = contribution_jakon(date=D(2022, 1, 1), project_value=value)
    assert (calc.amount("jkk"), calc.amount("jkm")) == (jkk, jkm)


def test_jakon_wages_use_pu_rates():
    """Reported wages: JKK 1.74 %, JKM 0.30 % (rules.md §2.4)."""
    calc = contribution_jakon(date=D(2024, 1, 1), wages=100_000_000)
    assert (calc.amount("jkk"), calc.amount("jkm")) == (1_740_000, 300_000)
    with pytest.raises(InvalidInputError):
        contribution_jakon(date=D(2024, 1, 1), wages=1, project_value=1)


def test_pmi_typical_24_months_370000():
    """Permenaker 4/2023 Ps 18: 37,500 + 332,500 = Rp370,000 (radarlampung, pasal.id)."""
    assert contribution_pmi(date=D(2024, 1, 1)).total == 370_000
    assert (
        contribution_pmi(date=D(2024, 1, 1), phase="placement", contract_months=6).total == 108_000
    )
    assert (
        contribution_pmi(date=D(2024, 1, 1), phase="placement", contract_months=12).total == 189_000
    )
    assert contribution_pmi(date=D(2024, 1, 1), contract_months=30).total == 370_000 + 6 * 13_500
    with pytest.raises(NotInForceError):
        contribution_pmi(date=D(2023, 2, 21))
