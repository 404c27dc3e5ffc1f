from django.apps import AppConfig


class InquiriesConfig(AppConfig):
    name = "access.inquiries"
    label = "inquiries"
    verbose_name = "LESC inquiries"

    def ready(self) -> None:
        from access.inquiries import events  # noqa: F401  (declares this app's audit events)
