"""What every claims page answers with: the language, a user mistake as a message, a file."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.utils.translation import get_language


def lang() -> str:
    return (get_language() or "id")[:2]


def fail(request, err) -> None:
    """A user's mistake goes back to the page as a message; scope errors stay 403/404."""
    if getattr(err, "status", 400) in (403, 404):
        raise err
    messages.error(request, err.message(lang()))


def pdf_download(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def file_download(document, handle) -> FileResponse:
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
