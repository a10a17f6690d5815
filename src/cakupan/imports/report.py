"""The error report: the partner's own rows, as they sent them, with what is wrong beside each
(`baris`, `kolom`, `nilai`, `aturan`, `pesan`), so they can fix the file and upload it again."""

import io

import polars as pl
import xlsxwriter

from cakupan.imports import storage
from cakupan.imports.models import ImportBatch
from cakupan.imports.selectors import batch_errors, nik_masked

REPORT_COLUMNS = ("baris", "kolom", "nilai", "aturan", "pesan")


def error_report_xlsx(*, batch: ImportBatch, lang: str = "id", user=None) -> bytes:
    """One line per problem (a row with three problems appears three times). The uploader gets
    their own rows as sent; anyone else who may see the batch gets the NIKs masked."""
    own = user is not None and user.pk == batch.uploaded_by_id
    errors = batch_errors(batch=batch, lang=lang, mask=not own)
    original = pl.read_parquet(storage.batch_dir(batch.pk) / storage.ORIGINAL)
    columns = [c for c in original.columns if c != "_row"]
    if not own:
        nik_columns = [c for c, f in batch.mapping.items() if f == "nik" and c in columns]
        original = original.with_columns(
            pl.col(c).map_elements(nik_masked, return_dtype=pl.String) for c in nik_columns
        )
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
