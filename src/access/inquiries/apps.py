from django.apps import AppConfig


class InquiriesConfig(AppConfig):
    name = "access.inquiries"
    label = "inquiries"
    verbose_name = "LESC inquiries"

    def ready(self) -> None:
        from access.inquiries import (
            events,  # noqa: F401  (declares this app's audit events)
            misuse,
        )
        from access.inquiries.decisions import analyst_decisions
        from access.records.actions import record_viewed
        from access.records.model_lifecycle import register_decisions

        register_decisions("inquiries", analyst_decisions)
        # The misuse rules count reads of person records outside an inquiry too.
        record_viewed.connect(misuse.flag_record_read, dispatch_uid="inquiries.misuse.reads")
