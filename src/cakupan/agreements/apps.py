from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "cakupan.agreements"

    def ready(self) -> None:
        # The PKS roster import kind plugs into the generic imports pipeline (imports/kinds.py).
        from cakupan.agreements.roster_kind import RosterKind
        from cakupan.imports.kinds import kind_register

        kind_register(RosterKind())
