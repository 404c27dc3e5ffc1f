from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "access.agencies"
    label = "agencies"
    verbose_name = "Agencies"
