"""Text the calculators write for people (details, notes, reasons), in Indonesian and English.

`Calculation` stores a component's `detail` and the `notes` as plain strings, and the rules
package knows nothing of Django's translation machinery. A `Words` is a `str` (its Indonesian
text, so anything that treats it as a string still works) that also carries its English text;
interfaces call `in_lang(text, lang)` to show the one the user chose. Money and dates are
written here the way people read them (`Rp1.234.567`, `27 November 2024`), never raw.

Shared by contributions, benefits, heirs and arrears: the rules need it to explain a result.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from cakupan.rules.formats import MONTHS, long_date, percent


class Words(str):
    """Indonesian text (the str value) with its English twin in `.en`."""

    en: str

    def __new__(cls, id_text: str, en_text: str | None = None) -> Words:
        obj = super().__new__(cls, id_text)
        obj.en = id_text if en_text is None else en_text
        return obj

    def in_lang(self, lang: str | None) -> str:
        return self.en if is_english(lang) else str(self)

    def __reduce__(self) -> tuple[Any, ...]:  # copy/pickle keep both languages
        return (Words, (str(self), self.en))


def is_english(lang: str | None) -> bool:
    return (lang or "id")[:2].lower() == "en"


def in_lang(text: Any, lang: str | None) -> Any:
    """`text` in `lang` if it is a `Words`; any other value unchanged (None stays None)."""
    return text.in_lang(lang) if isinstance(text, Words) else text


def both(make) -> Words:
    """`Words` from a function of the language: `both(lambda lang: ...)`."""
    return Words(make("id"), make("en"))


def month_year(day: dt.date, lang: str) -> str:
    """`November 2024` (the iuran month)."""
    return f"{MONTHS['en' if is_english(lang) else 'id'][day.month - 1]} {day.year}"


def day_text(day: dt.date | str | None, lang: str) -> str:
    """`27 November 2024` from a date or an ISO text; other text unchanged."""
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day)
        except ValueError:
            return day
    return long_date(day, lang)


def pct(value: Decimal | int, lang: str) -> str:
    """A percentage as the regulation writes it, with as many places as it has: `0,24%`."""
    exact = Decimal(value).normalize()
    places = max(0, -exact.as_tuple().exponent)  # type: ignore[operator]
    return percent(exact, places, lang)
