"""Messages: every code has a complete Indonesian and English text with the same fields."""

import string

import pytest

from cakupan.rules.errors import MESSAGES, InvalidInputError, RuleError


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_both_languages_complete(code):
    indonesian, english = MESSAGES[code]
    assert indonesian.strip() and english.strip()
    assert indonesian != english
    # The same values appear in both languages (sex_id/sex_en are the one paired exception).
    strip = {"sex_id", "sex_en"}
    assert fields(indonesian) - strip == fields(english) - strip


def test_rule_error_is_value_error_and_localised():
    err = InvalidInputError("bpu.income_below_minimum", income=900_000, minimum=1_000_000)
    assert isinstance(err, ValueError) and isinstance(err, RuleError)
    assert err.code == "bpu.income_below_minimum"
    assert err.params == {"income": 900_000, "minimum": 1_000_000}
    assert "Rp900.000" in err.message("id") and "di bawah" in err.message("id")
    assert "below" in err.message("en")
    assert err.message("fr") == err.message("id")  # unknown language falls back to Indonesian


def test_unknown_code_is_a_programming_error():
    with pytest.raises(KeyError):
        RuleError("no.such.code")


def test_unknown_rounding_mode_is_a_rule_error_not_a_crash():
    import datetime as dt

    from cakupan.rules import contribution_bpu
    from cakupan.rules.errors import RuleError

    with pytest.raises(RuleError) as err:
        contribution_bpu(date=dt.date(2024, 11, 27), income=1_000_000, rounding="banker")
    assert "rounding" in err.value.message("en")
