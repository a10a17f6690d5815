"""Template filters for money, dates and masked identifiers."""

from django import template
from django.utils.translation import get_language

from cakupan import formatting

register = template.Library()


@register.filter
def rupiah(value):
    return formatting.rupiah(value)


@register.filter
def angka(value):
    return formatting.number(value)


@register.filter
def tanggal(value):
    return formatting.long_date(value, get_language() or "id")


@register.filter
def persen(value, places=1):
    return formatting.percent(value, int(places), get_language() or "id")
