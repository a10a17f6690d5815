"""QR codes (segno): inline SVG for pages and PDFs, PNG bytes for downloads."""

from __future__ import annotations

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(data: str, *, scale: int = 4, border: int = 2) -> SafeString:
    """An inline `<svg>` element (no XML declaration), safe to put in a template."""
    code = segno.make(data, error="m", micro=False)
    return mark_safe(code.svg_inline(scale=scale, border=border, dark="#000", light="#fff"))  # noqa: S308 - segno's own markup


def qr_png(data: str, *, scale: int = 6, border: int = 2) -> bytes:
    import io

    buffer = io.BytesIO()
    segno.make(data, error="m", micro=False).save(buffer, kind="png", scale=scale, border=border)
    return buffer.getvalue()


def qr_data_uri(data: str, *, scale: int = 4, border: int = 2) -> str:
    """A `data:image/svg+xml` URI, e.g. for `<img src>` in a PDF template."""
    code = segno.make(data, error="m", micro=False)
    return code.svg_data_uri(scale=scale, border=border, dark="#000", light="#fff")
