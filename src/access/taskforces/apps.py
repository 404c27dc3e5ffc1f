from django.apps import AppConfig


class TaskforcesConfig(AppConfig):
    name = "access.taskforces"
    label = "taskforces"
    verbose_name = "Task forces and Operation Community Shield"
