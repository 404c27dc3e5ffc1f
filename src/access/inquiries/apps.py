from django.apps import AppConfig


class InquiriesConfig(AppConfig):
    name = "access.inquiries"
    label = "inquiries"
    verbose_name = "LESC inquiries"

    def ready(self) -> None:
        from access.inquiries import (
            events,  # noqa: F401  (declares this app's audit events)
            misuse,
            tasks,
        )
        from access.inquiries.decisions import analyst_decisions
        from access.records.actions import model_activated, record_viewed
        from access.records.model_lifecycle import register_decisions

        register_decisions("inquiries", analyst_decisions)
        # The misuse rules count reads of person records outside an inquiry too.
        record_viewed.connect(misuse.flag_record_read, dispatch_uid="inquiries.misuse.reads")
        # An activation by hand (`access matching activate`, the model card) searches the
        # inquiries that were stored while no model was active, on the worker.
        model_activated.connect(
            tasks.search_waiting_after_activation, dispatch_uid="inquiries.model.activated"
        )
