"""The shared PDF and QR helpers."""

import sys

import pytest

from cakupan.documents import pdf, qr


def test_render_pdf_from_a_template():
    content = pdf.render_pdf("agreements/verify_not_found.html", {})
    assert content.startswith(b"%PDF")


def test_pdf_fetches_nothing_but_data_uris(tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n")
    html = f'<p>x</p><img src="file://{secret}"><img src="{qr.qr_data_uri("abc")}">'
    assert pdf.html_to_pdf(html).startswith(b"%PDF")


def test_missing_weasyprint_is_a_domain_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import raises ImportError
    with pytest.raises(pdf.PdfUnavailable) as err:
        pdf.html_to_pdf("<p>x</p>")
    assert err.value.status == 503 and "Pango" in err.value.message("en")


def test_qr_codes():
    svg = qr.qr_svg("https://cakupan.example/verifikasi/ABCDEFGHIJKLMNOP/")
    assert svg.startswith("<svg") and "<?xml" not in svg
    assert qr.qr_png("x").startswith(b"\x89PNG")
    assert qr.qr_data_uri("x").startswith("data:image/svg+xml")
