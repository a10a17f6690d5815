"""The calculator page: contributions and benefits for one case, each component with its legal
reference, and the heirs section (`views.heirs`).

The calculator asks `cakupan.calculators.requests` (the parser the CLI and the API use) and
shows the `Calculation` it returns; a rule error is shown next to the field it is about (or
above the form) in the user's language. The page submits with GET, so a result is a link an
officer can send to a family. Death benefits show what is paid on the claim apart from the
scholarships paid school year by school year.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from cakupan.accounts.scope import require_permission
from cakupan.calculators.forms import KINDS, CalculatorForm, Kind, page_lang, place_error
from cakupan.calculators.labels import payer_label
from cakupan.calculators.requests import benefit_request, contribution_request
from cakupan.calculators.views.heirs import heirs_page
from cakupan.calculators.views.parameters import reference_note, value_lines
from cakupan.rules.benefits.scholarship import SCHOLARSHIP, SCHOLARSHIPS_NOTE, benefit_subtotals
from cakupan.rules.calculation import Calculation, display_order
from cakupan.rules.errors import RuleError
from cakupan.rules.params import param
from cakupan.rules.wording import in_lang


def _compute(kind: Kind, form: CalculatorForm) -> Calculation:
    data = {k: v for k, v in form.cleaned_data.items() if not k.startswith("child_")}
    children = [form.cleaned_data.get(f"child_{i}") for i in (1, 2)]
    if any(children):
        data["children"] = [c for c in children if c]
    if kind.group == "contribution":
        return contribution_request(**kind.fixed, **data, field=form.label_of)
    return benefit_request(**kind.fixed, **data, field=form.label_of)


def _components(components, lang: str) -> list[dict[str, Any]]:
    return [
        {
            "program": c.program,
            "label": c.label(lang),
            "detail": in_lang(c.detail, lang),
            "amount": c.amount,
            "payer": payer_label(c.payer, lang) if c.payer else None,
            "reference": c.reference,
            "informational": c.informational,
            "info_note": c.info_note(lang),
        }
        for c in display_order(components)
    ]


def _result(calc: Calculation, lang: str, *, benefit: bool = False) -> dict[str, Any]:
    """The calculation as rows a template can show without calling anything."""
    trace = []
    for t in calc.trace:
        found = param(t.parameter)
        trace.append(
            {
                "parameter": t.parameter,
                "description": found.description.get(lang, found.description["id"]),
                "lines": value_lines(t.value, found.unit, found.units, lang),
                "from": t.effective_from,
                "reference": t.reference,
                "note": reference_note(t.note, lang),
            }
        )
    result = {
        "total": calc.total,
        "components": _components(calc.components, lang),
        "by_payer": [(payer_label(p, lang), a) for p, a in calc.totals_by_payer.items()],
        "trace": trace,
        "notes": [in_lang(note, lang) for note in calc.notes],
        "benefit": benefit,
    }
    if benefit:
        result.update(benefit_subtotals(calc))
        result["paid"] = _components([c for c in calc.components if c.name != SCHOLARSHIP], lang)
        result["scholarships"] = _components(
            [c for c in calc.components if c.name == SCHOLARSHIP], lang
        )
        result["scholarships_note"] = SCHOLARSHIPS_NOTE.in_lang(lang)
    return result


@login_required
def calculator(request):
    """Contributions, benefits and heirs for one case, with each component's legal reference."""
    require_permission(user=request.user, permission="rules.view")
    source = request.POST if request.method == "POST" else request.GET
    key = source.get("kind", "bpu")
    key = key if key in KINDS else "bpu"
    kind = KINDS[key]
    today = timezone.localdate().isoformat()
    context = {
        "contributions": [(k, v.title) for k, v in KINDS.items() if v.group == "contribution"],
        "benefits": [(k, v.title) for k, v in KINDS.items() if v.group == "benefit"],
        "kind": key,
        "kind_title": kind.title,
        "result": None,
        "error": None,
    }
    if kind.group == "heirs":
        context.update(heirs_page(request, source, today))
        return render(request, "calculators/calculator.html", context)
    bound = request.method == "POST" or "date" in request.GET
    form = CalculatorForm(source if bound else None, kind=kind, initial={"date": today})
    if bound and form.is_valid():
        try:
            calc = _compute(kind, form)
            context["result"] = _result(calc, page_lang(), benefit=kind.group == "benefit")
        except RuleError as err:
            context["error"] = place_error(form, err, {name: name for name in form.fields})
    context.update(form=form, date=source.get("date") or today)
    # 200 even with an error: it is shown next to the form, and htmx swaps only 2xx answers.
    return render(request, "calculators/calculator.html", context)
