"""The root URLconf, plus the claims pages and API at their final addresses if the root does
not mount them yet (so these tests pass unchanged before and after the lead wires them)."""

from django.urls import include, path
from ninja import NinjaAPI
from ninja.security import django_auth

from cakupan.api import api as root_api
from cakupan.api.auth import BearerToken
from cakupan.api.errors import install_error_handlers
from cakupan.claims.api import router
from cakupan.urls import urlpatterns as root_patterns


def _has_namespace(patterns, name: str) -> bool:
    return any(getattr(p, "namespace", None) == name for p in patterns)


extra = []
if not _has_namespace(root_patterns, "claims"):
    extra.append(path("klaim/", include("cakupan.claims.urls")))
if not any(r is router for _prefix, r in root_api._routers):
    test_api = NinjaAPI(auth=[BearerToken(), django_auth], urls_namespace="claims_test_api")
    install_error_handlers(test_api)
    test_api.add_router("/", router)
    extra.append(path("api/v1/", test_api.urls))

urlpatterns = [*extra, *root_patterns]
handler404 = "cakupan.web.views.errors.not_found"
handler403 = "cakupan.web.views.errors.forbidden"
handler500 = "cakupan.web.views.errors.server_error"
