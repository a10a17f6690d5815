"""What every page's layout needs: the navigation the user may see and the active language."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from cakupan.accounts.selectors import user_has_permission

# (url name, label, permission needed). Capabilities not built yet are listed when their
# issue lands; a link to a page that does not exist would only confuse an operator.
NAVIGATION = [
    ("web:home", _("Beranda"), None),
    ("web:calculator", _("Kalkulator"), "rules.view"),
    ("web:parameters", _("Parameter regulasi"), "rules.view"),
    ("web:regions", _("Wilayah"), "regions.view"),
    ("web:users", _("Pengguna"), "accounts.view_user"),
    ("web:audit", _("Log audit"), "audit.view"),
]


def shell(request):
    user = getattr(request, "user", None)
    items = []
    if user is not None and user.is_authenticated:
        for url_name, label, perm in NAVIGATION:
            if perm and not user_has_permission(user=user, permission=perm):
                continue
            try:
                url = reverse(url_name)
            except NoReverseMatch:
                continue
            items.append({"url": url, "label": label, "active": request.path == url})
    return {"nav_items": items}
