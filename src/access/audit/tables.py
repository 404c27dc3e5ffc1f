from __future__ import annotations

import django_tables2 as tables

from access.audit import registry
from access.audit.models import AuditEvent


class AuditEventTable(tables.Table):
    id = tables.Column(verbose_name="Event", linkify=("audit:detail", {"pk": tables.A("pk")}))
    occurred_at = tables.DateTimeColumn(verbose_name="Time (UTC)", format="Y-m-d H:i:s")
    actor_name = tables.Column(verbose_name="Actor")
    agency_name = tables.Column(verbose_name="Agency")
    action = tables.Column(verbose_name="Action")
    object_repr = tables.Column(verbose_name="Object", orderable=False)
    outcome = tables.Column(verbose_name="Outcome")

    def render_action(self, value: str) -> str:
        return registry.label(value)

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "occurred_at",
            "actor_name",
            "agency_name",
            "action",
            "object_repr",
            "outcome",
        ]
        order_by = ["-id"]

    export_columns = {
        "id": "Event",
        "occurred_at": "Time (UTC)",
        "actor_name": "Actor",
        "agency_name": "Agency",
        "source_ip": "Source address",
        "request_id": "Request id",
        "action": "Action",
        "object_type": "Object type",
        "object_id": "Object id",
        "object_repr": "Object",
        "outcome": "Outcome",
        "before": "Before",
        "after": "After",
        "details": "Details",
        "prev_hash": "Previous hash",
        "hash": "Hash",
    }
