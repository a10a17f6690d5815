"""The agreement's printed documents: the invoice to the payer (PDF, XLSX) and the officer's
coverage certificate (PDF with a QR code to the public verification page)."""

from __future__ import annotations

import calendar
import datetime as dt
import io

import xlsxwriter
from django.utils.translation import gettext as _

from cakupan.agreements import money
from cakupan.agreements.models import Agreement, Certificate, OfficerRole
from cakupan.documents.pdf import render_html, render_pdf
from cakupan.documents.qr import qr_data_uri
from cakupan.errors import DomainError
from cakupan.rules import formats as formatting
from cakupan.rules.nik import mask_nik


def month_range(text: str) -> tuple[dt.date, dt.date]:
    """'2024-11' -> (1 Nov 2024, 30 Nov 2024)."""
    try:
        year, month = (int(p) for p in text.split("-")[:2])
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, 1), dt.date(year, month, last)
    except (ValueError, TypeError) as exc:
        raise DomainError(
            "month_invalid", "Bulan harus berformat TTTT-BB.", "A month is written YYYY-MM."
        ) from exc


def _role_label(role: str) -> str:
    return str(dict(OfficerRole.choices).get(role, role))


def invoice_context(inv: money.Invoice, *, lang: str, issued: dt.date) -> dict:
    agreement = inv.agreement
    return {
        "agreement": agreement,
        "parties": list(agreement.parties.all()),
        "invoice": inv,
        "lines": [{"line": line, "label": _role_label(line.role)} for line in inv.lines],
        "month_started": agreement.charging == "month_started",
        "issued": issued,
        "lang": lang,
        "budget": money.budget(agreement),
    }


def invoice_html(inv: money.Invoice, *, lang: str, issued: dt.date) -> str:
    return render_html(
        "agreements/pdf/invoice.html", invoice_context(inv, lang=lang, issued=issued)
    )


def invoice_pdf(inv: money.Invoice, *, lang: str, issued: dt.date) -> bytes:
    return render_pdf("agreements/pdf/invoice.html", invoice_context(inv, lang=lang, issued=issued))


def invoice_filename(inv: money.Invoice, ext: str) -> str:
    safe = "".join(ch if ch.isalnum() else "-" for ch in inv.agreement.number).strip("-")[:60]
    return f"tagihan-{safe}-{inv.start:%Y%m%d}-{inv.end:%Y%m%d}.{ext}"


def invoice_xlsx(inv: money.Invoice, *, lang: str) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True})
    money_fmt = book.add_format({"num_format": '"Rp"#,##0'})
    sheet = book.add_worksheet(_("Tagihan")[:31])
    agreement = inv.agreement
    head = [
        (_("Nomor PKS"), agreement.number),
        (_("Judul"), agreement.title),
        (
            _("Periode"),
            f"{formatting.long_date(inv.start, lang)} – {formatting.long_date(inv.end, lang)}",
        ),
        (_("Cara penghitungan iuran"), str(agreement.get_charging_display())),
    ]
    for i, (label, value) in enumerate(head):
        sheet.write_string(i, 0, str(label), bold)
        sheet.write_string(i, 1, str(value))
    row = len(head) + 1
    titles = [
        _("Jabatan"),
        _("Jumlah petugas"),
        _("Bulan iuran"),
        _("Hari petugas"),
        _("Jumlah (Rp)"),
    ]
    for col, title in enumerate(titles):
        sheet.write_string(row, col, str(title), bold)
    for line in inv.lines:
        row += 1
        sheet.write_string(row, 0, _role_label(line.role))
        sheet.write_number(row, 1, line.officers)
        sheet.write_number(row, 2, line.months)
        sheet.write_number(row, 3, line.days)
        sheet.write_number(row, 4, line.amount, money_fmt)
    row += 1
    sheet.write_string(row, 0, str(_("Total")), bold)
    sheet.write_number(row, 1, inv.officers, bold)
    sheet.write_number(row, 4, inv.total, money_fmt)
    row += 2
    sheet.write_string(row, 0, str(_("Dasar hukum tarif")), bold)
    for ref in inv.references:
        row += 1
        sheet.write_string(row, 0, ref)
    sheet.set_column(0, 0, 42)
    sheet.set_column(1, 4, 16)
    book.close()
    return buffer.getvalue()


def certificate_context(
    certificate: Certificate, *, verify_url: str, lang: str, issued: dt.date
) -> dict:
    spell = certificate.spell
    agreement: Agreement = certificate.agreement
    terms = money.Terms.of(agreement)
    duty = terms.duty(spell.start_date, spell.end_date)
    return {
        "certificate": certificate,
        "agreement": agreement,
        "parties": list(agreement.parties.all()),
        "person": spell.person,
        "nik_masked": mask_nik(spell.person.nik),
        "spell": spell,
        "role_label": _role_label(spell.role),
        "programs": spell.programs,
        "duty": duty,
        "verify_url": verify_url,
        "qr": qr_data_uri(verify_url, scale=4),
        "issued": issued,
        "lang": lang,
    }


def certificate_pdf(certificate: Certificate, **kwargs) -> bytes:
    return render_pdf("agreements/pdf/certificate.html", certificate_context(certificate, **kwargs))
