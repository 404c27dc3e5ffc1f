from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "access.complaints"
    label = "complaints"
    verbose_name = "Complaints"

    def ready(self) -> None:
        from access.complaints import events  # noqa: F401  (declares this app's audit events)
