"""Coverage pages under /cakupan/ (namespace `coverage`)."""

from django.urls import path

from cakupan.coverage.basis import views as basis_views
from cakupan.coverage.facts import views
from cakupan.coverage.gap import views as gap_views
from cakupan.coverage.plan import views as plan_views
from cakupan.coverage.public import views as public_views
from cakupan.coverage.report import views as report_views

app_name = "coverage"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    # who is still outside: working residents matched against the registry
    path("celah/", gap_views.gap_list, name="gap"),
    path("celah/unduh/", gap_views.gap_download, name="gap_download"),
    path("celah/impor/", gap_views.residents_upload, name="gap_upload"),
    path("celah/impor/<int:import_id>/", gap_views.resident_import, name="gap_import"),
    # forecast at the current pace and the budget simulation
    path("rencana/", plan_views.plan, name="plan"),
    # the rakor report (PDF/XLSX)
    path("laporan/", report_views.report, name="report"),
    # anonymous aggregates of the regencies in settings.CAKUPAN_PUBLIC_REGENCIES
    path("publik/", public_views.public_index, name="public"),
    path("publik/<str:code>/", public_views.public_region, name="public_region"),
    # the basis: denominators and targets
    path("penyebut/", basis_views.denominators, name="basis_denominators"),
    path("penyebut/isi/", basis_views.denominator_set, name="basis_denominator_set"),
    path("penyebut/unggah/", basis_views.denominator_upload_view, name="basis_denominator_upload"),
    path(
        "penyebut/templat.csv", basis_views.denominator_template, name="basis_denominator_template"
    ),
    path("target/", basis_views.targets, name="basis_targets"),
]
