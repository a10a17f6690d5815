from django.urls import path

from cakupan.regions import views

app_name = "regions"

urlpatterns = [
    path("wilayah/", views.region_list, name="list"),
    path("wilayah/<str:code>/", views.region_detail, name="detail"),
]
