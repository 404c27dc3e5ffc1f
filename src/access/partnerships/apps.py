from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "access.partnerships"
    label = "partnerships"
    verbose_name = "Partnerships (ACCESS intake)"
