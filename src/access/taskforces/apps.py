from django.apps import AppConfig


class TaskforcesConfig(AppConfig):
    name = "access.taskforces"
    label = "taskforces"
    verbose_name = "Task forces and Operation Community Shield"

    def ready(self) -> None:
        from access.agreements.signals import agreement_activated
        from access.taskforces import events  # noqa: F401  (declares this app's audit events)
        from access.taskforces.intake import open_for_agreement

        # A task-force agreement's activation opens its task force (the intake hook).
        agreement_activated.connect(open_for_agreement, dispatch_uid="taskforces.intake")
