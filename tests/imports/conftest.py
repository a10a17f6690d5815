"""Fixtures for imports: files written in the test (CSV, XLSX, ODS), NIKs that decode right,
and helpers that drive a batch through upload → validate → review → commit."""

import datetime as dt
import io
import zipfile
from xml.sax.saxutils import escape

import pytest
import xlsxwriter

from cakupan.imports import services
from cakupan.rules.nik import build_nik
from tests.conftest import DESA_PULAU_NIBUNG, KEC_JELAI, make_user

START = "2025-01-01"
HEADER = ["NIK", "Nama", "Tanggal Lahir", "L/P", "Desa", "Kecamatan", "Pekerjaan", "Penghasilan"]


def nik(born: dt.date, sex: str = "L", serial: int = 1, kecamatan: str = "62.08.02") -> str:
    return build_nik(kecamatan=kecamatan, birth_date=born, sex=sex, serial=serial)


def worker(
    serial: int,
    *,
    name=None,
    sex="L",
    born=None,
    desa="Pulau Nibung",
    income="1500000",
    kecamatan="Jelai",
    job="Petani",
) -> list[str]:
    born = born or dt.date(1980 + serial % 20, 1 + serial % 12, 1 + serial % 28)
    return [
        nik(born, sex, serial),
        name or f"Pekerja {serial}",
        born.strftime("%d/%m/%Y"),
        sex,
        desa,
        kecamatan,
        job,
        income,
    ]


def csv_bytes(rows, header=HEADER, sep=",", encoding="utf-8", bom=False) -> bytes:
    lines = [sep.join(header)] + [sep.join(str(v) for v in row) for row in rows]
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(rows, header=HEADER, numbers: dict | None = None) -> bytes:
    """`numbers` {column index: True} writes that column's cells as numbers (Excel's habit)."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("Data")
    sheet.write_row(0, 0, header)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if numbers and numbers.get(c):
                sheet.write_number(r, c, float(value))
            else:
                sheet.write_string(r, c, str(value))
    book.close()
    return out.getvalue()


def ods_bytes(rows, header=HEADER) -> bytes:
    """A minimal OpenDocument spreadsheet, written by hand (content.xml in a zip)."""

    def cell(v):
        return (
            '<table:table-cell office:value-type="string">'
            f"<text:p>{escape(str(v))}</text:p></table:table-cell>"
        )

    body = "".join(
        "<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>"
        for row in [header, *rows]
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Data">{body}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(
            "mimetype",
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", manifest)
    return out.getvalue()


@pytest.fixture(autouse=True)
def _media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "private"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def operator(regions):
    return make_user("op_kab_imp", "regency_operator", "62.08")


@pytest.fixture
def village_operator(regions):
    return make_user("op_desa_imp", "village_operator", DESA_PULAU_NIBUNG)


def upload(actor, data: bytes, name="pekerja.csv", area=KEC_JELAI, **options):
    opts = {"segment": "BPU", "payer": "apbd", "start_date": START, **options}
    return services.batch_upload(
        actor=actor,
        kind="workers",
        area_code=area,
        source=io.BytesIO(data),
        filename=name,
        options=opts,
    )


def validated(actor, data: bytes, name="pekerja.csv", area=KEC_JELAI, mapping=None, **options):
    batch = upload(actor, data, name=name, area=area, **options)
    if mapping is not None:
        services.batch_mapping_set(actor=actor, batch_id=batch.pk, mapping=mapping)
    return services.batch_validate(actor=actor, batch_id=batch.pk, inline=True)


def committed(actor, data: bytes, chunk_rows=None, **kw):
    batch = validated(actor, data, **kw)
    services.batch_review(actor=actor, batch_id=batch.pk)
    return services.batch_commit(actor=actor, batch_id=batch.pk, inline=True, chunk_rows=chunk_rows)
