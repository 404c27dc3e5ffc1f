"""Tables of the task-force and operation lists, and the columns of their exports (no
person data: operations are exported with their counts only)."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html

from access.partnerships.choices import Challenge
from access.taskforces.choices import OperationStatus, TaskForceStatus
from access.taskforces.models import Operation, TaskForce


def _tag(choices: Any, value: str) -> Any:
    return format_html(
        '<span class="usa-tag {}">{}</span>', choices.colour(value), choices.label(value)
    )


class TaskForceTable(tables.Table):
    name = tables.Column(verbose_name="Task force", linkify=True)
    challenge = tables.Column(verbose_name="Challenge")
    lead_agency = tables.Column(verbose_name="Lead agency", order_by=("lead_agency__name",))
    status = tables.Column(verbose_name="Status")
    community_shield = tables.Column(verbose_name="Community Shield")
    review_on = tables.Column(verbose_name="Next charter review")

    class Meta:
        model = TaskForce
        fields = ["name", "challenge", "lead_agency", "status", "community_shield", "review_on"]
        orderable = True

    def render_challenge(self, value: str) -> str:
        return Challenge.label(value)

    def render_lead_agency(self, value: Any) -> str:
        return str(value.name)

    def render_status(self, value: str) -> Any:
        return _tag(TaskForceStatus, value)

    def render_community_shield(self, value: bool) -> str:
        return "Yes" if value else "No"

    export_columns = {
        "id": "ID",
        "name": "Task force",
        "partnership_type__name": "Partnership type",
        "challenge": "Challenge",
        "area": "Area",
        "lead_agency__name": "Lead agency",
        "status": "Status",
        "community_shield": "Operation Community Shield",
        "starts_on": "Start date",
        "review_on": "Next charter review",
        "ends_on": "End date",
        "agreement_id": "Agreement",
    }


class OperationTable(tables.Table):
    name = tables.Column(verbose_name="Operation", linkify=True)
    task_force = tables.Column(verbose_name="Task force", order_by=("task_force__name",))
    starts_on = tables.Column(verbose_name="Start date")
    area = tables.Column(verbose_name="Area")
    status = tables.Column(verbose_name="Status")
    community_shield = tables.Column(verbose_name="Community Shield")

    class Meta:
        model = Operation
        fields = ["name", "task_force", "starts_on", "area", "status", "community_shield"]
        orderable = True

    def render_task_force(self, value: Any) -> str:
        return str(value.name)

    def render_status(self, value: str) -> Any:
        return _tag(OperationStatus, value)

    def render_community_shield(self, value: bool) -> str:
        return "Yes" if value else "No"

    export_columns = {
        "id": "ID",
        "name": "Operation",
        "task_force__name": "Task force",
        "status": "Status",
        "starts_on": "Start date",
        "ends_on": "End date",
        "completed_on": "Completed",
        "area": "Area",
        "community_shield": "Operation Community Shield",
        "seizures": "Seizures",
        "prosecution_referrals": "Referrals for prosecution",
        "victims_identified": "Victims identified",
    }
