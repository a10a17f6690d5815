"""The heirs section of the calculator: who is entitled, in legal order, from the family
typed in page rows (sent to the rules as the JSON `cakupan calc heirs` reads)."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext_lazy as _

from cakupan.calculators.forms import HeirsForm, RelativeForm, page_lang, place_error
from cakupan.calculators.labels import RECIPIENTS, RELATIONS, label
from cakupan.calculators.requests import heirs_request
from cakupan.rules.errors import RuleError
from cakupan.rules.heirs import HeirsResult
from cakupan.rules.wording import in_lang

ROWS_DEFAULT, ROWS_MAX = 4, 12


def _rows(source) -> int:
    """How many relative rows to show: as many as before, two more when asked ("more")."""
    try:
        rows = int(source.get("rows", ROWS_DEFAULT))
    except (TypeError, ValueError):
        rows = ROWS_DEFAULT
    if source.get("more"):
        rows += 2
    return max(1, min(ROWS_MAX, rows))


def heirs_page(request, source, today: str) -> dict[str, Any]:
    """The calculator's context for `kind=heirs`: the forms, and who is entitled once valid."""
    rows = _rows(source)
    bound = request.method == "POST" or "death_date" in request.GET
    data = source if bound else None
    form = HeirsForm(data, initial={"death_date": today})
    relatives = [RelativeForm(data, prefix=f"r{i}") for i in range(1, rows + 1)]
    result = error = None
    if bound and form.is_valid() and all(r.is_valid() for r in relatives):
        payload, numbers = _heirs_payload(form, relatives)
        row_word = _("Keluarga baris")

        def field(name: str) -> str:
            found = re.match(r"^relatives\[(\d+)\]\.(\w+)$", name)
            if found:
                row = numbers[int(found.group(1)) - 1]
                return f"{row_word} {row}: {relatives[0].fields[found.group(2)].label}"
            own = name.removeprefix("deceased.")
            return str(form.fields[own].label) if own in form.fields else name

        try:
            result = _heirs_result(heirs_request(payload, field=field), page_lang())
        except RuleError as err:
            fields = {"deceased.death_date": "death_date", "deceased.birth_date": "birth_date"}
            error = place_error(form, err, fields)
    return {
        "form": form,
        "relatives": relatives,
        "rows": rows,
        "more_rows": rows < ROWS_MAX,
        "heirs": result,
        "error": error,
    }


def _heirs_payload(form: HeirsForm, relatives: list[RelativeForm]) -> tuple[dict, list[int]]:
    """The JSON `cakupan calc heirs` reads, and the page row of each relative in it."""
    people, numbers = [], []
    for number, row in enumerate(relatives, start=1):
        data = row.cleaned_data
        if not data.get("relation"):
            continue
        person: dict[str, Any] = {"relation": data["relation"], "alive": data["alive"] != "no"}
        for name in ("name", "marital_status", "birth_date"):
            if data.get(name):
                person[name] = data[name]
        people.append(person)
        numbers.append(number)
    deceased = {"sex": form.cleaned_data["sex"], "death_date": form.cleaned_data["death_date"]}
    if form.cleaned_data.get("birth_date"):
        deceased["birth_date"] = form.cleaned_data["birth_date"]
    payload = {"program": form.cleaned_data["program"], "deceased": deceased, "relatives": people}
    return payload, numbers


def _heirs_result(result: HeirsResult, lang: str) -> dict[str, Any]:
    def person(r, reason=None) -> dict[str, Any]:
        return {
            "relation": label(RELATIONS[r.relation], lang),
            "name": r.name,
            "birth_date": r.birth_date,
            "reason": in_lang(reason, lang),
        }

    return {
        "program": result.program,
        "recipient": result.recipient,
        "recipient_label": label(RECIPIENTS[result.recipient], lang),
        "rank": result.group_rank,
        "reference": result.reference,
        "group": [person(r) for r in result.group],
        "scholarship_children": [person(r) for r in result.scholarship_children],
        "excluded": [person(r, why) for r, why in result.excluded],
    }
