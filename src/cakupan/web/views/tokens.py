"""A user's own API tokens: issue (the key is shown once), list, revoke.

Issuing posts, then redirects (so a reload cannot issue a second token); the new key rides in
the session for that one redirect and is removed as soon as it is shown. The page that shows
it is never cached, so the back button cannot bring it back.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cakupan.accounts import services
from cakupan.accounts.models import ApiToken

_SESSION_KEY = "cakupan.new_token"


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def token_list(request):
    if request.method == "POST":
        name = request.POST.get("name", "").strip()[:100] or _("tanpa nama")
        token, raw = services.token_issue(actor=request.user, name=name)
        request.session[_SESSION_KEY] = {"id": token.pk, "raw": raw}
        return redirect("web:tokens")
    new = request.session.pop(_SESSION_KEY, None)
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at")
    response = render(
        request,
        "web/tokens.html",
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
    return redirect("web:tokens")
