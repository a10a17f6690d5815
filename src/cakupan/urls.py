"""URL map: pages under /, the machine API under /api/v1/."""

from django.urls import include, path

from cakupan.agreements.views import certificate_verify
from cakupan.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("peserta/", include("cakupan.registry.urls")),
    path("impor/", include("cakupan.imports.urls")),
    path("pks/", include("cakupan.agreements.urls")),
    path("tagihan/", include("cakupan.billing.urls")),
    path("klaim/", include("cakupan.claims.urls")),
    path("cakupan/", include("cakupan.coverage.urls")),
    path("verifikasi/<str:code>/", certificate_verify, name="certificate_verify"),
    path("", include("cakupan.calculators.urls")),
    path("", include("cakupan.accounts.urls")),
    path("", include("cakupan.audit.urls")),
    path("", include("cakupan.regions.urls")),
    path("", include("cakupan.web.urls")),
]

handler404 = "cakupan.web.views.errors.not_found"
handler403 = "cakupan.web.views.errors.forbidden"
handler500 = "cakupan.web.views.errors.server_error"
