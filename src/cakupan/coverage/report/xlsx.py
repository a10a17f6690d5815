"""The rakor report as a workbook: one sheet per section, for offices that redo the sums.

Numbers are written as numbers and money as whole rupiah with a number format; a rate is a
percentage cell (the fraction, formatted 0.00%) beside its numerator and denominator columns,
so anyone can check the division, as DHIS2 lays indicators out. Demo data is labelled on
every sheet's first row.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import xlsxwriter
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cakupan.coverage.models import DenominatorBasis
from cakupan.coverage.report.contents import SECTION_TITLES, RakorReport
from cakupan.coverage.report.pdf import synthetic_label

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORBIDDEN = set("[]:*?/\\")


def sheet_name(text: str) -> str:
    return "".join(ch for ch in str(text) if ch not in _FORBIDDEN)[:31]


class _Book:
    def __init__(self, report: RakorReport):
        self.buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(self.buffer, {"in_memory": True})
        self.report = report
        self.bold = self.book.add_format({"bold": True})
        self.wrap = self.book.add_format({"text_wrap": True, "valign": "top"})
        self.pct = self.book.add_format({"num_format": "0.00%"})
        self.money = self.book.add_format({"num_format": '"Rp"#,##0'})
        self.int = self.book.add_format({"num_format": "#,##0"})
        self.date = self.book.add_format({"num_format": "yyyy-mm-dd"})
        self.flag = self.book.add_format({"bold": True, "font_color": "#9a6700"})

    def sheet(self, title: str, widths: tuple[int, ...] = (28, 16, 16, 16, 16, 16, 16, 16, 16)):
        ws = self.book.add_worksheet(sheet_name(title))
        for col, width in enumerate(widths):
            ws.set_column(col, col, width)
        ws.write_string(0, 0, str(title), self.bold)
        ws.write_string(0, 2, f"{self.report.region_name} ({self.report.region_code})")
        if self.report.synthetic:
            ws.write_string(0, 4, synthetic_label(self.report), self.flag)
        return ws

    def cell(self, ws, row: int, col: int, value, kind: str = "") -> None:
        """Write `value` by what it is: a rate (percent number), money, count, date or text."""
        if value is None or value == "":
            ws.write_blank(row, col, None)
        elif kind == "rate":
            ws.write_number(row, col, float(Decimal(value) / 100), self.pct)
        elif kind == "money":
            ws.write_number(row, col, int(value), self.money)
        elif isinstance(value, bool):
            ws.write_boolean(row, col, value)
        elif isinstance(value, int):
            ws.write_number(row, col, value, self.int)
        elif isinstance(value, Decimal):
            ws.write_number(row, col, float(value))
        elif isinstance(value, dt.date):
            ws.write_datetime(row, col, dt.datetime.combine(value, dt.time()), self.date)
        else:
            ws.write_string(row, col, str(value))

    def table(self, ws, row: int, header: list, rows: list[list], kinds: list[str]) -> int:
        for col, title in enumerate(header):
            ws.write_string(row, col, str(title), self.bold)
        for values in rows:
            row += 1
            for col, value in enumerate(values):
                self.cell(ws, row, col, value, kinds[col] if col < len(kinds) else "")
        return row + 2

    def note(self, ws, row: int, text: str) -> int:
        if text:
            ws.write_string(row, 0, str(text), self.wrap)
            return row + 1
        return row

    def close(self) -> bytes:
        self.book.close()
        return self.buffer.getvalue()


def _basis(info) -> str:
    if info is None:
        return ""
    try:
        return str(DenominatorBasis(info.basis).label)
    except ValueError:
        return info.basis


def report_xlsx(report: RakorReport) -> bytes:
    with translation.override(report.lang):
        book = _Book(report)
        _summary(book)
        _trend(book)
        _areas(book)
        _breakdowns(book)
        _agreements(book)
        _claims(book)
        _simulation(book)
        _forecast(book)
        return book.close()


def _summary(book: _Book) -> None:
    r, ind = book.report, book.report.indicator
    ws = book.sheet(SECTION_TITLES["figures"], (34, 18, 18, 18, 60))
    d = ind.denominator
    head = [
        (pgettext("satu wilayah", "Wilayah"), r.region_name, ""),
        (_("Kode wilayah"), r.region_code, ""),
        (_("Tanggal laporan"), r.date, ""),
        (_("Angka per akhir bulan"), r.month, ""),
        (_("Nomor dokumen"), r.reference, ""),
        (_("Orang terlindungi"), ind.covered, ""),
        (_("Penduduk bekerja"), d.value if d else None, ""),
        (_("Cakupan"), ind.rate, "rate"),
        (_("Target"), ind.target_rate, "rate"),
        (_("Kesenjangan (orang)"), ind.gap_persons, ""),
        (_("Tahun penyebut"), d.year if d else None, ""),
        (_("Dasar penyebut"), _basis(d), ""),
        (_("Perkiraan"), d.is_estimate if d else None, ""),
        (_("Sintetis"), r.synthetic, ""),
        (_("Bagian sintetis"), r.synthetic_parts.label(), ""),
        (_("Sumber penyebut"), d.source if d else "", ""),
        (_("Catatan penyebut"), d.note if d else "", ""),
        (_("Sumber target"), ind.target_source, ""),
    ]
    row = 2
    for label, value, kind in head:
        ws.write_string(row, 0, str(label), book.bold)
        book.cell(ws, row, 1, value, kind)
        row += 1
    row += 1
    ws.write_string(row, 0, str(_("Definisi")), book.bold)
    for text in (ind.definition, r.gap_definition):
        row = book.note(ws, row + 1, text) - 1
    row += 2
    ws.write_string(row, 0, str(_("Catatan")), book.bold)
    for section, text in r.notes.items():
        row += 1
        ws.write_string(row, 0, str(SECTION_TITLES.get(section, section)))
        ws.write_string(row, 1, text)


def _trend(book: _Book) -> None:
    ws = book.sheet(SECTION_TITLES["trend"])
    header = [_("Bulan"), _("Orang terlindungi"), _("Penduduk bekerja"), _("Cakupan"), _("Target")]
    rows = [[t.month, t.covered, t.denominator, t.rate, t.target_rate] for t in book.report.trend]
    book.table(ws, 2, header, rows, ["", "", "", "rate", "rate"])


def _areas(book: _Book) -> None:
    r = book.report
    ws = book.sheet(SECTION_TITLES["gap"])
    if not r.areas:
        book.note(ws, 2, _("Tidak ada wilayah di bawahnya."))
        return
    header = [
        _("Kode wilayah"), pgettext("satu wilayah", "Wilayah"), _("Orang terlindungi"),
        _("Penduduk bekerja"),
        _("Cakupan"), _("Target"), _("Kesenjangan (orang)"), _("Tahun penyebut"),
        _("Dasar penyebut"),
    ]  # fmt: skip
    rows = [
        [a.code, a.name, a.covered, a.denominator.value if a.denominator else None, a.rate,
         a.target_rate, a.gap_persons, a.denominator.year if a.denominator else None,
         _basis(a.denominator)]
        for a in r.gap_rows
    ]  # fmt: skip
    row = book.table(ws, 2, header, rows, ["", "", "", "", "rate", "rate"])
    book.note(ws, row, r.gap_definition)


def _breakdowns(book: _Book) -> None:
    ws = book.sheet(SECTION_TITLES["breakdowns"], (26, 14, 34, 16, 16, 14, 90))
    header = [
        _("Rincian"), _("Kode"), _("Nilai"), _("Orang terlindungi"), _("Penduduk bekerja"),
        _("Cakupan"), _("Definisi"),
    ]  # fmt: skip
    rows = [
        [title, f.key, f.label, f.numerator, f.denominator, f.rate, definition]
        for _dim, title, figures, definition in book.report.breakdowns
        for f in figures
    ]
    book.table(ws, 2, header, rows, ["", "", "", "", "", "rate"])


def _agreements(book: _Book) -> None:
    r = book.report
    ws = book.sheet(SECTION_TITLES["agreements"], (30, 40, 14, 14, 14, 14, 18, 18, 18, 10, 18))
    if r.agreements is None or not r.agreements:
        book.note(ws, 2, r.notes.get("agreements", ""))
        return
    header = [
        _("Nomor PKS"), _("Judul"), _("Kode wilayah"), _("Berlaku mulai"), _("Berlaku sampai"),
        _("Peserta terdaftar"), _("Pagu"), _("Iuran seluruh masa"),
        _("Iuran ditagihkan s.d. tanggal laporan"), _("Klaim"), _("Manfaat diputuskan"),
        _("Manfaat dibayar"), _("Sintetis"),
    ]  # fmt: skip
    rows = [
        [a.number, a.title, a.region_code, a.valid_from, a.valid_to, a.officers, a.ceiling,
         a.premium_total, a.invoiced_to_date, a.claims, a.decided_amount, a.paid_amount,
         a.synthetic]
        for a in r.agreements
    ]  # fmt: skip
    kinds = ["", "", "", "", "", "", "money", "money", "money", "", "money", "money"]
    row = book.table(ws, 2, header, rows, kinds)
    book.note(
        ws,
        row,
        _(
            "Pembayaran iuran belum dicatat di Cakupan; yang ditampilkan adalah "
            "iuran yang ditagihkan."
        ),
    )


def _claims(book: _Book) -> None:
    r = book.report
    ws = book.sheet(SECTION_TITLES["claims"])
    row = 2
    if r.claims_period:
        ws.write_string(row, 0, str(_("Tanggal kejadian")), book.bold)
        book.cell(ws, row, 1, r.claims_period[0])
        book.cell(ws, row, 2, r.claims_period[1])
        row += 2
    if r.claims:
        groups = {
            "program": _("Program"),
            "region": pgettext("satu wilayah", "Wilayah"),
            "agreement": _("PKS"),
        }
        header = [
            _("Kelompok"), _("Kode"), _("Nama"), _("Klaim"), _("Ditolak: tidak terlindungi"),
            _("Ditolak"), _("Dibayar"), _("Manfaat diputuskan"), _("Manfaat dibayar"),
        ]  # fmt: skip
        rows = [
            [groups[c.group], c.key, c.label, c.claims, c.refused, c.rejected, c.paid_claims,
             c.decided_amount, c.paid_amount]
            for c in r.claims
        ]  # fmt: skip
        row = book.table(ws, row, header, rows, ["", "", "", "", "", "", "", "money", "money"])
    book.note(ws, row, r.notes.get("claims", ""))


def _simulation(book: _Book) -> None:
    r, sim = book.report, book.report.simulation
    ws = book.sheet(SECTION_TITLES["simulation"], (34, 18, 22, 18, 18))
    if sim is None:
        book.note(ws, 2, r.notes.get("simulation", ""))
        return
    head = [
        (pgettext("satu wilayah", "Wilayah"), sim.region_name, ""),
        (_("Jumlah orang"), sim.persons, ""),
        (_("Jumlah bulan"), sim.months, ""),
        (_("Mulai"), sim.start, ""),
        (_("Penghasilan yang dilaporkan"), sim.income, "money"),
        (_("Dengan JHT"), sim.with_jht, ""),
        (_("Orang terlindungi sebelum"), sim.covered_before, ""),
        (_("Penduduk bekerja"), sim.denominator, ""),
        (_("Cakupan sebelum"), sim.rate_before, "rate"),
        (_("Cakupan sesudah"), sim.rate_after, "rate"),
        (_("Target"), sim.target_rate, "rate"),
        (_("Jumlah"), sim.total, "money"),
        (_("Sintetis"), bool(sim.synthetic), ""),
    ]
    row = 2
    for label, value, kind in head:
        ws.write_string(row, 0, str(label), book.bold)
        book.cell(ws, row, 1, value, kind)
        row += 1
    header = [_("Bulan"), _("Iuran per orang"), _("Iuran semua orang")]
    row = book.table(ws, row + 1, header, [list(m) for m in sim.monthly], ["", "money", "money"])
    for title, lines in ((_("Asumsi"), sim.assumptions), (_("Dasar hukum"), sim.legal_basis)):
        ws.write_string(row, 0, str(title), book.bold)
        for line in lines:
            row += 1
            ws.write_string(row, 0, str(line))
        row += 2


def _forecast(book: _Book) -> None:
    r = book.report
    ws = book.sheet(SECTION_TITLES["forecast"])
    if not r.forecast:
        book.note(ws, 2, r.notes.get("forecast", ""))
        return
    header = [
        _("Kode wilayah"), pgettext("satu wilayah", "Wilayah"), _("Cakupan"), _("Target"),
        _("Laju per bulan (poin %)"), _("Target tercapai pada"), _("Status"),
    ]  # fmt: skip
    rows = [
        [f.code, f.name, f.rate, f.target_rate, f.slope_per_month, f.reach_month,
         f.status_text]
        for f in r.forecast
    ]  # fmt: skip
    row = book.table(ws, 2, header, rows, ["", "", "rate", "rate"])
    book.note(ws, row, r.forecast_definition)
