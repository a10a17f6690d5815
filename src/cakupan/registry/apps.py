from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "cakupan.registry"

    def ready(self) -> None:
        # The workers import kind plugs into the generic imports pipeline (imports/kinds.py).
        from cakupan.imports.kinds import kind_register
        from cakupan.registry.workers_kind import WorkersKind

        kind_register(WorkersKind())
