"""Dates as offices type them, parsed for a whole column at once.

Accepted: `27/11/2024`, `27-11-2024`, `27.11.2024`, `2024-11-27`, Excel serial numbers
(`45623`, what a date cell becomes when its format is lost) and Indonesian month names with
the spellings still in use (`27 Nopember 2024`, `27 Nov 2024`, `Agt`, `Okt`, `Des`,
`Pebruari`). Anything else is null, so the caller reports it with its row number. Two-digit
years are refused on purpose: `01/02/03` has no safe reading.
"""

import datetime as dt

import polars as pl

# Excel's day 0 is 1899-12-30 (its 1900 leap-year bug shifts everything by one day).
EXCEL_EPOCH = dt.date(1899, 12, 30)
# Serials outside this window are not dates anybody means (1927-05-18 … 2173-10-14).
EXCEL_SERIAL_MIN, EXCEL_SERIAL_MAX = 10_000, 100_000

# fmt: off
MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agt": 8, "agu": 8, "agus": 8, "ags": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}
# fmt: on

_NUMERIC_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%Y/%m/%d")
_MONTH_NAME = r"^(\d{1,2})[\s\-/.]+([A-Za-z]+)\.?[\s\-/.,]+(\d{4})$"
_SERIAL = r"^\d{4,6}(?:[.,]0+)?$"


def parse_dates(column: pl.Expr) -> pl.Expr:
    """A Date expression from a String expression; null where the text is no date."""
    text = column.str.strip_chars()
    # A datetime cell read as text ("2024-11-27 00:00:00") keeps only its date part.
    text = text.str.replace(r"^(\d{4}-\d{2}-\d{2})[ T]00:00(?::00)?(?:\.0+)?$", "$1")
    attempts = [text.str.to_date(fmt, strict=False, exact=True) for fmt in _NUMERIC_FORMATS]
    serial = text.str.replace(r"[.,]0+$", "").cast(pl.Int64, strict=False)
    from_serial = (
        pl.when(text.str.contains(_SERIAL) & serial.is_between(EXCEL_SERIAL_MIN, EXCEL_SERIAL_MAX))
        .then(pl.lit(EXCEL_EPOCH) + pl.duration(days=serial))
        .otherwise(None)
        .cast(pl.Date)
    )
    day = text.str.extract(_MONTH_NAME, 1)
    month = (
        text.str.extract(_MONTH_NAME, 2)
        .str.to_lowercase()
        .replace_strict(MONTHS, default=None, return_dtype=pl.Int64)
    )
    year = text.str.extract(_MONTH_NAME, 3)
    named = pl.concat_str(
        [year, month.cast(pl.String).str.zfill(2), day.str.zfill(2)], separator="-"
    ).str.to_date("%Y-%m-%d", strict=False)
    parsed = pl.coalesce([*attempts, from_serial, named])
    # `%Y` also takes "03"; a year outside 1900-2199 is a typo, not a date.
    return pl.when(parsed.dt.year().is_between(1900, 2199)).then(parsed).otherwise(None)


def parse_date_values(values: list[str | None]) -> list[dt.date | None]:
    """The same parsing for a handful of values (form fields, tests)."""
    frame = pl.DataFrame({"v": values}, schema={"v": pl.String})
    return frame.select(parse_dates(pl.col("v")))["v"].to_list()
