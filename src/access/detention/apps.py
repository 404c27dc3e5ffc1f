from django.apps import AppConfig


class DetentionConfig(AppConfig):
    name = "access.detention"
    label = "detention"
    verbose_name = "Detainers"

    def ready(self) -> None:
        from access.detention import events  # noqa: F401  (declares this app's audit events)
        from access.detention.funnel import register

        register()  # the detainer steps of the enforcement funnel
