"""Agreement pages under /pks/ (namespace `agreements`). The public certificate check lives at
/verifikasi/<code>/ (root URLconf, name `certificate_verify`): it needs no login."""

from django.urls import path

from cakupan.agreements import views

app_name = "agreements"

urlpatterns = [
    path("", views.agreement_list, name="list"),
    path("baru/", views.agreement_create, name="create"),
    path("<int:agreement_id>/", views.agreement_detail, name="detail"),
    path("<int:agreement_id>/ubah/", views.agreement_edit, name="edit"),
    path("<int:agreement_id>/impor-petugas/", views.roster_upload, name="roster_upload"),
    path("<int:agreement_id>/dokumen/", views.document_upload, name="document_upload"),
    path(
        "<int:agreement_id>/dokumen/<int:document_id>/",
        views.document_download,
        name="document_download",
    ),
    path("<int:agreement_id>/tagihan/", views.invoice, name="invoice"),
    path(
        "<int:agreement_id>/petugas/<int:spell_id>/sertifikat/",
        views.certificate,
        name="certificate",
    ),
    path(
        "<int:agreement_id>/ekspor/<str:layout>/",
        views.export,
        name="export",
    ),
]
