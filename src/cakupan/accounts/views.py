"""Account pages: users (list, add, detail, edit, export, inside the viewer's region scope) and
each user's own API tokens.

A new token is issued by a POST, then a redirect (so a reload cannot issue a second token); the
key rides in the session for that one redirect and is removed as soon as it is shown. The page
that shows it is never cached, so the back button cannot bring it back.
"""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cakupan.accounts import selectors, services
from cakupan.accounts.forms import UserCreateForm, UserEditForm
from cakupan.accounts.scope import permitted_region_codes, require_permission, user_has_permission
from cakupan.errors import DomainError
from cakupan.regions.selectors import region_display_name, region_labels, regions_inside

_NEW_PASSWORD = "cakupan.new_user_password"
_NEW_TOKEN = "cakupan.new_token"


def _assignment_rows(users) -> dict[int, list[dict]]:
    """Each user's assignments with the region's name beside its code."""
    assignments = {u.pk: list(u.assignments.all()) for u in users}
    names = region_labels(codes={a.region_code for rows in assignments.values() for a in rows})
    return {
        pk: [{"assignment": a, "region": names.get(a.region_code, "")} for a in rows]
        for pk, rows in assignments.items()
    }


@login_required
def user_list(request):
    require_permission(user=request.user, permission="accounts.view_user")
    search = request.GET.get("q", "").strip()
    users = list(selectors.user_list(user=request.user, search=search)[:200])
    rows = _assignment_rows(users)
    return render(
        request,
        "accounts/users/list.html",
        {
            "users": [{"user": u, "assignments": rows[u.pk]} for u in users],
            "search": search,
            "can_export": user_has_permission(user=request.user, permission="accounts.export_user"),
            "can_create": user_has_permission(user=request.user, permission="accounts.manage_user"),
        },
    )


@login_required
def user_create(request):
    """Add a user with a first role in a region inside the administrator's own scope."""
    require_permission(user=request.user, permission="accounts.manage_user")
    areas = permitted_region_codes(user=request.user, permission="accounts.manage_user")
    form = UserCreateForm(request.POST or None, areas=areas)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        password = data["password1"] or services.password_generate()
        try:
            user = services.user_create(
                actor=request.user,
                username=data["username"],
                password=password,
                role=data["role"],
                region_code=data["region"],
                full_name=data["full_name"],
                office=data["office"],
                email=data["email"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                reason=data["reason"],
            )
        except DomainError as err:
            field = {
                "permission_denied": "region",
                "region_unknown": "region",
                "username_taken": "username",
                "username_invalid": "username",
                "email_invalid": "email",
                "password_weak": "password1",
                "dates_reversed": "valid_to",
                "role_unknown": "role",
            }.get(err.code)
            message = err.message((get_language() or "id")[:2])
            if err.code == "permission_denied":
                message = _("Anda hanya dapat memberi peran di dalam wilayah Anda: {areas}.")
                message = message.format(areas=", ".join(areas))
            form.add_error(field, message)
        else:
            if not data["password1"]:
                request.session[_NEW_PASSWORD] = {"user": user.pk, "password": password}
            done = _("Pengguna {username} dibuat.").format(username=user.username)
            messages.success(request, done)
            return redirect("accounts:user_detail", user_id=user.pk)
    options = [
        {"code": r.code, "label": f"{region_display_name(r)} ({r.get_level_display()})"}
        for r in regions_inside(codes=areas)
    ]
    return render(request, "accounts/users/create.html", {"form": form, "region_options": options})


@login_required
def user_detail(request, user_id: int):
    target = selectors.user_get(user=request.user, user_id=user_id)
    can_edit = user_has_permission(user=request.user, permission="accounts.manage_user") and (
        selectors.user_list(user=request.user, permission="accounts.manage_user")
        .filter(pk=target.pk)
        .exists()
    )
    new = request.session.get(_NEW_PASSWORD)
    password = None
    if new and new.get("user") == target.pk:
        password = request.session.pop(_NEW_PASSWORD)["password"]
    response = render(
        request,
        "accounts/users/detail.html",
        {
            "target": target,
            "assignments": _assignment_rows([target])[target.pk],
            "can_edit": can_edit,
            "new_password": password,
        },
    )
    if password:
        add_never_cache_headers(response)
    return response


@login_required
def user_edit(request, user_id: int):
    target = selectors.user_get(
        user=request.user, user_id=user_id, permission="accounts.manage_user"
    )
    if request.method == "POST":
        form = UserEditForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            reason = data.pop("reason")
            services.user_update(actor=request.user, user_id=target.pk, reason=reason, **data)
            messages.success(request, _("Perubahan disimpan."))
            return redirect("accounts:user_detail", user_id=target.pk)
    else:
        form = UserEditForm(
            initial={
                "full_name": target.full_name,
                "office": target.office,
                "is_active": target.is_active,
            }
        )
    return render(request, "accounts/users/edit.html", {"target": target, "form": form})


@login_required
def user_export(request):
    require_permission(user=request.user, permission="accounts.export_user")
    users = selectors.user_list(user=request.user, permission="accounts.export_user")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="pengguna.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 correctly only with a BOM
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [_("Nama pengguna"), _("Nama lengkap"), _("Instansi"), _("Peran"), _("Wilayah")]
    )
    for u in users:
        for a in u.assignments.all():
            writer.writerow(
                [u.username, u.full_name, u.office, a.get_role_display(), a.region_code]
            )
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def token_list(request):
    if request.method == "POST":
        name = request.POST.get("name", "").strip()[:100] or _("tanpa nama")
        token, raw = services.token_issue(actor=request.user, name=name)
        request.session[_NEW_TOKEN] = {"id": token.pk, "raw": raw}
        return redirect("accounts:tokens")
    new = request.session.pop(_NEW_TOKEN, None)
    tokens = selectors.token_list(user=request.user)
    response = render(
        request,
        "accounts/tokens.html",
        {
            "tokens": tokens,
            "raw": new["raw"] if new else None,
            "new_id": new["id"] if new else None,
        },
    )
    add_never_cache_headers(response)
    return response


@require_POST
@login_required
def token_revoke(request, token_id: int):
    services.token_revoke(actor=request.user, token_id=token_id, reason="revoked by its owner")
    messages.success(request, _("Token dicabut."))
    return redirect("accounts:tokens")
