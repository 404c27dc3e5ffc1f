from django.apps import AppConfig


class DetentionConfig(AppConfig):
    name = "access.detention"
    label = "detention"
    verbose_name = "Detainers"
