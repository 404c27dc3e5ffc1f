from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "access.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from access.core import tables

        tables.install()
