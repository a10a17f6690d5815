"""Registry pages under /peserta/ (namespace `registry`)."""

from django.urls import path

from cakupan.registry.views import duplicates, records, registration

app_name = "registry"

urlpatterns = [
    path("", records.search, name="search"),
    path("daftar/", registration.register, name="register"),
    path("daftar/iuran/", registration.register_preview, name="register_preview"),
    path("daftar/cek-nik/", registration.register_nik_check, name="register_nik_check"),
    path("duplikat/", duplicates.duplicate_list, name="duplicates"),
    path("duplikat/<int:candidate_id>/gabung/", duplicates.duplicate_merge, name="duplicate_merge"),
    path(
        "duplikat/<int:candidate_id>/abaikan/",
        duplicates.duplicate_dismiss,
        name="duplicate_dismiss",
    ),
    path("pemberi-kerja/<int:employer_id>/", records.employer_detail, name="employer"),
    path("<int:person_id>/", records.person_detail, name="person"),
    path("<int:person_id>/nik/", records.person_reveal_nik, name="reveal_nik"),
]
