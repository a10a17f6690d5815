"""Exports with full NIKs (permission + audit) and private agreement documents."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from python_calamine import CalamineWorkbook

from cakupan.agreements.exports import BPJS_COLUMNS
from cakupan.agreements.models import AgreementDocument
from cakupan.agreements.services import document_attach, officers_export
from cakupan.audit.models import AuditEvent
from cakupan.errors import DomainError, PermissionDenied
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


def _sheets(content: bytes) -> CalamineWorkbook:
    return CalamineWorkbook.from_filelike(io.BytesIO(content))


def test_bpjs_collective_layout_has_full_niks_and_is_audited(operator, agreement, officers):
    response = client_for(operator).post(reverse("agreements:export", args=[agreement.pk, "bpjs"]))
    assert response.status_code == 200
    book = _sheets(response.content)
    assert book.sheet_names == ["Catatan", "Peserta"]
    note = " ".join(str(r[0]) for r in book.get_sheet_by_name("Catatan").to_python())
    assert "[U]" in note and "tidak ditemukan" in note
    rows = book.get_sheet_by_name("Peserta").to_python()
    assert rows[0] == BPJS_COLUMNS
    niks = {r[0] for r in rows[1:]}
    assert niks == {s.person.nik for s in officers}
    first = next(r for r in rows[1:] if r[0] == officers[0].person.nik)
    born = officers[0].person.birth_date
    assert first[3] == born.strftime("%d-%m-%Y")
    assert first[7] == "6208012005" and first[12] == 1_000_000 and first[13] == "JKK+JKM"
    assert first[14] == "07-11-2024" and first[15] == 2
    event = AuditEvent.objects.get(action="agreements.export")
    assert event.actor == operator and event.object_id == str(agreement.pk)
    assert event.after == {"layout": "bpjs", "rows": 3, "number": agreement.number}


def test_plain_csv_and_xlsx(operator, agreement, officers):
    csv = officers_export(actor=operator, agreement_id=agreement.pk, layout="csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("nik,nama") and len(lines) == 4
    assert any(officers[1].person.nik in line and "33600" in line for line in lines)
    xlsx = officers_export(actor=operator, agreement_id=agreement.pk, layout="xlsx")
    rows = _sheets(xlsx.content).get_sheet_by_index(0).to_python()
    assert len(rows) == 4 and {r[0] for r in rows[1:]} == {s.person.nik for s in officers}
    assert AuditEvent.objects.filter(action="agreements.export").count() == 2


def test_export_needs_registry_export(partner, agreement, officers):
    with pytest.raises(PermissionDenied):
        officers_export(actor=partner, agreement_id=agreement.pk, layout="bpjs")
    response = client_for(partner).post(reverse("agreements:export", args=[agreement.pk, "csv"]))
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="agreements.export").exists()
    detail = client_for(partner).get(reverse("agreements:detail", args=[agreement.pk]))
    assert detail.status_code == 200 and "Ekspor" not in detail.content.decode()


def test_documents_are_type_checked_and_private(operator, partner, admin_jelai, agreement):
    doc = document_attach(
        actor=operator,
        agreement_id=agreement.pk,
        upload=SimpleUploadedFile("pks.pdf", PDF, "application/pdf"),
        title="PKS ditandatangani",
    )
    assert doc.content_type == "application/pdf" and len(doc.sha256) == 64
    assert "agreements" in doc.file.path and "static" not in doc.file.path
    with pytest.raises(ValueError):
        doc.file.url  # noqa: B018 - no public URL exists
    bad = [
        SimpleUploadedFile("virus.exe", b"MZ\x90\x00" + b"\x00" * 60),
        SimpleUploadedFile("fake.pdf", b"MZ\x90\x00" + b"\x00" * 60),  # content, not the name
        SimpleUploadedFile("photo.png.exe", PNG),
    ]
    for upload in bad:
        with pytest.raises(DomainError) as err:
            document_attach(actor=operator, agreement_id=agreement.pk, upload=upload)
        assert err.value.code == "document_type"
    big = SimpleUploadedFile("big.png", PNG + b"\x00" * (10 * 1024 * 1024))
    with pytest.raises(DomainError) as err:
        document_attach(actor=operator, agreement_id=agreement.pk, upload=big)
    assert err.value.code == "document_too_large"
    with pytest.raises(PermissionDenied):  # may view, may not manage
        document_attach(
            actor=partner, agreement_id=agreement.pk, upload=SimpleUploadedFile("a.png", PNG)
        )
    assert AgreementDocument.objects.count() == 1

    url = reverse("agreements:document_download", args=[agreement.pk, doc.pk])
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "masuk" in anonymous["Location"]
    assert client_for(admin_jelai).get(url).status_code == 404
    response = client_for(partner).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert AuditEvent.objects.filter(action="agreements.document_open").count() == 1


def test_upload_page_refuses_an_exe(operator, agreement):
    client = client_for(operator)
    response = client.post(
        reverse("agreements:document_upload", args=[agreement.pk]),
        {"title": "x", "file": SimpleUploadedFile("setup.exe", b"MZ" + b"\x00" * 100)},
        follow=True,
    )
    assert "PDF, JPEG atau PNG" in response.content.decode()
    assert AgreementDocument.objects.count() == 0
