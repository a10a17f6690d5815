"""A user's own API tokens: issue (the key is shown once), list, revoke."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cakupan.accounts import services
from cakupan.accounts.models import ApiToken


@login_required
def token_list(request):
    raw = None
    if request.method == "POST":
        name = request.POST.get("name", "").strip() or _("tanpa nama")
        _token, raw = services.token_issue(actor=request.user, name=name)
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at")
    return render(request, "web/tokens.html", {"tokens": tokens, "raw": raw})


@require_POST
@login_required
def token_revoke(request, token_id: int):
    services.token_revoke(actor=request.user, token_id=token_id, reason="revoked by its owner")
    messages.success(request, _("Token dicabut."))
    return redirect("web:tokens")
