"""The parameter loader: exact numbers, references required, dates in order, no silent 0."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from cakupan.rules.errors import NotInForceError, ParameterError
from cakupan.rules.params import UNITS, load_parameters, param, parameters_catalog

GOOD = """
rate:
  description: {id: Tarif, en: Rate}
  unit: percent
  values:
    2015-07-01:
      value: 0.24
      reference: {regulation: PP 44/2015, article: Lampiran I}
"""


def write(tmp_path: Path, text: str, name: str = "demo.yaml") -> Path:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_good_file_loads_with_decimal_and_prefix(tmp_path):
    loaded = load_parameters(write(tmp_path, GOOD))
    value = loaded["demo.rate"].at(dt.date(2020, 1, 1))
    assert value.value == Decimal("0.24") and isinstance(value.value, Decimal)
    assert str(value.reference) == "PP 44/2015 Lampiran I"


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("      reference: {regulation: PP 44/2015, article: Lampiran I}\n", "", "reference"),
        ("article: Lampiran I", "article: ''", "article"),
        ("unit: percent", "unit: furlongs", "unknown unit"),
        ("value: 0.24", "value: .inf", "exact"),
        ("value: 0.24", "value: -1", "percent"),
        ("value: 0.24", "value: 101", "percent"),
        ("description: {id: Tarif, en: Rate}", "description: {id: Tarif}", "en"),
        ("reference: {regulation", "reference: {source: x, regulation", "unknown reference"),
    ],
)
def test_loader_refuses_bad_files(tmp_path, old, new, fragment):
    assert old in GOOD
    with pytest.raises(ParameterError) as info:
        load_parameters(write(tmp_path, GOOD.replace(old, new)))
    assert fragment in str(info.value)
    assert info.value.code == "param.invalid"


def test_loader_refuses_dates_out_of_order(tmp_path):
    text = (
        GOOD
        + """    2014-01-01:
      value: 0.30
      reference: {regulation: X, article: Y}
"""
    )
    with pytest.raises(ParameterError, match="out of order"):
        load_parameters(write(tmp_path, text))


def test_loader_refuses_repeated_date(tmp_path):
    text = (
        GOOD
        + """    2015-07-01:
      value: 0.30
      reference: {regulation: X, article: Y}
"""
    )
    with pytest.raises(ParameterError, match="repeated"):
        load_parameters(write(tmp_path, text))


@pytest.mark.parametrize("bad", ["1000.5", "1000.0", "true", "'1000'"])
def test_loader_refuses_inexact_rupiah(tmp_path, bad):
    text = GOOD.replace("unit: percent", "unit: rupiah").replace("value: 0.24", f"value: {bad}")
    with pytest.raises(ParameterError, match="rupiah"):
        load_parameters(write(tmp_path, text))


def test_table_fields_use_their_own_unit(tmp_path):
    text = GOOD.replace("unit: percent", "unit: percent\n  units: {up_to: rupiah}").replace(
        "value: 0.24", "value: [{up_to: 100.5, rate: 0.21}]"
    )
    with pytest.raises(ParameterError, match="up_to"):
        load_parameters(write(tmp_path, text))


def test_before_first_value_is_an_error_not_zero():
    with pytest.raises(NotInForceError) as info:
        param("pu.jkk_rate").at(dt.date(2015, 6, 30))
    assert info.value.code == "param.not_in_force"
    assert "2015-07-01" in info.value.message("id")


def test_unknown_parameter():
    with pytest.raises(ParameterError) as info:
        param("pu.nope")
    assert info.value.code == "param.unknown"


def test_shipped_parameters_all_cited_and_exact():
    catalog = parameters_catalog()
    assert len(catalog) >= 40
    for entry in catalog:
        assert entry["unit"] in UNITS
        assert entry["description"]["id"] and entry["description"]["en"]
        for item in entry["values"]:
            assert item["reference"]["regulation"] and item["reference"]["article"]


def test_catalog_is_json_safe():
    import json

    text = json.dumps(parameters_catalog())
    assert '"0.24"' in text  # Decimals as strings, never floats


# JP cap: PP 45/2015 Ps 29 (3): cap_t = cap_{t-1} x (1 + GDP growth_{t-1}), rounded down to
# Rp100; growth figures from rules.md §2.2 (BPS via krishand, rbtv, suaraindonesia).
GDP_GROWTH = {
    2016: "4.79",
    2017: "5.02",
    2018: "5.07",
    2019: "5.17",
    2020: "5.02",
    2021: "-2.07",
    2022: "3.69",
    2023: "5.31",
    2024: "5.05",
    2025: "5.03",
    2026: "5.11",
}
PUBLISHED_CAPS = {
    2016: 7_335_300,
    2017: 7_703_500,
    2018: 8_094_000,
    2019: 8_512_400,
    2020: 8_939_700,
    2021: 8_754_600,
    2022: 9_077_600,
    2023: 9_559_600,
    2024: 10_042_300,
    2025: 10_547_400,
    2026: 11_086_300,
}


def test_jp_caps_reproduce_the_formula():
    """Published caps (krishand, BPJS B/1328/022020, SE B/0246/022021, suaraindonesia 2024)."""
    cap = param("pu.jp_wage_cap").at(dt.date(2015, 7, 1)).value
    assert cap == 7_000_000
    for year, growth in GDP_GROWTH.items():
        cap = int(cap * (1 + Decimal(growth) / 100) // 100 * 100)
        assert cap == PUBLISHED_CAPS[year]
        assert param("pu.jp_wage_cap").at(dt.date(year, 3, 1)).value == cap


@pytest.mark.parametrize("year", range(2016, 2027))
def test_jp_cap_january_february_use_previous_year(year):
    """rules.md §2.2: the cap applies from the March iuran; Jan/Feb keep last year's."""
    p = param("pu.jp_wage_cap")
    assert p.at(dt.date(year, 2, 28)).value == p.at(dt.date(year - 1, 12, 31)).value
    assert p.at(dt.date(year, 3, 1)).value == PUBLISHED_CAPS[year]
