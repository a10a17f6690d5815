"""Template filters for money, dates and masked identifiers."""

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from cakupan.rules import formats as formatting

register = template.Library()


def _lang() -> str:
    return get_language() or "id"


@register.filter
def rupiah(value):
    return formatting.rupiah(value)


@register.filter
def angka(value):
    return formatting.number(value)


@register.filter
def tanggal(value):
    """`27 November 2024`, from a date, a date-time (in local time) or an ISO text."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formatting.long_date(value, _lang())


@register.filter
def tanggal_waktu(value):
    """`27 November 2024 14:05` in local time: for events such as audit rows."""
    if not isinstance(value, dt.datetime):
        return tanggal(value)
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{formatting.long_date(value, _lang())} {value:%H:%M}"


@register.filter
def umur(value):
    """Age in completed years today (lists show it instead of a birth date)."""
    if not isinstance(value, dt.date):
        return None
    return formatting.age(value, timezone.localdate())


@register.filter
def persen(value, places=1):
    return formatting.percent(value, int(places), _lang())
