from django.apps import AppConfig


class InquiriesConfig(AppConfig):
    name = "access.inquiries"
    label = "inquiries"
    verbose_name = "LESC inquiries"

    def ready(self) -> None:
        from access.inquiries import events  # noqa: F401  (declares this app's audit events)
        from access.inquiries.decisions import analyst_decisions
        from access.records.model_lifecycle import register_decisions

        register_decisions("inquiries", analyst_decisions)
