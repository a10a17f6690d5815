"""The one upload check and private storage (`cakupan.documents.uploads`)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cakupan.documents import uploads
from cakupan.errors import DomainError

PDF = b"%PDF-1.4\n%test\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_type_is_read_from_the_content():
    assert uploads.upload_check(SimpleUploadedFile("a.pdf", PDF)) == "application/pdf"
    assert uploads.upload_check(SimpleUploadedFile("a.PNG", PNG)) == "image/png"
    for name, content in [("a.pdf", PNG), ("a.png", PDF), ("a.exe", PDF), ("a", PDF)]:
        with pytest.raises(DomainError) as err:
            uploads.upload_check(SimpleUploadedFile(name, content))
        assert err.value.code == "document_type"


def test_photos_are_images_only():
    assert uploads.upload_check(SimpleUploadedFile("p.png", PNG), photo=True) == "image/png"
    with pytest.raises(DomainError) as err:
        uploads.upload_check(SimpleUploadedFile("p.pdf", PDF), photo=True)
    assert err.value.code == "photo_type"


def test_size_limit_comes_from_the_setting(settings):
    settings.CAKUPAN_UPLOAD_MAX_BYTES = len(PDF) - 1
    with pytest.raises(DomainError) as err:
        uploads.upload_check(SimpleUploadedFile("a.pdf", PDF))
    assert err.value.code == "document_too_large"
    settings.CAKUPAN_UPLOAD_MAX_BYTES = len(PDF)
    assert uploads.upload_check(SimpleUploadedFile("a.pdf", PDF)) == "application/pdf"


def test_default_limit_is_ten_megabytes(settings):
    del settings.CAKUPAN_UPLOAD_MAX_BYTES
    assert uploads.max_bytes() == 10 * 1024 * 1024


def test_safe_names():
    assert uploads.safe_name("../../etc/passwd.pdf") == "passwd.pdf"
    assert uploads.safe_name("C:\\Users\\x\\akta.pdf") == "akta.pdf"
    assert uploads.safe_name('a"\r\nb.pdf') == "ab.pdf"
    assert uploads.safe_name("") == "berkas"
    assert len(uploads.safe_name("x" * 400 + ".pdf")) == 255


def test_private_storage_has_no_url_and_follows_media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"
    storage = uploads.PrivateStorage("claims")
    assert storage.path("a.pdf") == str(tmp_path / "private" / "claims" / "a.pdf")
    with pytest.raises(ValueError):
        storage.url("a.pdf")
