from django.apps import AppConfig


class InquiriesConfig(AppConfig):
    name = "access.inquiries"
    label = "inquiries"
    verbose_name = "LESC inquiries"
