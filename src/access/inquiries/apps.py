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
        from access.records.actions import record_viewed

        # The misuse rules count reads of person records outside an inquiry too.
        record_viewed.connect(misuse.flag_record_read, dispatch_uid="inquiries.misuse.reads")
