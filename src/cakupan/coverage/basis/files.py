"""Reading a denominator table (CSV/XLSX/ODS): one row per region and year.

Columns (Indonesian or English headers, any order, any case):

* `kode` / `code` — the region code, in the code system the upload names (BPS or Kemendagri);
* `tahun` / `year` (or one year for the whole file, given with the upload);
* `penduduk_bekerja` / `working_population` — the working population;
* `penduduk` / `population` — optional; when the working population is empty the row becomes an
  *estimate* = population × the share of the population assumed to work (given with the
  upload), and is labelled as an estimate wherever it appears.

Errors come back with the spreadsheet's row number. A row with a code and neither figure (a
region of the downloaded template left blank) is skipped, not refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as listed
from pathlib import Path

from cakupan.coverage.models import Denominator
from cakupan.errors import DomainError
from cakupan.imports.readers import ROW, read_table

HEADERS = {
    "code": ("kode", "code", "kode_wilayah", "kode wilayah", "kode_bps", "kode bps"),
    "year": ("tahun", "year"),
    "working_population": (
        "penduduk_bekerja",
        "penduduk bekerja",
        "working_population",
        "bekerja",
        "employed",
    ),
    "population": ("penduduk", "population", "jumlah_penduduk", "jumlah penduduk"),
}


@dataclass(frozen=True)
class DenominatorRow:
    row: int
    code: str
    year: int | None
    working_population: int | None
    population: int | None
    error: DomainError | None = None  # a cell that is not a whole number
    # Neither figure filled in: a region of the downloaded template the uploader has no
    # figure for. Skipped and reported as such, never refused: a template lists every region.
    no_figure: bool = False


def _canonical(name: str) -> str | None:
    key = name.strip().lower().replace("-", "_")
    for field, names in HEADERS.items():
        if key in names or key.replace("_", " ") in names:
            return field
    return None


def _header_score(values: list[str]) -> int:
    return sum(1 for v in values if _canonical(v))


def _int(cell: str | None, *, row: int, column: str) -> int | None:
    typed = (cell or "").strip()  # what a refusal echoes: the cell as the uploader typed it
    text = typed.replace(" ", "")
    if not text:
        return None
    # Indonesian thousands separators (33.900) and a trailing ",0"/".0" from spreadsheets.
    for tail in (",0", ".0"):
        if text.endswith(tail) and text[: -len(tail)].replace(".", "").isdigit():
            text = text[: -len(tail)]
    negative = text[:1] in ("-", "\u2212")
    digits = text.lstrip("-\u2212").replace(".", "").replace(",", "")
    if not digits.isdigit():
        raise DomainError(
            "denominator_number",
            "Baris {row}: {column} '{value}' bukan bilangan bulat.",
            "Row {row}: {column} '{value}' is not a whole number.",
            row=row,
            column=column,
            value=typed,
        )
    if negative and int(digits):
        raise DomainError(
            "denominator_negative",
            "Baris {row}: {column} '{value}' tidak boleh negatif.",
            "Row {row}: {column} '{value}' must not be negative.",
            row=row,
            column=column,
            value=typed,
        )
    return int(digits)


def denominator_rows_read(path: Path) -> list[DenominatorRow]:
    frame = read_table(path, header_score=_header_score)
    columns = {}
    for name in frame.columns:
        field = _canonical(name)
        if field and field not in columns:
            columns[field] = name
    if "code" not in columns or not ("working_population" in columns or "population" in columns):
        raise DomainError(
            "denominator_columns",
            "Berkas harus punya kolom kode dan penduduk_bekerja (atau penduduk).",
            "The file needs a code column and working_population (or population).",
        )
    out = []
    for record in frame.iter_rows(named=True):
        row = record[ROW]

        def cell(field, record=record):
            return record.get(columns[field]) if field in columns else None

        code = (cell("code") or "").strip()
        if not any((cell(f) or "").strip() for f in ("working_population", "population")):
            out.append(DenominatorRow(row, code, None, None, None, no_figure=True))
            continue
        try:
            numbers = {
                "year": _int(cell("year"), row=row, column="tahun"),
                "working_population": _int(
                    cell("working_population"), row=row, column="penduduk_bekerja"
                ),
                "population": _int(cell("population"), row=row, column="penduduk"),
            }
        except DomainError as exc:  # reported with its row; the other rows still count
            out.append(DenominatorRow(row, code, None, None, None, error=exc))
            continue
        out.append(DenominatorRow(row=row, code=code, **numbers))
    return out


# What an import of such a file returns: the rows stored, refused and skipped.
@dataclass
class StoredRow:
    row: int
    file_code: str
    denominator: Denominator


@dataclass
class RefusedRow:
    row: int
    code: str
    error: DomainError


@dataclass
class DenominatorImport:
    code_system: str
    rows_in_file: int
    stored: list[StoredRow] = listed(default_factory=list)
    refused: list[RefusedRow] = listed(default_factory=list)
    skipped: list[int] = listed(default_factory=list)  # row numbers with a code and no figure

    @property
    def figures(self) -> list[Denominator]:
        return [s.denominator for s in self.stored]
