from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "access.agreements"
    label = "agreements"
    verbose_name = "Agreements"

    def ready(self) -> None:
        from access.agreements import events  # noqa: F401  (declares this app's audit events)
