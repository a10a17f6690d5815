"""Rule errors written for people: dates in words, parameters by their description, fields by
what the caller calls them."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import Any

from cakupan.calculators.labels import RELATIONS, label
from cakupan.calculators.parsing import FieldName, api_field
from cakupan.rules.errors import RuleError, render
from cakupan.rules.formats import MONTHS
from cakupan.rules.params import param
from cakupan.rules.wording import day_text, is_english

# Option names every interface knows (`date` is `--date` at a shell, "Tanggal" on a page), and
# names the rule functions use internally for the same thing.
OPTIONS = {
    "segment", "date", "wage", "risk_class", "padat_karya", "programs", "income", "with_jht",
    "days", "charging", "transport_worker", "payer", "project_value", "contract_months",
    "rounding", "program", "event", "membership_months", "membership_start", "children",
    "deceased.sex", "deceased.death_date", "deceased.birth_date",
}  # fmt: skip
INTERNAL_NAMES = {"wage_or_income": "wage", "years": "children", "sex": "deceased.sex"}
# Error codes about the date a calculation applies to (its rules were not yet in force).
DATE_CODES = {"param.not_in_force", "pu.program_not_in_force", "benefit.death_before_membership"}
_DATE_PARAMS = {"date", "start", "first", "death", "birth", "parent_birth", "child_birth"}
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class WordedError:
    """Mixin for a `RuleError` whose message is written for people.

    Same class (an `InvalidInputError` stays one), code and params as the error it rewords;
    only `message(lang)` differs: dates as `3 Februari 2010`, a parameter by its description
    instead of its dotted name, fields by what the caller calls them, relations in words.
    `option` names the input the error is about (`date`, `wage`, ...), or None: a form
    uses it to show the message next to that field.
    """

    option: str | None = None
    _write: Callable[[str], str]

    def message(self, lang: str = "id") -> str:
        return self._write(lang)


@functools.cache
def _worded_class(cls: type) -> type:
    return type(cls.__name__, (WordedError, cls), {"__module__": cls.__module__})


def _option_of(err: RuleError, field: FieldName) -> str | None:
    if err.code in DATE_CODES:
        return "date"
    raw = err.params.get("field")
    if raw is None:
        return None
    raw = str(raw)
    name = INTERNAL_NAMES.get(raw, raw)
    if name in OPTIONS:
        return name
    return next((o for o in OPTIONS if field(o) == raw), None)


def _human_params(err: RuleError, field: FieldName, lang: str) -> dict[str, Any]:
    out = dict(err.params)
    for key, value in err.params.items():
        if key in _DATE_PARAMS and isinstance(value, str | dt.date):
            out[key] = day_text(value, lang)
    raw = out.get("field")
    if isinstance(raw, str):
        name = INTERNAL_NAMES.get(raw, raw)
        out["field"] = field(name) if name in OPTIONS else raw
    if "relation" in out and out["relation"] in RELATIONS:
        words = label(RELATIONS[out["relation"]], lang)
        if out.get("who") == out["relation"]:
            out["who"] = words
        out["relation"] = words
    if err.code in ("param.not_in_force",) and "name" in out:
        try:
            found = param(str(out["name"]))
            out["name"] = found.description["en" if is_english(lang) else "id"]
        except RuleError:
            pass
    return out


def _impossible_date(err: RuleError, params: dict[str, Any], lang: str) -> str | None:
    """'2024-02-30' is well formed but not on the calendar: say so, in words."""
    text = str(err.params.get("value", "")).strip()
    if err.code != "input.date" or not _ISO.match(text):
        return None
    year, month, day = (int(part) for part in text.split("-"))
    words = text
    if 1 <= month <= 12:
        words = f"{day} {MONTHS['en' if is_english(lang) else 'id'][month - 1]} {year}"
    if is_english(lang):
        return f"{params['field']}: {words} is not a date on the calendar."
    return f"{params['field']}: tanggal {words} tidak ada di kalender."


def reword(err: RuleError, field: FieldName = api_field) -> RuleError:
    """`err` as a `WordedError` (see there); an error already reworded is returned as is."""
    if isinstance(err, WordedError):
        return err
    new = _worded_class(type(err))(err.code, **err.params)

    def write(lang: str) -> str:
        params = _human_params(err, field, lang)
        return _impossible_date(err, params, lang) or render(err.code, params, lang)

    new._write = write
    new.option = _option_of(err, field)
    return new


def worded(fn):
    """Every `RuleError` from `fn` leaves reworded for the caller's `field` names."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any):
        try:
            return fn(*args, **kwargs)
        except RuleError as err:
            raise reword(err, kwargs.get("field", api_field)) from err

    return wrapper
