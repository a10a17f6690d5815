"""Which column of the file is which field: proposed from header synonyms, confirmed by the
operator. Headers are compared without case, spaces or punctuation, so `No. KTP`, `NO KTP`
and `no_ktp` are one header."""

import re
import unicodedata

from django.utils import translation
from django.utils.text import format_lazy

from cakupan.errors import DomainError


def header_key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def _synonyms(kind) -> dict[str, str]:
    table = {}
    for field in kind.fields:
        # The label in both languages: an English header is as good as an Indonesian one.
        with translation.override("id"):
            label_id = str(field.label)
        with translation.override("en"):
            label_en = str(field.label)
        for synonym in (field.name, label_id, label_en, *field.synonyms):
            table.setdefault(header_key(synonym), field.name)
    return table


def header_score(kind):
    """For the reader: how many cells of a row look like headers of this kind."""
    table = _synonyms(kind)
    return lambda cells: len({table[k] for k in map(header_key, cells) if k in table})


def mapping_propose(*, kind, columns: list[str]) -> dict[str, str]:
    """{column: field} for the columns whose header is a known synonym; first one wins."""
    table = _synonyms(kind)
    proposed, taken = {}, set()
    for column in columns:
        field = table.get(header_key(column))
        if field and field not in taken:
            proposed[column] = field
            taken.add(field)
    return proposed


def mapping_check(*, kind, columns: list[str], mapping: dict[str, str]) -> dict[str, str]:
    """The mapping without empty choices; refused if a field is used twice, a column or field is
    unknown, or a required field has no column."""
    clean = {c: f for c, f in mapping.items() if f}
    known = {f.name for f in kind.fields}
    unknown = [c for c in clean if c not in columns] + [f for f in clean.values() if f not in known]
    if unknown:
        raise DomainError(
            "mapping_unknown",
            "Kolom atau isian tidak dikenal: {names}",
            "Unknown column or field: {names}",
            names=", ".join(unknown),
        )
    used = list(clean.values())
    twice = sorted({f for f in used if used.count(f) > 1})
    if twice:
        raise DomainError(
            "mapping_twice",
            "Isian dipetakan lebih dari satu kolom: {names}",
            "Fields mapped from more than one column: {names}",
            names=", ".join(twice),
        )
    missing = [f.label for f in kind.fields if f.required and f.name not in used]
    if missing:
        raise DomainError(
            "mapping_required",
            "Kolom wajib belum dipetakan: {names}",
            "Required columns are not mapped: {names}",
            # Lazy, so the message names the columns in the language it is shown in.
            names=format_lazy(", ".join(["{}"] * len(missing)), *missing),
        )
    return clean
