"""Reading an uploaded file into a frame of text columns, keeping each row's number.

Every cell is read as text: a NIK must never pass through a float (Excel keeps 15 significant
digits, a NIK has 16). `_row` is the row number the spreadsheet shows, so an error report
points the partner at the line they see (header row 1, first data row 2). Fully blank rows are
dropped but their numbers are not reused.
"""

import csv
import datetime as dt
import io
from pathlib import Path

import polars as pl
from python_calamine import CalamineWorkbook

from cakupan.errors import DomainError

ROW = "_row"
SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
SUFFIXES = {".csv", ".txt", *SPREADSHEET_SUFFIXES}
# Rows above the header that some offices add ("DAFTAR PEKERJA DESA …") are skipped: the header
# is the first of these rows that names at least two known columns.
HEADER_SEARCH_ROWS = 10


class ReadError(DomainError):
    pass


def read_table(path: Path, *, header_score=None) -> pl.DataFrame:
    """The first sheet (or the CSV) as text columns named by the header, plus `_row`."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ReadError(
            "file_type",
            "Jenis berkas {suffix} tidak didukung; unggah CSV, XLSX atau ODS.",
            "File type {suffix} is not supported; upload CSV, XLSX or ODS.",
            suffix=suffix or "?",
        )
    try:
        rows = _spreadsheet_rows(path) if suffix in SPREADSHEET_SUFFIXES else None
        raw = _csv_frame(path) if rows is None else _frame_from_rows(rows)
    except ReadError:
        raise
    except Exception as exc:  # a damaged or mislabelled file: say so, never a 500
        raise ReadError(
            "file_unreadable",
            "Berkas tidak dapat dibaca: {detail}",
            "The file cannot be read: {detail}",
            detail=str(exc)[:200],
        ) from exc
    return _with_header(raw, header_score)


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, what Excel on Windows writes."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _separator(text: str) -> str:
    sample = "\n".join(text[:20000].splitlines()[:HEADER_SEARCH_ROWS])
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t|").delimiter
    except csv.Error:
        counts = {sep: sample.count(sep) for sep in ";,\t"}
        return max(counts, key=counts.get)


def _csv_frame(path: Path) -> pl.DataFrame:
    text = _decode(path.read_bytes())
    if not text.strip():
        raise ReadError("file_empty", "Berkas kosong.", "The file is empty.")
    frame = pl.read_csv(
        io.BytesIO(text.encode("utf-8")),
        separator=_separator(text),
        has_header=False,
        infer_schema=False,
        truncate_ragged_lines=True,
        quote_char='"',
    )
    frame.columns = [f"c{i}" for i in range(frame.width)]
    return frame.with_row_index(ROW, offset=1).with_columns(pl.col(ROW).cast(pl.Int64))


def cell_text(value) -> str | None:
    """A spreadsheet cell as the text a person would type into it."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        if value.is_integer():
            # Only a NIK (or another long number) typed into a number cell gets here, and it
            # has lost digits already: keep Excel's own scientific look so the NIK check says so.
            return f"{value:.14E}"
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _spreadsheet_rows(path: Path) -> list[list]:
    workbook = CalamineWorkbook.from_path(str(path))
    if not workbook.sheet_names:
        raise ReadError("file_empty", "Berkas kosong.", "The file is empty.")
    sheet = workbook.get_sheet_by_index(0)
    # The sheet's rows start at row 1 even if the used area starts lower (row numbers stay true).
    return sheet.to_python(skip_empty_area=False)


def _frame_from_rows(rows: list[list]) -> pl.DataFrame:
    if not rows:
        raise ReadError("file_empty", "Berkas kosong.", "The file is empty.")
    width = max(len(r) for r in rows)
    columns = {f"c{i}": [] for i in range(width)}
    for row in rows:
        for i in range(width):
            columns[f"c{i}"].append(cell_text(row[i]) if i < len(row) else None)
    frame = pl.DataFrame(columns, schema={k: pl.String for k in columns})
    return frame.with_row_index(ROW, offset=1).with_columns(pl.col(ROW).cast(pl.Int64))


def _with_header(raw: pl.DataFrame, header_score) -> pl.DataFrame:
    data_cols = [c for c in raw.columns if c != ROW]
    raw = raw.with_columns(pl.col(data_cols).str.strip_chars())
    raw = raw.filter(pl.any_horizontal(pl.col(data_cols).is_not_null() & (pl.col(data_cols) != "")))
    if raw.height == 0:
        raise ReadError("file_empty", "Berkas kosong.", "The file is empty.")
    head = raw.head(HEADER_SEARCH_ROWS)
    index = 0
    if header_score is not None:
        scores = [header_score([v for v in row[1:] if v]) for row in head.iter_rows()]
        best = max(range(len(scores)), key=lambda i: (scores[i], -i))
        index = best if scores[best] >= 2 else 0
    header_row = head.row(index)
    names, seen = [], {}
    for col, value in zip(data_cols, header_row[1:], strict=True):
        name = (value or "").strip() or f"Kolom {col[1:]}"
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    body = raw.slice(index + 1)
    # Trailing columns with no header and no value are spreadsheet noise, not data.
    keep = [
        (col, name)
        for col, name, value in zip(data_cols, names, header_row[1:], strict=True)
        if value or body[col].drop_nulls().len()
    ]
    return body.select(pl.col(ROW), *[pl.col(c).alias(n) for c, n in keep])
