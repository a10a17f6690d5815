"""Billing pages under /tagihan/ (namespace `billing`)."""

from django.urls import path

from cakupan.billing import views

app_name = "billing"

urlpatterns = [
    path("pks/<int:agreement_id>/terbitkan/", views.bill_issue, name="issue"),
]
