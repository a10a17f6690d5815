"""Registry pages: search (never browse), person and employer pages, BPU registration for a
village operator on a phone, and the de-duplication queue.

Views parse input, call selectors and services, and choose a template; scope and audit live
in the selectors and services they call, so a page cannot show more than its API would.
"""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cakupan.accounts.scope import require_permission, user_has_permission
from cakupan.audit.presentation import reason_label
from cakupan.errors import DomainError
from cakupan.registry import duplicates, selectors, services
from cakupan.registry.forms import (
    BpuRegistrationForm,
    CoverageDateForm,
    DismissForm,
    EmployerSearchForm,
    MergeForm,
    NikCheckForm,
    PreviewForm,
    RevealForm,
    SearchForm,
)
from cakupan.registry.models import Flag, Payer, Segment
from cakupan.registry.validation import NikInvalid
from cakupan.rules.errors import RuleError
from cakupan.rules.formats import long_date
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


def _lang() -> str:
    return (get_language() or "id")[:2]


def _today() -> dt.date:
    return timezone.localdate()


def _error_text(err) -> str:
    return err.message(_lang())


# ---------------------------------------------------------------- search


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
            error = _error_text(err)
    if employer_form.is_bound and employer_form.is_valid():
        try:
            employers = list(
                selectors.employer_search(
                    user=request.user, query=employer_form.cleaned_data["npp"]
                )
            )
        except DomainError as err:
            employer_error = _error_text(err)
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


# ---------------------------------------------------------------- person


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
    lang = _lang()
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
    return description.get(_lang()) or description.get("id") or name


def _person_context(request, person, *, nik_full: str | None = None) -> dict:
    user = request.user
    today = _today()
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


# ---------------------------------------------------------------- employer


@login_required
@require_GET
def employer_detail(request, employer_id: int):
    employer = selectors.employer_get(user=request.user, employer_id=employer_id)
    spells = list(selectors.employer_spells(user=request.user, employer=employer))
    dues = selectors.employer_contributions_due(user=request.user, employer=employer, day=_today())
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
            "today": _today(),
            "synthetic": employer.synthetic or any(s.person.synthetic for s in spells),
        },
    )


# ---------------------------------------------------------------- registration


def _existing_link(user, person_id: int | None, *, nik: str = ""):
    """A link to the person registered under this NIK, or None if the user may not see them.

    Outside the user's scope the page says only "already registered" (the same NIK is the same
    human, so registering them twice must be stopped), and the hit is written to the audit log:
    the check answers whether a NIK exists anywhere, so repeated probing must be visible.
    """
    if person_id is None:
        return None
    if selectors.person_visible(user=user, person_id=person_id):
        return reverse("registry:person", args=[person_id])
    services.nik_check_outside_scope_record(actor=user, person_id=person_id, nik=nik)
    return None


@login_required
def register(request):
    require_permission(user=request.user, permission="registry.register_person")
    villages = list(selectors.villages_for_registration(user=request.user))
    form = BpuRegistrationForm(request.POST or None, villages=villages)
    nik_problems, existing_url, duplicate = [], None, False
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            person, _spell = services.bpu_worker_register(actor=request.user, **data)
        except services.DuplicateNik as err:
            duplicate = True
            existing_url = _existing_link(
                request.user,
                err.existing_person_id,
                nik=selectors.nik_check(user=request.user, nik=data["nik"]).value,
            )
        except NikInvalid:
            check = selectors.nik_check(user=request.user, nik=data["nik"])
            nik_problems = [p.message(_lang()) for p in check.problems]
        except (DomainError, RuleError) as err:
            if err.code == "nik_mismatch":
                nik_problems = [_error_text(err)]
            else:
                form.add_error(None, _error_text(err))
        else:
            messages.success(
                request,
                format_html(
                    _("{name} terdaftar dan terlindungi JKK dan JKM mulai {start}."),
                    name=person.name,
                    start=long_date(data["start_date"], _lang()),
                ),
            )
            return redirect("registry:person", person_id=person.pk)
    return render(
        request,
        "registry/register.html",
        {
            "form": form,
            "nik_problems": nik_problems,
            "duplicate": duplicate,
            "existing_url": existing_url,
            "no_villages": not villages,
        },
    )


@login_required
@require_GET
def register_preview(request):
    """htmx fragment: the monthly BPU contribution for the income and date typed so far."""
    require_permission(user=request.user, permission="registry.register_person")
    form = PreviewForm(request.GET)
    context = {"calculation": None, "message": None}
    if form.is_valid() and form.cleaned_data["income"] is not None:
        data = form.cleaned_data
        day = data["start_date"] or _today()
        try:
            calculation = selectors.bpu_contribution_preview(
                day=day,
                income=data["income"],
                payer=data["payer"] or "self",
                transport_worker="transport_worker" in data["flags"],
            )
        except RuleError as err:
            context["message"] = _error_text(err)
        else:
            lang = _lang()
            context.update(
                calculation=calculation,
                day=day,
                components=[
                    {
                        "label": c.label(lang),
                        "amount": c.amount,
                        "reference": c.reference,
                        "informational": c.informational,
                    }
                    for c in calculation.components
                ],
            )
    return render(request, "registry/_preview.html", context)


@login_required
@require_GET
def register_nik_check(request):
    """htmx fragment: every NIK problem at once, or the person it already belongs to."""
    require_permission(user=request.user, permission="registry.register_person")
    form = NikCheckForm(request.GET)
    context = {"empty": True}
    if form.is_valid() and form.cleaned_data["nik"].strip():
        data = form.cleaned_data
        check = selectors.nik_check(
            user=request.user,
            nik=data["nik"],
            birth_date=data["birth_date"],
            sex=data["sex"] or None,
        )
        context = {
            "empty": False,
            "check": check,
            "problems": [p.message(_lang()) for p in check.problems],
            "nik_masked": mask_nik(check.value),
            "existing_url": _existing_link(request.user, check.existing_person_id, nik=check.value),
        }
    return render(request, "registry/_nik_check.html", context)


# ---------------------------------------------------------------- duplicates


@login_required
@require_GET
def duplicate_list(request):
    require_permission(user=request.user, permission="registry.manage_spell")
    queue = selectors.duplicate_queue(user=request.user)
    synthetic = any(p["person"].synthetic for item in queue for p in item["persons"])
    return render(request, "registry/duplicates.html", {"queue": queue, "synthetic": synthetic})


@login_required
@require_POST
def duplicate_merge(request, candidate_id: int):
    candidate = selectors.duplicate_get(user=request.user, candidate_id=candidate_id)
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih orang yang dipertahankan dan isi alasan."))
        return redirect("registry:duplicates")
    try:
        kept = duplicates.duplicate_merge(
            actor=request.user,
            candidate_id=candidate.pk,
            keep_person_id=form.cleaned_data["keep_person_id"],
            reason=form.cleaned_data["reason"],
        )
    except DomainError as err:
        messages.error(request, _error_text(err))
        return redirect("registry:duplicates")
    messages.success(request, _("Digabung ke {name}.").format(name=kept.name))
    return redirect("registry:duplicates")


@login_required
@require_POST
def duplicate_dismiss(request, candidate_id: int):
    candidate = selectors.duplicate_get(user=request.user, candidate_id=candidate_id)
    form = DismissForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Isi alasan."))
        return redirect("registry:duplicates")
    duplicates.duplicate_dismiss(
        actor=request.user, candidate_id=candidate.pk, reason=form.cleaned_data["reason"]
    )
    messages.success(request, _("Ditandai bukan duplikat."))
    return redirect("registry:duplicates")
