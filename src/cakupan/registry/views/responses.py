"""Small things every registry page needs: the language, today, a domain error as text."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import get_language


def page_lang() -> str:
    return (get_language() or "id")[:2]


def local_today() -> dt.date:
    return timezone.localdate()


def error_text(err) -> str:
    return err.message(page_lang())
