from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "access.core"
    label = "core"
    verbose_name = "Core"
