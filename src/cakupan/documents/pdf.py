"""Render a Django template to PDF bytes with WeasyPrint.

WeasyPrint needs Pango (system libraries). It is imported only when a PDF is asked for, so
the demo and every other page start on a machine without Pango; asking for a PDF there is a
clear domain error (HTTP 503), not a crash.

PDF templates carry their CSS inline and their images as `data:` URIs (QR codes): the renderer
is allowed to fetch nothing else, so a template can never make the server read a local file
or call a remote URL.
"""

from __future__ import annotations

import logging

from django.template.loader import render_to_string

from cakupan.errors import DomainError


class PdfUnavailable(DomainError):
    status = 503


def _weasyprint():
    # WeasyPrint (from its import on) and fontTools log every step at INFO: keep warnings only.
    for name in ("weasyprint", "weasyprint.progress", "fontTools"):
        logging.getLogger(name).setLevel(logging.WARNING)
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: libpango / libgobject not found
        raise PdfUnavailable(
            "pdf_unavailable",
            "PDF tidak dapat dibuat: pustaka sistem WeasyPrint (Pango) belum terpasang di "
            "server. Hubungi administrator.",
            "The PDF cannot be made: WeasyPrint's system libraries (Pango) are not installed on "
            "the server. Contact the administrator.",
        ) from exc
    return weasyprint


def render_html(template_name: str, context: dict | None = None, request=None) -> str:
    """The HTML that feeds the PDF (tests and previews read it)."""
    return render_to_string(template_name, context or {}, request=request)


def html_to_pdf(html: str) -> bytes:
    weasyprint = _weasyprint()
    fetcher = weasyprint.URLFetcher(allowed_protocols={"data"}, allow_redirects=False)
    return weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()


def render_pdf(template_name: str, context: dict | None = None, request=None) -> bytes:
    """PDF bytes of `template_name` rendered with `context` (A4 is set by the template's CSS)."""
    return html_to_pdf(render_html(template_name, context, request))
