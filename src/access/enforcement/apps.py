from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "access.enforcement"
    label = "enforcement"
    verbose_name = "Enforcement"

    def ready(self) -> None:
        from access.enforcement import events  # noqa: F401  (declares this app's audit events)
