from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html

from access.officers.choices import ClassStatus, OfficerStatus
from access.officers.models import Officer, TrainingClass


class OfficerTable(tables.Table):
    last_name = tables.Column(
        linkify=True, verbose_name="Officer", order_by=("last_name", "first_name")
    )
    badge_number = tables.Column(verbose_name="Badge")
    agency = tables.Column(verbose_name="Agency", order_by=("agency__name",))
    agreement = tables.Column(verbose_name="Model", order_by=("agreement__partnership_type__name",))
    status = tables.Column(verbose_name="Status")
    supervisor = tables.Column(verbose_name="ICE supervisor", order_by=("supervisor__last_name",))

    class Meta:
        model = Officer
        fields = ["last_name", "badge_number", "agency", "agreement", "status", "supervisor"]
        order_by = ["last_name"]

    def render_last_name(self, record: Officer) -> str:
        return record.full_name

    def render_agency(self, value: Any) -> str:
        return str(value.name)

    def render_agreement(self, value: Any) -> str:
        return str(value.partnership_type.name)

    def render_supervisor(self, value: Any) -> str:
        return str(value.get_full_name() or value.get_username())

    def render_status(self, record: Officer) -> Any:
        return format_html(
            '<span class="usa-tag {}">{}</span>',
            OfficerStatus.colour(record.status),
            OfficerStatus.label(record.status),
        )

    export_columns = {
        "id": "ID",
        "agency__name": "Agency",
        "agency_id": "Agency ID",
        "agreement_id": "Agreement",
        "agreement__partnership_type__name": "Partnership type",
        "badge_number": "Badge",
        "first_name": "First name",
        "last_name": "Last name",
        "position": "Position",
        "status": "Status",
        "nominated_on": "Nominated",
        "supervisor__username": "ICE supervisor",
    }


class TrainingClassTable(tables.Table):
    course = tables.Column(linkify=True, verbose_name="Course", order_by=("course__name",))
    starts_on = tables.Column(verbose_name="Dates")
    delivery = tables.Column(verbose_name="Where")
    capacity = tables.Column(verbose_name="Capacity")
    instructor = tables.Column(verbose_name="Instructor", order_by=("instructor__last_name",))
    status = tables.Column(verbose_name="Status")

    class Meta:
        model = TrainingClass
        fields = ["course", "starts_on", "delivery", "capacity", "instructor", "status"]
        order_by = ["-starts_on"]

    def render_course(self, record: TrainingClass) -> str:
        return str(record.course.name)

    def render_starts_on(self, record: TrainingClass) -> str:
        return f"{record.starts_on:%Y-%m-%d} to {record.ends_on:%Y-%m-%d}"

    def render_delivery(self, record: TrainingClass) -> str:
        return "Online" if record.place == "online" else record.location

    def render_instructor(self, value: Any) -> str:
        return str(value.get_full_name() or value.get_username())

    def render_status(self, record: TrainingClass) -> Any:
        return format_html(
            '<span class="usa-tag {}">{}</span>',
            ClassStatus.colour(record.status),
            ClassStatus.label(record.status),
        )
