"""Registry pages for finding and reading: search (never browse), the person page (coverage as of
a date, timeline, contributions due, history) and the employer page.

Views parse input, call selectors and services, and choose a template; scope and audit live
in the selectors and services they call, so a page cannot show more than its API would.
"""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cakupan.accounts.scope import require_permission, user_has_permission
from cakupan.audit.presentation import reason_label
from cakupan.errors import DomainError
from cakupan.registry import selectors, services
from cakupan.registry.forms import CoverageDateForm, EmployerSearchForm, RevealForm, SearchForm
from cakupan.registry.models import Flag, Payer, Segment
from cakupan.registry.views.responses import error_text, local_today, page_lang
from cakupan.rules.errors import RuleError
from cakupan.rules.nik import mask_nik
from cakupan.rules.params import param

ACTIONS = {
    "registry.person_register": gettext_lazy("Didaftarkan"),
    "registry.person_update": gettext_lazy("Data diubah"),
    "registry.nik_view": gettext_lazy("NIK lengkap dibuka"),
    "registry.person_merge": gettext_lazy("Digabung dengan duplikat"),
    "registry.spell_add": gettext_lazy("Masa kepesertaan ditambahkan"),
    "registry.spell_end": gettext_lazy("Masa kepesertaan diakhiri"),
    "registry.nik_check_outside_scope": gettext_lazy("NIK dicek dari luar wilayah"),
}
NOTES = {
    "segment": gettext_lazy("Iuran segmen ini dihitung per proyek/kontrak, tidak di sini."),
    "no_wage": gettext_lazy("Upah/penghasilan belum dicatat."),
    "no_employer": gettext_lazy("Pemberi kerja belum dicatat."),
}


@login_required
@require_http_methods(["GET", "POST"])
def search(request):
    """The search form posts, so a typed NIK stays out of URLs, access logs and history."""
    require_permission(user=request.user, permission="registry.view_person")
    data = request.POST if request.method == "POST" else request.GET
    form = SearchForm(data if "q" in data else None)
    employer_form = EmployerSearchForm(request.GET if "npp" in request.GET else None)
    persons, employers, error, employer_error = None, None, None, None
    if form.is_valid():
        try:
            persons = list(
                selectors.person_search(
                    user=request.user,
                    query=form.cleaned_data["q"],
                    birth_date=form.cleaned_data["birth_date"],
                )
            )
        except DomainError as err:
            error = error_text(err)
    if employer_form.is_bound and employer_form.is_valid():
        try:
            employers = list(
                selectors.employer_search(
                    user=request.user, query=employer_form.cleaned_data["npp"]
                )
            )
        except DomainError as err:
            employer_error = error_text(err)
    names = selectors.region_names(codes={p.region_code for p in persons or []})
    rows = [
        {"person": p, "nik": mask_nik(p.nik), "desa": names.get(p.region_code, p.region_code)}
        for p in persons or []
    ]
    return render(
        request,
        "registry/search.html",
        {
            "form": form,
            "employer_form": employer_form,
            "rows": rows,
            "searched": persons is not None,
            "employers": employers,
            "error": error,
            "employer_error": employer_error,
            "search_limit": selectors.SEARCH_LIMIT,
            "persons_truncated": len(persons or []) >= selectors.SEARCH_LIMIT,
            "employers_truncated": len(employers or []) >= selectors.SEARCH_LIMIT,
            "synthetic": any(p.synthetic for p in persons or [])
            or any(e.synthetic for e in employers or []),
            "can_register": user_has_permission(
                user=request.user, permission="registry.register_person"
            ),
            "can_dedupe": user_has_permission(
                user=request.user, permission="registry.manage_spell"
            ),
        },
    )


def _timeline(spells, today: dt.date, as_of: dt.date | None) -> dict:
    """Bars positioned on one shared axis, from the first start to the last end (or today)."""
    if not spells:
        return {"bars": [], "start": None, "end": None}
    first = min(s.start_date for s in spells)
    last = max([s.end_date or today for s in spells] + [today, as_of or today])
    span = max((last - first).days + 1, 1)
    bars = []
    for s in spells:
        end = s.end_date or last
        if s.start_date > today:
            status, label = "future", _("akan datang")
        elif s.end_date is not None and s.end_date < today:
            status, label = "ended", _("berakhir")
        else:
            status, label = "active", _("aktif")
        bars.append(
            {
                "spell": s,
                "left": round((s.start_date - first).days / span * 100, 2),
                "width": max(round(((end - s.start_date).days + 1) / span * 100, 2), 1.5),
                "status": status,
                "status_label": label,
                "on_date": as_of is not None and s.covers(as_of),
            }
        )
    marker = None
    if as_of is not None and first <= as_of <= last:
        marker = round((as_of - first).days / span * 100, 2)
    return {"bars": bars, "start": first, "end": last, "marker": marker}


def _dues(items) -> list[dict]:
    lang = page_lang()
    rows = []
    for due in items:
        row = {"spell": due.spell, "total": None, "components": [], "message": ""}
        if due.calculation is not None:
            row["total"] = due.calculation.total
            row["components"] = [
                {
                    "label": c.label(lang),
                    "amount": c.amount,
                    "payer": c.payer,
                    "reference": c.reference,
                    "informational": c.informational,
                }
                for c in due.calculation.components
            ]
        elif due.error is not None:
            row["message"] = due.error.message(lang)
        else:
            row["message"] = str(NOTES.get(due.note, due.note))
        rows.append(row)
    return rows


def _parameter_description(name: str) -> str:
    """A rule parameter as the parameters page names it (`jkk.wage_multiple` -> its words)."""
    try:
        description = param(name).description
    except RuleError:
        return name
    return description.get(page_lang()) or description.get("id") or name


def _person_context(request, person, *, nik_full: str | None = None) -> dict:
    user = request.user
    today = local_today()
    date_form = CoverageDateForm(request.GET or None)
    as_of = date_form.cleaned_data["tanggal"] if date_form.is_valid() else None
    spells = list(selectors.person_spells(person=person))
    answer, rules = None, []
    if as_of is not None:
        answer = selectors.coverage_on(nik=person.nik, day=as_of, user=user)
        payers, segments = dict(Payer.choices), dict(Segment.choices)
        for s in answer.spells:
            s.payer_label = payers.get(s.payer, s.payer)
            s.segment_label = segments.get(s.segment, s.segment)
        rules = [{**r, "description": _parameter_description(r["parameter"])} for r in answer.rules]
    history = [
        {"event": e, "label": ACTIONS.get(e.action, e.action), "reason": reason_label(e.reason)}
        for e in selectors.person_history(user=user, person_id=person.pk)[:100]
    ]
    flags = dict(Flag.choices)
    return {
        "person": person,
        "nik_masked": mask_nik(person.nik),
        "nik_full": nik_full,
        "desa": selectors.region_names(codes=[person.region_code]).get(
            person.region_code, person.region_code
        ),
        "flags": [flags.get(f, f) for f in selectors.person_flags(person=person)],
        "spells": spells,
        "timeline": _timeline(spells, today, as_of),
        "date_form": date_form,
        "as_of": as_of,
        "answer": answer,
        "rules": rules,
        "today": today,
        "dues": _dues(
            selectors.person_contributions_due(user=user, person_id=person.pk, day=today)
        ),
        "history": history,
        "can_reveal": user_has_permission(
            user=user, permission="registry.view_nik", region_code=person.region_code
        ),
        "synthetic": person.synthetic or any(s.synthetic for s in spells),
    }


@login_required
@require_GET
def person_detail(request, person_id: int):
    person = selectors.person_get(user=request.user, person_id=person_id)
    if person.merged_into_id and selectors.person_visible(
        user=request.user, person_id=person.merged_into_id
    ):
        messages.info(request, _("Orang ini telah digabung; ditampilkan data yang dipertahankan."))
        return redirect("registry:person", person_id=person.merged_into_id)
    return render(request, "registry/person.html", _person_context(request, person))


@login_required
@require_POST
def person_reveal_nik(request, person_id: int):
    """Show the full NIK (htmx swaps the masked one); the service audits who saw it."""
    form = RevealForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    nik = services.person_reveal_nik(actor=request.user, person_id=person_id, reason=reason)
    if request.htmx:
        return render(request, "registry/_nik.html", {"nik_full": nik, "nik_masked": mask_nik(nik)})
    person = selectors.person_get(user=request.user, person_id=person_id)
    return render(request, "registry/person.html", _person_context(request, person, nik_full=nik))


@login_required
@require_GET
def employer_detail(request, employer_id: int):
    employer = selectors.employer_get(user=request.user, employer_id=employer_id)
    spells = list(selectors.employer_spells(user=request.user, employer=employer))
    dues = selectors.employer_contributions_due(
        user=request.user, employer=employer, day=local_today()
    )
    rows = _dues(dues)
    for row in rows:
        row["nik"] = mask_nik(row["spell"].person.nik)
    return render(
        request,
        "registry/employer.html",
        {
            "employer": employer,
            "desa": selectors.region_names(codes=[employer.region_code]).get(
                employer.region_code, employer.region_code
            ),
            "spells": [{"spell": s, "nik": mask_nik(s.person.nik)} for s in spells],
            "dues": rows,
            "dues_total": sum(r["total"] or 0 for r in rows),
            "today": local_today(),
            "synthetic": employer.synthetic or any(s.person.synthetic for s in spells),
        },
    )
