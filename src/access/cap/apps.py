from django.apps import AppConfig


class CapConfig(AppConfig):
    name = "access.cap"
    label = "cap"
    verbose_name = "CAP jail screening"

    def ready(self) -> None:
        from access.cap import events  # noqa: F401  (declares this app's audit events)
