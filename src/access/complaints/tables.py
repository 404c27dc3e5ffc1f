from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html

from access.complaints.choices import OPEN, ComplaintStatus
from access.complaints.models import Complaint


class ComplaintTable(tables.Table):
    receipt_code = tables.Column(linkify=True, verbose_name="Complaint")
    agency = tables.Column(verbose_name="Agency", order_by=("agency__name",))
    filed_at = tables.DateColumn(verbose_name="Filed", format="Y-m-d")
    due_on = tables.Column(verbose_name="Due")
    status = tables.Column(verbose_name="Status")
    assigned_to = tables.Column(verbose_name="Investigator", order_by=("assigned_to__last_name",))

    class Meta:
        model = Complaint
        fields = ["receipt_code", "agency", "filed_at", "due_on", "status", "assigned_to"]
        order_by = ["due_on"]

    def render_receipt_code(self, record: Complaint) -> str:
        return record.display_code

    def render_agency(self, value: Any) -> str:
        return str(value.name)

    def render_assigned_to(self, value: Any) -> str:
        return str(value.get_full_name() or value.get_username())

    def render_due_on(self, record: Complaint) -> Any:
        left = (record.due_on - timezone.localdate()).days
        if record.status not in OPEN:
            return format_html("{}", f"{record.due_on:%Y-%m-%d}")
        if left < 0:
            return format_html(
                '{} <span class="usa-tag bg-secondary-dark">{} days overdue</span>',
                f"{record.due_on:%Y-%m-%d}",
                -left,
            )
        return format_html("{} ({} days left)", f"{record.due_on:%Y-%m-%d}", left)

    def render_status(self, record: Complaint) -> Any:
        return format_html(
            '<span class="usa-tag {}">{}</span>',
            ComplaintStatus.colour(record.status),
            ComplaintStatus.label(record.status),
        )

    export_columns = {
        "id": "ID",
        "agency__name": "Agency",
        "agency_id": "Agency ID",
        "officer_id": "Officer ID",
        "channel": "Received through",
        "filed_at": "Filed",
        "due_on": "Due",
        "status": "Status",
        "finding": "Finding",
        "resolved_at": "Resolved",
        "assigned_to__username": "Investigator",
    }
