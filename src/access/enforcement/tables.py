from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html

from access.enforcement.choices import EncounterStatus, PriorityLevel, Severity
from access.enforcement.models import Encounter


def _tag(choices: Any, value: str) -> Any:
    if not value:
        return "—"
    return format_html(
        '<span class="usa-tag {}">{}</span>', choices.colour(value), choices.label(value)
    )


class EncounterTable(tables.Table):
    """No subject names in the list (they are on the encounter's page, which is logged)."""

    id = tables.Column(linkify=True, verbose_name="Encounter")
    occurred_at = tables.Column(verbose_name="Time (UTC)")
    agency = tables.Column(verbose_name="Agency", order_by=("agency__name",))
    partnership_type = tables.Column(verbose_name="Model", order_by=("partnership_type__name",))
    function = tables.Column(verbose_name="Function")
    severity = tables.Column(verbose_name="Most serious charge")
    priority_level = tables.Column(verbose_name="Priority level")
    status = tables.Column(verbose_name="Status")

    class Meta:
        model = Encounter
        fields = [
            "id",
            "occurred_at",
            "agency",
            "partnership_type",
            "function",
            "severity",
            "priority_level",
            "status",
        ]
        order_by = ["-occurred_at"]

    def render_id(self, value: int) -> str:
        return f"#{value}"

    def render_occurred_at(self, value: Any) -> str:
        return f"{value:%Y-%m-%d %H:%M}"

    def render_agency(self, value: Any) -> str:
        return str(value.name)

    def render_partnership_type(self, value: Any) -> str:
        return str(value.name)

    def render_function(self, record: Encounter) -> str:
        return str(record.get_function_display())

    def render_severity(self, value: str) -> Any:
        return _tag(Severity, value)

    def render_priority_level(self, value: str) -> Any:
        return _tag(PriorityLevel, value)

    def render_status(self, value: str) -> Any:
        return _tag(EncounterStatus, value)

    export_columns = {
        "id": "ID",
        "occurred_at": "Time (UTC)",
        "agency__name": "Agency",
        "agency_id": "Agency ID",
        "partnership_type__code": "Model",
        "function": "Function",
        "origin": "How it arose",
        "facility__name": "Facility",
        "location": "Location",
        "severity": "Most serious charge",
        "priority_level": "Priority level",
        "status": "Status",
        "searched_at": "Searched",
        "identified_at": "Identified",
        "citizenship_stop": "Citizenship stop",
        "supervisor_decision": "Supervisor's decision",
    }
