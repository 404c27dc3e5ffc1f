from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "access.messaging"
    label = "messaging"
    verbose_name = "Outbound messages and notifications"

    def ready(self) -> None:
        from access.messaging import events  # noqa: F401  (declares this app's audit events)
