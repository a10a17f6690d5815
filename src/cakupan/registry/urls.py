"""Registry pages under /peserta/ (namespace `registry`)."""

from django.urls import path

from cakupan.registry import views

app_name = "registry"

urlpatterns = [
    path("", views.search, name="search"),
    path("daftar/", views.register, name="register"),
    path("daftar/iuran/", views.register_preview, name="register_preview"),
    path("daftar/cek-nik/", views.register_nik_check, name="register_nik_check"),
    path("duplikat/", views.duplicate_list, name="duplicates"),
    path("duplikat/<int:candidate_id>/gabung/", views.duplicate_merge, name="duplicate_merge"),
    path("duplikat/<int:candidate_id>/abaikan/", views.duplicate_dismiss, name="duplicate_dismiss"),
    path("pemberi-kerja/<int:employer_id>/", views.employer_detail, name="employer"),
    path("<int:person_id>/", views.person_detail, name="person"),
    path("<int:person_id>/nik/", views.person_reveal_nik, name="reveal_nik"),
]
