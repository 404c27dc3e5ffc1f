from django.apps import AppConfig


class TaskforcesConfig(AppConfig):
    name = "access.taskforces"
    label = "taskforces"
    verbose_name = "Task forces and Operation Community Shield"

    def ready(self) -> None:
        from access.taskforces import events  # noqa: F401  (declares this app's audit events)
