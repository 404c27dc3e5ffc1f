from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "access.agreements"
    label = "agreements"
    verbose_name = "Agreements"
