"""Coverage pages under /cakupan/ (namespace `coverage`)."""

from django.urls import path

from cakupan.coverage import views

app_name = "coverage"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
