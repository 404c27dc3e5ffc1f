"""Tables of the intelligence lists (django-tables2) and the release log's export columns.

The record list shows no subject and no content: only opening a record (an audited view)
shows what it holds."""

from __future__ import annotations

import django_tables2 as tables

from access.intelligence.models import IntelligenceRecord, Release


class RecordTable(tables.Table):
    id = tables.Column(verbose_name="Record", linkify=True)
    task_force = tables.Column(verbose_name="Task force", order_by=("task_force__name",))
    case_number = tables.Column(verbose_name="Case")
    criminal_activity = tables.Column(verbose_name="Criminal activity")
    entered_on = tables.Column(verbose_name="Entered")
    review_due = tables.Column(verbose_name="Review date")
    status = tables.Column(verbose_name="Status")

    class Meta:
        model = IntelligenceRecord
        fields = [
            "id",
            "task_force",
            "case_number",
            "criminal_activity",
            "entered_on",
            "review_due",
            "status",
        ]
        orderable = True

    def render_id(self, value: int) -> str:
        return f"#{value}"


class ReleaseTable(tables.Table):
    id = tables.Column(verbose_name="Release")
    record = tables.Column(verbose_name="Record", linkify=True, order_by=("record_id",))
    task_force = tables.Column(
        verbose_name="Task force",
        accessor="record__task_force",
        order_by=("record__task_force__name",),
    )
    recipient_name = tables.Column(verbose_name="Recipient")
    recipient_agency = tables.Column(verbose_name="Recipient's agency")
    reason = tables.Column(verbose_name="Need and right to know", orderable=False)
    released_by = tables.Column(verbose_name="Released by")
    released_at = tables.Column(verbose_name="Released (UTC)")

    class Meta:
        model = Release
        fields = [
            "id",
            "record",
            "task_force",
            "recipient_name",
            "recipient_agency",
            "reason",
            "released_by",
            "released_at",
        ]
        orderable = True

    export_columns = {
        "id": "Release",
        "record_id": "Record",
        "record__task_force__name": "Task force",
        "recipient_name": "Recipient",
        "recipient_agency": "Recipient's agency",
        "reason": "Need and right to know",
        "released_by__username": "Released by",
        "released_at": "Released (UTC)",
    }
