"""The regulation parameters page: every parameter, grouped by subject, with its dated values
and references, written for people (units, codes and confidence markers in words).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from cakupan.accounts.scope import require_permission
from cakupan.calculators.forms import page_lang
from cakupan.calculators.labels import RELATIONS, label
from cakupan.rules import formats as formatting
from cakupan.rules.benefits.scholarship import LEVELS, level_label
from cakupan.rules.params import parameters_catalog
from cakupan.rules.wording import Words

SUBJECTS = {
    "pu": _("Iuran pekerja penerima upah (PU)"),
    "bpu": _("Iuran pekerja bukan penerima upah (BPU)"),
    "jakon": _("Iuran jasa konstruksi"),
    "pmi": _("Iuran pekerja migran Indonesia (PMI)"),
    "jkp": _("Jaminan Kehilangan Pekerjaan (JKP)"),
    "relief": _("Keringanan iuran"),
    "arrears": _("Tunggakan dan masa tenggang iuran"),
    "jkk": _("Manfaat Jaminan Kecelakaan Kerja (JKK)"),
    "jkm": _("Manfaat Jaminan Kematian (JKM)"),
    "scholarship": _("Beasiswa anak"),
    "heirs": _("Ahli waris"),
    "election": _("Petugas ad hoc pemilihan umum"),
}
UNITS = {
    "rupiah": _("rupiah"),
    "percent": _("persen"),
    "multiplier": _("kali upah"),
    "months": _("bulan"),
    "days": _("hari"),
    "years": _("tahun"),
    "count": _("jumlah"),
    "code": _("kode"),
    "boolean": _("ya/tidak"),
}


# Keys inside table values and code values, as people call them.
VALUE_KEYS = {
    "per_year": _("per tahun"),
    "years": _("lama"),
    "up_to": _("sampai nilai"),
    "rate": _("tarif"),
    "months": _("lama"),
    "percent": _("persen upah"),
    "jkk": "JKK",
    "jkm": "JKM",
}
CODES = {
    "lump_sum": _("sekaligus untuk satu anak"),
    "per_level": _("per tahun menurut jenjang sekolah"),
    "apbn": "APBN",
    "apbd": "APBD",
    "apbdes": "APBDes",
}
# How sure the sources are (rules.md): the marker that opens a reference's note.
CONFIDENCE = {
    "C2": _("dikonfirmasi dua sumber atau lebih"),
    "C1": _("dari satu sumber"),
    "U": _("belum pasti"),
}
_MARKER = re.compile(r"^\[(C1|C2|U)\]\s*")
_INLINE_MARKER = re.compile(r"\[(C1|C2|U)\]")


def _key(key: Any, lang: str) -> str:
    text = str(key)
    if text in LEVELS:
        return level_label(text, lang)
    return str(VALUE_KEYS.get(text, text))


def _code(value: str, lang: str) -> str:
    if value in RELATIONS:
        return label(RELATIONS[value], lang)
    return str(CODES.get(value, value))


def reference_note(note: Any, lang: str) -> dict[str, Any] | None:
    """A reference's note as {confidence, text, text_lang} for a page; None if there is none.

    Notes written by the rules come in both languages. The research notes in the parameter
    files are English only (the loader reads one `note` per value): their confidence marker is
    put in words, and the page marks the rest as English text.
    """
    if not note:
        return None
    if isinstance(note, Words):
        return {"confidence": None, "text": note.in_lang(lang), "text_lang": lang, "foreign": False}
    text = str(note)
    found = _MARKER.match(text)
    confidence = CONFIDENCE[found.group(1)] if found else None
    rest = text[found.end() :] if found else text
    rest = _INLINE_MARKER.sub(lambda m: f"({CONFIDENCE[m.group(1)]})", rest)
    return {"confidence": confidence, "text": rest, "text_lang": "en", "foreign": lang != "en"}


def _scalar(value: Any, unit: str, lang: str) -> str:
    if value is None:
        return "∞"  # an open end: the last tier's upper bound, the last period's length
    if isinstance(value, bool):
        return str(_("ya") if value else _("tidak"))
    if unit == "rupiah" and isinstance(value, int | Decimal | str):
        return formatting.rupiah(Decimal(value))
    if unit == "percent":
        exact = Decimal(value).normalize()
        return formatting.percent(exact, max(0, -exact.as_tuple().exponent), lang)
    if unit == "multiplier":
        return f"{value} ×"
    if unit in ("months", "days", "years") and isinstance(value, int):
        return f"{formatting.number(value)} {UNITS[unit]}"
    if unit == "count" and isinstance(value, int):
        return formatting.number(value)
    if unit == "code" and isinstance(value, str):
        return _code(value, lang)
    return str(value)


def value_lines(value: Any, unit: str, units: dict[str, str], lang: str) -> list[str]:
    """A parameter value as short lines of text: one per table row or list item."""

    def text(item: Any, own: str) -> str:
        if isinstance(item, dict):
            parts = [f"{_key(k, lang)}: {text(v, units.get(str(k), own))}" for k, v in item.items()]
            return ", ".join(parts)
        if isinstance(item, list):
            return ", ".join(text(v, own) for v in item)
        return _scalar(item, own, lang)

    if isinstance(value, dict):
        return [f"{_key(k, lang)}: {text(v, units.get(str(k), unit))}" for k, v in value.items()]
    if isinstance(value, list):
        numbered = len(value) > 1 and all(isinstance(v, list | dict) for v in value)
        return [
            f"{i}. {text(v, unit)}" if numbered else text(v, unit)
            for i, v in enumerate(value, start=1)
        ]
    return [text(value, unit)]


@login_required
def parameter_list(request):
    """Every parameter, grouped by subject, with its dated values and references."""
    require_permission(user=request.user, permission="rules.view")
    lang = page_lang()
    groups: dict[str, dict[str, Any]] = {}
    for item in parameters_catalog():
        subject = item["name"].split(".", 1)[0]
        group = groups.setdefault(
            subject, {"key": subject, "title": SUBJECTS.get(subject, subject), "parameters": []}
        )
        group["parameters"].append(
            {
                "name": item["name"],
                "description": item["description"].get(lang, item["description"]["id"]),
                "unit": UNITS.get(item["unit"], item["unit"]),
                "values": [
                    {
                        "from": formatting.long_date(dt.date.fromisoformat(v["from"]), lang),
                        "lines": value_lines(v["value"], item["unit"], item["units"], lang),
                        **v["reference"],
                        "note": reference_note(v["reference"].get("note"), lang),
                    }
                    for v in item["values"]
                ],
            }
        )
    order = list(SUBJECTS)
    ordered = sorted(
        groups.values(), key=lambda g: order.index(g["key"]) if g["key"] in order else 99
    )
    return render(request, "calculators/parameters.html", {"groups": ordered})
