"""Typed input from what a person or a client typed: ints, flags, dates, languages.

Values may arrive as ints (typer parsed them) or as text (a query string, a form); `field`
turns an option name into what the caller calls it (`--wage` at a shell, `wage` in the API,
"Upah sebulan" on a page), so error messages name what the user actually sees.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from cakupan.rules.errors import InvalidInputError

FieldName = Callable[[str], str]
LANGS = ("id", "en")


def api_field(name: str) -> str:
    return name


def cli_field(name: str) -> str:
    return "--" + name.replace("_", "-")


def parse_date(text: Any, field: str = "date") -> dt.date:
    if isinstance(text, dt.date) and not isinstance(text, dt.datetime):
        return text
    if text is None or not str(text).strip():
        raise InvalidInputError("input.required", field=field)
    try:
        return dt.date.fromisoformat(str(text).strip())
    except ValueError:
        raise InvalidInputError("input.date", field=field, value=text) from None


def parse_lang(value: Any, field: str = "lang") -> str:
    """'id' or 'en' (case and region ignored: 'EN-us' -> 'en'); anything else is refused."""
    text = re.split(r"[-_]", str(value or "id").strip().lower())[0]
    if text not in LANGS:
        raise InvalidInputError("input.choice", field=field, choices=", ".join(LANGS), value=value)
    return text


# Digits, optionally grouped by dots the Indonesian way (5.000.000), optionally after "Rp".
_GROUPED = re.compile(r"^(?:rp\.?\s*)?(\d{1,3}(?:\.\d{3})+|\d+)$", re.IGNORECASE)


def parse_int(value: Any, field: str, *, required: bool = False) -> int | None:
    """A whole, non-negative number from an int or text; None when empty and not required."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidInputError("input.required", field=field)
        return None
    if isinstance(value, bool):
        raise InvalidInputError("input.not_integer", field=field, value=value)
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip()
        negative = text.startswith("-")
        match = _GROUPED.match(text[1:] if negative else text)
        if match is None:
            raise InvalidInputError("input.not_integer", field=field, value=value)
        number = int(match.group(1).replace(".", "")) * (-1 if negative else 1)
    if number < 0:
        raise InvalidInputError("input.negative", field=field, value=value)
    return number


_TRUE = {"1", "true", "yes", "on", "ya"}
_FALSE = {"", "0", "false", "no", "off", "tidak"}


def parse_flag(value: Any, field: str) -> bool:
    if value is None or isinstance(value, bool):
        return bool(value)
    text = str(value).strip().lower()
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    raise InvalidInputError("input.choice", field=field, choices="true, false", value=value)


def parse_children(value: Any) -> list[str]:
    """'SD,SMP' -> ['SD', 'SMP']; levels are checked by the scholarship rules."""
    if value is None:
        return []
    items = value if isinstance(value, list | tuple) else str(value).split(",")
    return [str(c).strip() for c in items if str(c).strip()]
