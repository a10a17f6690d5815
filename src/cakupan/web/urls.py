from django.contrib.auth import views as auth_views
from django.urls import path

from cakupan.web.views import audit, home, regions, tokens, users

app_name = "web"

urlpatterns = [
    path("", home.home, name="home"),
    path("favicon.ico", home.favicon, name="favicon"),
    path(
        "masuk/",
        auth_views.LoginView.as_view(
            template_name="web/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("pengguna/", users.user_list, name="users"),
    path("pengguna/baru/", users.user_create, name="user_create"),
    path("pengguna/ekspor.csv", users.user_export, name="user_export"),
    path("pengguna/<int:user_id>/", users.user_detail, name="user_detail"),
    path("pengguna/<int:user_id>/ubah/", users.user_edit, name="user_edit"),
    path("audit/", audit.audit_log, name="audit"),
    path("wilayah/", regions.region_list, name="regions"),
    path("wilayah/<str:code>/", regions.region_detail, name="region_detail"),
    path("akun/token/", tokens.token_list, name="tokens"),
    path("akun/token/<int:token_id>/cabut/", tokens.token_revoke, name="token_revoke"),
]
