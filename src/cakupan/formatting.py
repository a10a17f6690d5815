"""How money and dates are written for people: `Rp1.234.567`, `27 November 2024`.

Pure functions, shared by pages, PDFs and the CLI so every surface writes them the same way.
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


def long_date(day: dt.date | dt.datetime | None, lang: str = "id") -> str:
    """`27 November 2024` in Indonesian or English month names."""
    if day is None:
        return ""
    months = MONTHS.get((lang or "id")[:2], MONTHS["id"])
    return f"{day.day} {months[day.month - 1]} {day.year}"


def percent(value: Decimal | float | None, places: int = 1, lang: str = "id") -> str:
    """`43,9%` in Indonesian (decimal comma), `43.9%` in English."""
    if value is None:
        return ""
    text = f"{Decimal(str(value)):.{places}f}"
    if (lang or "id")[:2] == "id":
        text = text.replace(".", ",")
    return f"{text}%"
