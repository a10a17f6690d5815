"""NIK parsing: every problem reported separately, with hypothesis round trips."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cakupan.rules.errors import NikError
from cakupan.rules.nik import (
    build_nik,
    column_looks_excel_mangled,
    mask_nik,
    mask_typed_nik,
    normalize_nik,
    parse_nik,
    require_nik,
)

TODAY = dt.date(2026, 1, 15)
SUKAMARA = {"620801", "620802", "620803", "620804", "620805"}


@pytest.mark.parametrize(
    ("nik", "sex", "born", "kecamatan"),
    [
        # rules.md §8 examples [C2]
        ("3602041211870001", "L", dt.date(1987, 11, 12), "36.02.04"),
        ("3515144508680002", "P", dt.date(1968, 8, 5), "35.15.14"),
        ("3273056010900009", "P", dt.date(1990, 10, 20), "32.73.05"),
        ("6208014101900003", "P", dt.date(1990, 1, 1), "62.08.01"),
    ],
)
def test_documented_examples(nik, sex, born, kecamatan):
    result = parse_nik(nik, today=TODAY)
    assert result.ok, result.problems
    assert (result.sex, result.birth_date, result.kecamatan) == (sex, born, kecamatan)
    assert result.serial == nik[-4:]


def test_every_problem_is_reported():
    # unknown region, day 00 (impossible), serial 0000: three problems at once
    result = parse_nik("9999990001900000", kecamatan_codes=SUKAMARA, today=TODAY)
    assert not result.ok
    assert result.codes == ["nik.region_unknown", "nik.birth_date", "nik.serial_zero"]
    assert result.problems[0].params == {"code": "99.99.99"}


def test_length_and_digits_reported_together():
    result = parse_nik("62080A41019", today=TODAY)
    assert result.codes == ["nik.length", "nik.not_digits"]
    assert "16" in result.problems[0].message("en")


@pytest.mark.parametrize("ddmmyy", ["310290", "710290", "001090", "321090", "401090", "011390"])
def test_impossible_dates(ddmmyy):
    result = parse_nik(f"620801{ddmmyy}0001", today=TODAY)
    assert result.codes == ["nik.birth_date"]


def test_leap_day_needs_a_leap_year():
    assert parse_nik("6208012902000001", today=TODAY).birth_date == dt.date(2000, 2, 29)
    assert parse_nik("6208012902010001", today=TODAY).codes == ["nik.birth_date"]


def test_two_digit_year_never_in_the_future():
    # born 10 Jan 2026 (yesterday-ish) is 2026; 20 Jan 26 would be in the future -> 1926
    assert parse_nik("6208011001260001", today=TODAY).birth_date == dt.date(2026, 1, 10)
    assert parse_nik("6208012001260001", today=TODAY).birth_date == dt.date(1926, 1, 20)
    assert parse_nik("6208010101990001", today=TODAY).birth_date == dt.date(1999, 1, 1)


def test_former_code_is_a_warning_not_an_error():
    result = parse_nik(
        "6206014101900003",
        kecamatan_codes=SUKAMARA,
        former_kecamatan_codes={"620601"},
        today=TODAY,
    )
    assert result.ok
    assert [(p.code, p.severity) for p in result.problems] == [("nik.region_former", "warning")]
    assert "kode lama" in result.warnings[0].message("id")


def test_region_check_skipped_without_codes():
    assert parse_nik("9999994101900003", today=TODAY).ok


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        (" 6208 0141 0190 0003 ", "6208014101900003"),
        ("6208.0141.0190.0003", "6208014101900003"),
        ("'6208014101900003", "6208014101900003"),
        ("62-0801-4101900003", "6208014101900003"),
    ],
)
def test_normalize_strips_separators(raw, value):
    assert normalize_nik(raw) == normalize_nik(value)
    assert normalize_nik(raw).value == value and not normalize_nik(raw).problems


@pytest.mark.parametrize(
    "raw", ["6.20801E+15", "6,20801e+15", "6208014101900003.0", 6.208014101900003e15]
)
def test_excel_mangled_values_are_flagged(raw):
    normalized = normalize_nik(raw)
    assert [p.code for p in normalized.problems] == ["nik.excel_mangled"]
    assert parse_nik(raw, today=TODAY).codes == ["nik.excel_mangled"]


def test_column_of_trailing_zeros_looks_mangled():
    real = [
        build_nik(kecamatan="62.08.01", birth_date=dt.date(1990, 1, 1), sex="L", serial=s)
        for s in range(1, 31)
    ]
    assert not column_looks_excel_mangled(real)
    assert column_looks_excel_mangled([n[:-1] + "0" for n in real])
    assert not column_looks_excel_mangled([n[:-1] + "0" for n in real[:5]])


def test_mask():
    assert mask_nik("6208014101900003") == "620801••••••0003"
    assert mask_nik("123") == "•••"


def test_a_typed_nik_is_masked_even_with_separators_but_a_mangled_one_stays_findable():
    """Import reports show what the uploader typed: a NIK typed with dots or spaces is still a
    NIK (personal data); Excel's '6.20801E+15' holds no NIK and helps find the row."""
    assert mask_typed_nik("6208.01.410190.0003") == "620801••••••0003"
    assert mask_typed_nik(" 6208 0141 0190 0003 ") == "620801••••••0003"
    assert mask_typed_nik("6.20801E+15") == "6.20801E+15"
    assert mask_typed_nik(None) == "" and mask_typed_nik("abc") == "abc"


def test_require_nik_raises_first_error():
    with pytest.raises(NikError) as info:
        require_nik("6208010001900000", today=TODAY)
    assert info.value.code == "nik.birth_date"
    assert require_nik("6208014101900003", today=TODAY).sex == "P"


births = st.dates(min_value=dt.date(1927, 1, 1), max_value=TODAY)
regions = st.sampled_from(sorted(SUKAMARA))
sexes = st.sampled_from(["L", "P"])
serials = st.integers(min_value=1, max_value=9999)


@given(births, regions, sexes, serials)
def test_round_trip(born, region, sex, serial):
    nik = build_nik(kecamatan=region, birth_date=born, sex=sex, serial=serial)
    result = parse_nik(nik, kecamatan_codes=SUKAMARA, today=TODAY)
    assert result.ok and not result.problems
    assert (result.sex, result.birth_date, result.serial) == (sex, born, f"{serial:04d}")
    assert result.kecamatan.replace(".", "") == region


@given(births, regions, sexes, serials, st.integers(0, 15), st.sampled_from("XO -/"))
def test_corrupted_character_is_caught(born, region, sex, serial, position, char):
    nik = build_nik(kecamatan=region, birth_date=born, sex=sex, serial=serial)
    bad = nik[:position] + char + nik[position + 1 :]
    result = parse_nik(bad, kecamatan_codes=SUKAMARA, today=TODAY)
    assert not result.ok
    assert result.codes[0] in {"nik.not_digits", "nik.length"}


@given(births, regions, sexes, serials, st.integers(1, 15))
def test_truncated_or_extended_is_caught(born, region, sex, serial, cut):
    nik = build_nik(kecamatan=region, birth_date=born, sex=sex, serial=serial)
    assert parse_nik(nik[:cut], today=TODAY).codes == ["nik.length"]
    assert parse_nik(nik + nik[:cut], today=TODAY).codes == ["nik.length"]


@given(births, sexes, serials, st.sampled_from(["620806", "629901", "110101"]))
def test_unknown_region_is_caught(born, sex, serial, region):
    nik = build_nik(kecamatan=region, birth_date=born, sex=sex, serial=serial)
    assert parse_nik(nik, kecamatan_codes=SUKAMARA, today=TODAY).codes == ["nik.region_unknown"]


@given(regions, st.integers(0, 99), st.integers(0, 99), st.integers(0, 99))
def test_any_day_month_is_valid_or_birth_date_problem(region, dd, mm, yy):
    result = parse_nik(f"{region}{dd:02d}{mm:02d}{yy:02d}0001", today=TODAY)
    day = dd - 40 if dd > 40 else dd
    try:
        dt.date(2000 + yy, mm, day)
        valid = True
    except ValueError:
        try:
            dt.date(1900 + yy, mm, day)
            valid = True
        except ValueError:
            valid = False
    assert result.ok == valid
    assert result.ok or result.codes == ["nik.birth_date"]
