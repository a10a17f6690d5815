"""Calculation and heirs results as the JSON `cakupan calc ... --json` prints and the API answers:
details, notes, labels and reasons in the chosen language, NIKs masked."""

from __future__ import annotations

from typing import Any

from cakupan.calculators.labels import RECIPIENTS, RELATIONS, label
from cakupan.rules.benefits.scholarship import SCHOLARSHIPS_NOTE, benefit_subtotals
from cakupan.rules.calculation import Calculation
from cakupan.rules.heirs import HeirsResult, Relative
from cakupan.rules.nik import mask_nik
from cakupan.rules.wording import in_lang


def _localised(calc: Calculation, lang: str) -> dict[str, Any]:
    data = calc.as_dict(lang)
    for row, component in zip(data["components"], calc.components, strict=True):
        row["detail"] = in_lang(component.detail, lang)
    for row, item in zip(data["trace"], calc.trace, strict=True):
        row["note"] = in_lang(item.note, lang)
    data["notes"] = [in_lang(note, lang) for note in calc.notes]
    return data


def contribution_as_dict(calc: Calculation, lang: str = "id") -> dict[str, Any]:
    """What `cakupan calc contribution --json` prints (details and notes in `lang`)."""
    return _localised(calc, lang)


def benefit_as_dict(calc: Calculation, lang: str = "id") -> dict[str, Any]:
    """What `cakupan calc benefit --json` prints: the calculation plus its two subtotals."""
    data = _localised(calc, lang)
    subtotals = benefit_subtotals(calc)
    data.update(subtotals)
    data["scholarships_note"] = (
        SCHOLARSHIPS_NOTE.in_lang(lang) if subtotals["scholarships_total"] else None
    )
    return data


def person_as_dict(r: Relative, lang: str = "id") -> dict[str, Any]:
    return {
        "relation": r.relation,
        "relation_label": label(RELATIONS.get(r.relation, (r.relation, r.relation)), lang),
        "name": r.name,
        "nik": mask_nik(r.nik) if r.nik else None,
        "birth_date": r.birth_date.isoformat() if r.birth_date else None,
    }


def heirs_as_dict(result: HeirsResult, lang: str = "id") -> dict[str, Any]:
    """What `cakupan calc heirs --json` prints; NIKs masked, labels and reasons in `lang`."""
    return {
        "program": result.program,
        "recipient": result.recipient,
        "recipient_label": label(RECIPIENTS[result.recipient], lang),
        "group_rank": result.group_rank,
        "reference": result.reference,
        "group": [person_as_dict(r, lang) for r in result.group],
        "scholarship_children": [person_as_dict(r, lang) for r in result.scholarship_children],
        "excluded": [
            dict(person_as_dict(r, lang), reason=in_lang(why, lang)) for r, why in result.excluded
        ],
    }
