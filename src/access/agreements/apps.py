from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "access.agreements"
    label = "agreements"
    verbose_name = "Agreements"

    def ready(self) -> None:
        from access.agreements import events  # noqa: F401  (declares this app's audit events)
        from access.agreements.held import LOOKUP
        from access.partnerships import held

        held.install(LOOKUP)  # intake asks which agreements an agency holds in force
