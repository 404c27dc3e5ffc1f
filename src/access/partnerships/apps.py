from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "access.partnerships"
    label = "partnerships"
    verbose_name = "Partnerships (ACCESS intake)"

    def ready(self) -> None:
        from access.partnerships import events  # noqa: F401  (declares this app's audit events)
