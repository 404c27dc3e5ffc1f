from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "access.agencies"
    label = "agencies"
    verbose_name = "Agencies"

    def ready(self) -> None:
        from access.agencies import events  # noqa: F401  (declares this app's audit events)
