"""How money and dates are written for people: `Rp1.234.567`, `27 November 2024`.

Pure functions, shared by pages, PDFs and the CLI so every surface writes them the same way.
They sit inside `rules` because the rules write amounts and dates into the explanations of
their results (a component's detail, an error message), and `rules` imports nothing outside
itself; everything above imports them from here.
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

MONTHS = {
    "id": [
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    ],
    "en": [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ],
}  # fmt: skip


def rupiah(amount: int | Decimal | None) -> str:
    """`Rp1.234.567`; negative as `-Rp1.234.567`. Fractions are rounded half up to the rupiah."""
    if amount is None:
        return ""
    value = int(Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    sign = "-" if value < 0 else ""
    return f"{sign}Rp{abs(value):,}".replace(",", ".")


def number(value: int | None) -> str:
    """Thousands with dots, as Indonesian readers expect: `1.234.567`."""
    if value is None:
        return ""
    return f"{int(value):,}".replace(",", ".")


def long_date(day: dt.date | dt.datetime | str | None, lang: str = "id") -> str:
    """`27 November 2024` in Indonesian or English month names.

    Also takes an ISO text (`2024-11-27`, `2024-11-27T10:00:00+07:00`), as JSON snapshots
    and parameter files hold dates; text that is not a date is returned unchanged.
    """
    if day is None or day == "":
        return ""
    if isinstance(day, str):
        parsed = parse_iso_date(day)
        if parsed is None:
            return day
        day = parsed
    months = MONTHS.get((lang or "id")[:2], MONTHS["id"])
    return f"{day.day} {months[day.month - 1]} {day.year}"


def parse_iso_date(text: str) -> dt.date | None:
    """The date in an ISO date or date-time text, else None."""
    value = (text or "").strip()
    if len(value) < 10 or value[4:5] != "-" or value[7:8] != "-":
        return None
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        return None


def age(birth_date: dt.date | None, on: dt.date) -> int | None:
    """Completed years on `on`: what lists show instead of a birth date (a birth date beside a
    masked NIK would give the masked digits back, as NIK digits 7-12 are the birth date)."""
    if birth_date is None:
        return None
    years = on.year - birth_date.year
    if (on.month, on.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def percent(value: Decimal | float | None, places: int = 1, lang: str = "id") -> str:
    """`43,9%` in Indonesian (decimal comma), `43.9%` in English."""
    if value is None:
        return ""
    text = f"{Decimal(str(value)):.{places}f}"
    if (lang or "id")[:2] == "id":
        text = text.replace(".", ",")
    return f"{text}%"
