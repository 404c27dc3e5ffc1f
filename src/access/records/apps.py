from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "access.records"
    label = "records"
    verbose_name = "Person records"

    def ready(self) -> None:
        from access.records import events  # noqa: F401  (declares this app's audit events)
