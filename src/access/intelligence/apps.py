from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    name = "access.intelligence"
    label = "intelligence"
    verbose_name = "Criminal intelligence (28 CFR Part 23)"

    def ready(self) -> None:
        from access.intelligence import events  # noqa: F401  (declares this app's audit events)
