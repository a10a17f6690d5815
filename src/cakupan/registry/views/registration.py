"""BPU registration by a village operator on a phone: the form, the contribution preview and the
check of a typed NIK before anything is saved.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cakupan.accounts.scope import require_permission
from cakupan.errors import DomainError
from cakupan.registry import selectors, services
from cakupan.registry.forms import BpuRegistrationForm, NikCheckForm, PreviewForm
from cakupan.registry.validation import NikInvalid
from cakupan.registry.views.responses import error_text, local_today, page_lang
from cakupan.rules.errors import RuleError
from cakupan.rules.formats import long_date
from cakupan.rules.nik import mask_nik


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
            nik_problems = [p.message(page_lang()) for p in check.problems]
        except (DomainError, RuleError) as err:
            if err.code == "nik_mismatch":
                nik_problems = [error_text(err)]
            else:
                form.add_error(None, error_text(err))
        else:
            messages.success(
                request,
                format_html(
                    _("{name} terdaftar dan terlindungi JKK dan JKM mulai {start}."),
                    name=person.name,
                    start=long_date(data["start_date"], page_lang()),
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
        day = data["start_date"] or local_today()
        try:
            calculation = selectors.bpu_contribution_preview(
                day=day,
                income=data["income"],
                payer=data["payer"] or "self",
                transport_worker="transport_worker" in data["flags"],
            )
        except RuleError as err:
            context["message"] = error_text(err)
        else:
            lang = page_lang()
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
            "problems": [p.message(page_lang()) for p in check.problems],
            "nik_masked": mask_nik(check.value),
            "existing_url": _existing_link(request.user, check.existing_person_id, nik=check.value),
        }
    return render(request, "registry/_nik_check.html", context)
