"""The gap list as an XLSX workbook for village operators.

Sheet 1 (summary): region, date, the lists' sources, the filters, whether NIKs are full or
masked, "DATA SINTETIS" when the list or the registry is synthetic, and the counts per desa.
Sheet 2: one row per resident not covered, with a desa column (filterable in Excel), the same
notice on its first line. NIKs are written as text, so Excel never turns them into numbers.
Only `gap_services.gap_export` calls this (it checks the reader's rights and audits).
"""

from __future__ import annotations

import io

import xlsxwriter
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cakupan.registry.models import Flag
from cakupan.rules.formats import long_date


def _status_label(status: str) -> str:
    if status == "lapsed":
        return _("Terdaftar, tidak aktif pada tanggal itu")
    return _("Tidak ada kepesertaan tercatat")


def gap_xlsx(*, report, persons, full_nik: bool, lang: str = "id") -> bytes:
    with translation.override(lang):
        return _build(report, persons, full_nik, lang)


def _build(report, persons, full_nik: bool, lang: str) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False})
    bold = book.add_format({"bold": True})
    title = book.add_format({"bold": True, "font_size": 13})
    warn = book.add_format({"bold": True, "font_color": "#B00020"})
    text = book.add_format({"num_format": "@"})
    flags = dict(Flag.choices)
    synthetic = _("DATA SINTETIS — bukan data penduduk sebenarnya") if report.synthetic else ""
    heading = _("Penduduk bekerja yang belum terlindungi BPJS Ketenagakerjaan")

    summary = book.add_worksheet(_("Ringkasan")[:31])
    summary.set_column(0, 0, 28)
    summary.set_column(1, 1, 34)
    summary.set_column(2, 4, 18)
    summary.write(0, 0, heading, title)
    line = 1
    if synthetic:
        summary.write(line, 0, synthetic, warn)
        line += 1
    facts = [
        (_("Wilayah"), f"{report.region_name} ({report.region.code})"),
        (_("Tanggal"), long_date(report.day, lang)),
        (_("Sumber daftar"), report.sources or "—"),
        (_("Kelompok rentan"), str(flags.get(report.flag, "")) or _("semua")),
        (_("Desa"), report.desa or _("semua")),
        (
            "NIK",
            _("lengkap — data pribadi (UU 27/2022); ekspor ini tercatat di log audit")
            if full_nik
            else _("disamarkan"),
        ),
        (_("Dibuat"), long_date(timezone.localdate(), lang)),
    ]
    for label, value in facts:
        summary.write(line, 0, label, bold)
        summary.write_string(line, 1, value)
        line += 1
    line += 1
    summary.write_row(
        line,
        0,
        [_("Kode desa"), _("Desa"), _("Dalam daftar"), _("Terlindungi"), _("Belum terlindungi")],
        bold,
    )
    for area in report.areas:
        line += 1
        summary.write_string(line, 0, area.code)
        summary.write_string(line, 1, area.name)
        summary.write_row(line, 2, [area.listed, area.covered, area.not_covered])
    line += 1
    summary.write(line, 1, _("Jumlah"), bold)
    summary.write_row(line, 2, [report.listed, report.covered, report.not_covered], bold)

    sheet = book.add_worksheet(_("Belum terlindungi")[:31])
    sheet.write(0, 0, f"{heading} · {long_date(report.day, lang)} · {report.sources}", bold)
    if synthetic:
        sheet.write(0, 6, synthetic, warn)
    header = [
        _("Kode desa"),
        _("Desa"),
        "NIK",
        _("Nama"),
        _("Tahun lahir"),
        _("Umur"),
        _("Pekerjaan"),
        _("Kelompok rentan"),
        _("Keterangan"),
        _("Sumber daftar"),
    ]
    sheet.write_row(1, 0, header, bold)
    for widths in ((0, 0, 16), (1, 1, 22), (2, 2, 20), (3, 3, 30), (6, 7, 26), (8, 9, 34)):
        sheet.set_column(*widths)
    for row, p in enumerate(persons, start=2):
        sheet.write_string(row, 0, p.region_code)
        sheet.write_string(row, 1, p.desa)
        sheet.write_string(row, 2, p.nik if full_nik else p.nik_masked, text)
        sheet.write_string(row, 3, p.name)
        if p.birth_year:
            sheet.write_number(row, 4, p.birth_year)
            sheet.write_number(row, 5, p.age)
        sheet.write_string(row, 6, p.occupation or "")
        sheet.write_string(row, 7, ", ".join(str(flags.get(f, f)) for f in p.flags))
        sheet.write_string(row, 8, _status_label(p.status))
        sheet.write_string(row, 9, p.source)
    sheet.freeze_panes(2, 0)
    sheet.autofilter(1, 0, max(2, len(persons) + 1), len(header) - 1)
    book.close()
    return out.getvalue()
