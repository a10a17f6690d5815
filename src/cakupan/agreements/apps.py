from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "cakupan.agreements"
