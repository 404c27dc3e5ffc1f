from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "access.audit"
    label = "audit"
    verbose_name = "Audit trail"
