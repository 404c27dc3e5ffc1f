from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "access.audit"
    label = "audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        from access.audit import events
        from access.core import auditlog

        auditlog.install(events.record)
