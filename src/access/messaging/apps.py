from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "access.messaging"
    label = "messaging"
    verbose_name = "Outbound messages and notifications"
