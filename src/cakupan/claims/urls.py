"""Claim pages under /klaim/ (namespace `claims`)."""

from django.urls import path

from cakupan.claims.views import claims as views
from cakupan.claims.views import handovers

app_name = "claims"

urlpatterns = [
    path("", views.claim_list, name="list"),
    path("baru/", views.claim_create, name="create"),
    path("<int:claim_id>/", views.claim_detail, name="detail"),
    path("<int:claim_id>/ahli-waris/", views.heir_add, name="heir_add"),
    path("<int:claim_id>/ahli-waris/<int:heir_id>/hapus/", views.heir_remove, name="heir_remove"),
    path(
        "<int:claim_id>/ahli-waris/<int:heir_id>/putusan/",
        views.heir_override,
        name="heir_override",
    ),
    path("<int:claim_id>/dasar/", views.basis_update, name="basis"),
    path("<int:claim_id>/iuran/", views.paid_through_update, name="paid_through"),
    path("<int:claim_id>/dokumen/", views.document_upload, name="document_upload"),
    path(
        "<int:claim_id>/dokumen/<int:document_id>/",
        views.document_download,
        name="document_download",
    ),
    path("<int:claim_id>/surat-keputusan.pdf", views.letter, name="letter"),
    path(
        "<int:claim_id>/<str:action>/",
        views.transition,
        name="transition",
    ),
    path("penyerahan/", handovers.handover_list, name="handovers"),
    path("penyerahan/baru/", handovers.handover_create, name="handover_create"),
    path("penyerahan/<int:handover_id>/", handovers.handover_detail, name="handover_detail"),
    path("penyerahan/<int:handover_id>/foto/", handovers.handover_photo, name="handover_photo"),
    path(
        "penyerahan/<int:handover_id>/foto/<int:photo_id>/",
        handovers.handover_photo_download,
        name="handover_photo_download",
    ),
    path(
        "penyerahan/<int:handover_id>/berita-acara.pdf",
        handovers.handover_report,
        name="handover_report",
    ),
]
