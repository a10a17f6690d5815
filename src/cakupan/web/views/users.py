"""User pages: list, detail, edit and export, all inside the viewer's region scope."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cakupan.accounts import selectors, services
from cakupan.accounts.scope import require_permission, user_has_permission
from cakupan.web.forms import UserEditForm


@login_required
def user_list(request):
    require_permission(user=request.user, permission="accounts.view_user")
    search = request.GET.get("q", "").strip()
    users = selectors.user_list(user=request.user, search=search)[:200]
    return render(
        request,
        "web/users/list.html",
        {
            "users": users,
            "search": search,
            "can_export": user_has_permission(user=request.user, permission="accounts.export_user"),
        },
    )


@login_required
def user_detail(request, user_id: int):
    target = selectors.user_get(user=request.user, user_id=user_id)
    can_edit = user_has_permission(user=request.user, permission="accounts.manage_user") and (
        selectors.user_list(user=request.user, permission="accounts.manage_user")
        .filter(pk=target.pk)
        .exists()
    )
    return render(request, "web/users/detail.html", {"target": target, "can_edit": can_edit})


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
            return redirect("web:user_detail", user_id=target.pk)
    else:
        form = UserEditForm(
            initial={
                "full_name": target.full_name,
                "office": target.office,
                "is_active": target.is_active,
            }
        )
    return render(request, "web/users/edit.html", {"target": target, "form": form})


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
