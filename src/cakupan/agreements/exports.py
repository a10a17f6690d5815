"""Files of an agreement's enrolled officers, with full NIKs, for BPJS Ketenagakerjaan.

Only `services.officers_export` calls `build` (it checks `registry.export` and audits).

`bpjs` layout: the official collective-registration template (pendaftaran kolektif BPU / SIPP
upload) was NOT found, and its column names are unknown. The columns below are the team's
recommended minimum, inferred from the SSO/JMO fields and BPU registration practice
(rules.md §8, marked [U]). The workbook's first sheet says so, so nobody mistakes it for the
official template. Fields the registry does not hold (birthplace, mother's maiden name, email)
are left empty for the partner to fill.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import xlsxwriter

from cakupan.agreements import money
from cakupan.agreements.models import Agreement

LAYOUTS = ("bpjs", "csv", "xlsx")

# [U] rules.md §8: inferred, not BPJS's official template (see the module docstring).
BPJS_COLUMNS = [
    "NIK",
    "NAMA_LENGKAP",
    "TEMPAT_LAHIR",
    "TANGGAL_LAHIR",
    "JENIS_KELAMIN",
    "NAMA_IBU_KANDUNG",
    "ALAMAT",
    "KODE_DESA",
    "NO_HP",
    "EMAIL",
    "JENIS_PEKERJAAN",
    "LOKASI_PEKERJAAN",
    "PENGHASILAN",
    "PROGRAM",
    "TGL_MULAI_KEPESERTAAN",
    "PERIODE_BAYAR",
    "NPP/WADAH",
]
BPJS_NOTE = [
    "Catatan / Note",
    "",
    "Kolom lembar 'Peserta' adalah kolom minimum yang DISARANKAN tim Cakupan, disimpulkan dari "
    "isian SSO/JMO dan praktik pendaftaran BPU (rules.md §8, status [U]). Templat resmi "
    "pendaftaran kolektif BPJS Ketenagakerjaan tidak ditemukan; sesuaikan dengan templat "
    "kantor cabang sebelum diunggah.",
    "The 'Peserta' sheet's columns are the team's RECOMMENDED minimum, inferred from SSO/JMO "
    "fields and BPU registration practice (rules.md §8, marked [U]). BPJS Ketenagakerjaan's "
    "official collective-registration template was not found; match it to the branch's "
    "template before uploading.",
    "",
    "TEMPAT_LAHIR, NAMA_IBU_KANDUNG dan EMAIL tidak disimpan di registri: isi sebelum diunggah.",
    "PERIODE_BAYAR = jumlah bulan iuran masa tugas menurut cara penghitungan PKS.",
    "Berkas ini memuat NIK lengkap: data pribadi (UU 27/2022). Ekspor ini tercatat di log audit.",
]
PLAIN_COLUMNS = [
    "nik",
    "nama",
    "jenis_kelamin",
    "tanggal_lahir",
    "kode_desa",
    "desa",
    "jabatan",
    "mulai",
    "sampai",
    "program",
    "kpj",
    "penghasilan",
    "iuran",
]


def file_name(*, agreement: Agreement, layout: str) -> tuple[str, str]:
    safe = "".join(ch if ch.isalnum() else "-" for ch in agreement.number).strip("-")[:60]
    if layout == "csv":
        return f"petugas-{safe}.csv", "text/csv; charset=utf-8"
    stem = "bpjs-kolektif" if layout == "bpjs" else "petugas"
    return (
        f"{stem}-{safe}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _records(agreement: Agreement):
    """(person fields, spell fields) for every officer, streamed in chunks."""
    from cakupan.registry.selectors import region_names

    fields = (
        "person__nik",
        "person__name",
        "person__sex",
        "person__birth_date",
        "person__region_code",
        "person__phone",
        "role",
        "start_date",
        "end_date",
        "wage",
        "jkk",
        "jkm",
        "jht",
        "kpj",
    )
    spells = agreement.spells.order_by("role", "person__name", "id").values_list(*fields)
    rows = list(spells.iterator(chunk_size=2000))
    names = region_names(codes={r[4] for r in rows} | {agreement.region_code})
    return rows, names


def _dmy(day: dt.date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else ""


def build(*, agreement: Agreement, layout: str) -> tuple[bytes, int]:
    terms = money.Terms.of(agreement)
    rows, names = _records(agreement)
    out = []
    for nik, name, sex, born, desa, phone, role, start, end, wage, jkk, jkm, jht, kpj in rows:
        duty = terms.duty(start, end)
        income = terms.income(wage, duty[0] if duty else start)
        charge = money.spell_charge(terms, start, end, wage)
        programs = "+".join(p for p, on in (("JKK", jkk), ("JKM", jkm), ("JHT", jht)) if on)
        out.append(
            {
                "nik": nik,
                "name": name,
                "sex": sex,
                "born": born,
                "desa": desa,
                "desa_name": names.get(desa, ""),
                "phone": phone,
                "role": role,
                "start": duty[0] if duty else start,
                "end": duty[1] if duty else end,
                "income": income,
                "programs": programs,
                "kpj": kpj,
                "premium": charge.amount,
                "months": charge.months,
            }
        )
    if layout == "csv":
        return _csv(out), len(out)
    if layout == "bpjs":
        return _bpjs_xlsx(agreement, out, names), len(out)
    return _plain_xlsx(out), len(out)


def _plain_values(r: dict) -> list:
    return [
        r["nik"],
        r["name"],
        r["sex"],
        r["born"].isoformat(),
        r["desa"],
        r["desa_name"],
        r["role"],
        r["start"].isoformat(),
        r["end"].isoformat() if r["end"] else "",
        r["programs"],
        r["kpj"],
        r["income"],
        r["premium"],
    ]


def _csv(rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(PLAIN_COLUMNS)
    for r in rows:
        writer.writerow(_plain_values(r))
    return buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8


def _write_rows(sheet, header, rows: list[list], bold) -> None:
    for col, title in enumerate(header):
        sheet.write_string(0, col, title, bold)
    for i, values in enumerate(rows, start=1):
        for col, value in enumerate(values):
            if isinstance(value, int) and not isinstance(value, bool):
                sheet.write_number(i, col, value)
            else:  # NIKs and codes stay text: a 16-digit number loses its last digits
                sheet.write_string(i, col, str(value or ""))
    sheet.freeze_panes(1, 0)
    sheet.set_column(0, len(header) - 1, 18)


def _plain_xlsx(rows: list[dict]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet("Petugas")
    _write_rows(sheet, PLAIN_COLUMNS, [_plain_values(r) for r in rows], bold)
    book.close()
    return buffer.getvalue()


def _bpjs_xlsx(agreement: Agreement, rows: list[dict], names: dict) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    note = book.add_worksheet("Catatan")
    note.set_column(0, 0, 110)
    for i, line in enumerate(BPJS_NOTE):
        note.write_string(i, 0, line, bold if i == 0 else wrap)
    note.write_string(len(BPJS_NOTE) + 1, 0, f"PKS: {agreement.number} — {agreement.title}", wrap)
    sheet = book.add_worksheet("Peserta")
    location = names.get(agreement.region_code, agreement.region_code)
    values = [
        [
            r["nik"],
            r["name"],
            "",
            _dmy(r["born"]),
            r["sex"],
            "",
            r["desa_name"],
            r["desa"].replace(".", ""),
            r["phone"],
            "",
            f"Petugas {r['role']}".strip(),
            location,
            r["income"],
            r["programs"],
            _dmy(r["start"]),
            r["months"],
            agreement.number,
        ]
        for r in rows
    ]
    _write_rows(sheet, BPJS_COLUMNS, values, bold)
    book.close()
    return buffer.getvalue()
