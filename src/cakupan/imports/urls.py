"""Import pages under /impor/ (namespace `imports`)."""

from django.urls import path

from cakupan.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.batch_list, name="list"),
    path("<int:batch_id>/", views.batch_detail, name="detail"),
    path("<int:batch_id>/pemetaan/", views.batch_mapping, name="mapping"),
    path("<int:batch_id>/progres/", views.batch_progress, name="progress"),
    path("<int:batch_id>/simpan/", views.batch_commit, name="commit"),
    path("<int:batch_id>/batal/", views.batch_cancel, name="cancel"),
    path("<int:batch_id>/galat.xlsx", views.batch_report, name="report"),
]
