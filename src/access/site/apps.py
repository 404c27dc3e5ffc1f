from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The top layer: the home page's queues across apps, navigation, demo data, and the
    commands that wire several apps together. Nothing imports it."""

    name = "access.site"
    label = "site"
    verbose_name = "Site"

    def ready(self) -> None:
        from access.site import events  # noqa: F401  (declares this app's audit events)
