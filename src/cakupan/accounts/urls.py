from django.urls import path

from cakupan.accounts import views

app_name = "accounts"

urlpatterns = [
    path("pengguna/", views.user_list, name="users"),
    path("pengguna/baru/", views.user_create, name="user_create"),
    path("pengguna/ekspor.csv", views.user_export, name="user_export"),
    path("pengguna/<int:user_id>/", views.user_detail, name="user_detail"),
    path("pengguna/<int:user_id>/ubah/", views.user_edit, name="user_edit"),
    path("akun/token/", views.token_list, name="tokens"),
    path("akun/token/<int:token_id>/cabut/", views.token_revoke, name="token_revoke"),
]
