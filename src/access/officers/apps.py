from django.apps import AppConfig


class OfficersConfig(AppConfig):
    name = "access.officers"
    label = "officers"
    verbose_name = "Officers"

    def ready(self) -> None:
        from access.officers import events  # noqa: F401  (declares this app's audit events)
