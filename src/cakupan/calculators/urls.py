"""Calculator pages at /kalkulator/ and /parameter/ (namespace `calculators`)."""

from django.urls import path

from cakupan.calculators.views import calculator, parameters

app_name = "calculators"

urlpatterns = [
    path("kalkulator/", calculator.calculator, name="calculator"),
    path("parameter/", parameters.parameter_list, name="parameters"),
]
