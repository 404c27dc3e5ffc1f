from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "access.records"
    label = "records"
    verbose_name = "Person records"
