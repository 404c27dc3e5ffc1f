from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html

from access.detention.choices import DetainerStatus
from access.detention.models import Detainer
from access.detention.timeleft import describe


class DetainerTable(tables.Table):
    id = tables.Column(linkify=True, verbose_name="Detainer")
    agency = tables.Column(verbose_name="Agency", order_by=("agency__name",))
    facility = tables.Column(verbose_name="Facility", order_by=("facility__name",))
    officer = tables.Column(verbose_name="Officer", order_by=("officer__badge_number",))
    issued_at = tables.Column(verbose_name="Issued (UTC)")
    deadline = tables.Column(verbose_name="Hold ends (UTC)", empty_values=())
    left = tables.Column(verbose_name="Clock", empty_values=(), orderable=False)
    status = tables.Column(verbose_name="Status")

    class Meta:
        model = Detainer
        fields = ["id", "agency", "facility", "officer", "issued_at", "deadline", "left", "status"]
        order_by = ["deadline"]

    def render_id(self, value: int) -> str:
        return f"#{value}"

    def render_agency(self, value: Any) -> str:
        return str(value.name)

    def render_officer(self, value: Any) -> str:
        return str(value.badge_number)

    def render_issued_at(self, value: Any) -> str:
        return f"{value:%Y-%m-%d %H:%M}"

    def render_deadline(self, record: Detainer) -> str:
        return f"{record.deadline:%Y-%m-%d %H:%M}" if record.deadline else "Release not known"

    def render_left(self, record: Detainer) -> Any:
        text, colour = describe(record)
        return format_html('<span class="usa-tag {}">{}</span>', colour, text) if colour else text

    def render_status(self, record: Detainer) -> Any:
        return format_html(
            '<span class="usa-tag {}">{}</span>',
            DetainerStatus.colour(record.status),
            DetainerStatus.label(record.status),
        )

    export_columns = {
        "id": "ID",
        "agency__name": "Agency",
        "agency_id": "Agency ID",
        "facility__name": "Facility",
        "time_zone": "Time zone",
        "officer__badge_number": "Officer badge",
        "encounter_id": "Encounter",
        "form__number": "Form",
        "form__edition": "Edition",
        "issued_at": "Issued (UTC)",
        "release_at": "Release (UTC)",
        "deadline": "Hold ends (UTC)",
        "overdue_since": "Flagged overdue (UTC)",
        "status": "Status",
        "outcome_at": "Outcome (UTC)",
        "outcome_reason": "Outcome reason",
    }
