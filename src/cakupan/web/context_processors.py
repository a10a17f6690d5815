"""What every page's layout needs: the navigation the user may see and the active language."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from cakupan.accounts.selectors import user_has_permission

# (url name, label, permission needed). A capability whose pages are not built yet is shown
# as "coming soon" text, not a link, so the layout is the one operators will keep.
NAVIGATION = [
    ("web:home", _("Beranda"), None),
    ("calculators:calculator", _("Kalkulator"), "rules.view"),
    ("calculators:parameters", _("Parameter regulasi"), "rules.view"),
    ("regions:list", _("Wilayah"), "regions.view"),
    ("accounts:users", _("Pengguna"), "accounts.view_user"),
    ("audit:log", _("Log audit"), "audit.view"),
    ("registry:search", _("Peserta"), "registry.view_person"),
    ("imports:list", _("Impor"), "registry.register_person"),
    ("agreements:list", _("PKS"), "agreements.view"),
    ("claims:list", _("Klaim"), "claims.view"),
    ("coverage:dashboard", _("Cakupan"), "coverage.view"),
    ("accounts:tokens", _("Token API"), None),
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
                items.append({"url": None, "label": label, "active": False})
                continue
            items.append({"url": url, "label": label, "active": request.path == url})
    return {"nav_items": items}
