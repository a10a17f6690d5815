"""The error report: the partner's own rows, as they sent them, with what is wrong beside each
(`baris`, `kolom`, `nilai`, `aturan`, `pesan`), so they can fix the file and upload it again."""

import io

import polars as pl
import xlsxwriter

from cakupan.imports import storage
from cakupan.imports.models import ImportBatch
from cakupan.imports.selectors import batch_errors

REPORT_COLUMNS = ("baris", "kolom", "nilai", "aturan", "pesan")


def error_report_xlsx(*, batch: ImportBatch, lang: str = "id") -> bytes:
    """One line per problem (a row with three problems appears three times)."""
    errors = batch_errors(batch=batch, lang=lang)
    original = pl.read_parquet(storage.batch_dir(batch.pk) / storage.ORIGINAL)
    columns = [c for c in original.columns if c != "_row"]
    by_row = {row[0]: row[1:] for row in original.select("_row", *columns).iter_rows()}
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet("Galat" if lang != "en" else "Errors")
    bold = book.add_format({"bold": True})
    text = book.add_format({"num_format": "@"})  # keep NIKs as text when the partner edits
    sheet.write_row(0, 0, [*columns, *REPORT_COLUMNS], bold)
    for line, error in enumerate(errors, start=1):
        values = by_row.get(error["row"], ())
        for col, value in enumerate(values):
            sheet.write_string(line, col, value or "", text)
        base = len(columns)
        sheet.write_number(line, base, error["row"])
        sheet.write_string(line, base + 1, error["column"])
        sheet.write_string(line, base + 2, error["value"], text)
        sheet.write_string(line, base + 3, error["code"])
        sheet.write_string(line, base + 4, error["message"])
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(1, len(errors)), len(columns) + len(REPORT_COLUMNS) - 1)
    book.close()
    return out.getvalue()
