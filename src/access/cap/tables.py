"""Tables of the CAP lists (django-tables2) and the columns of their exports."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from access.cap.choices import RemoteInterviews, ReviewStatus, RosterDelivery, RosterFrequency
from access.cap.models import CapFacility, ScreeningCandidate


def _when(value: Any) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else "—"


class CandidateTable(tables.Table):
    """The referral queue: one row per candidate, soonest release first."""

    id = tables.Column(verbose_name="Candidate", linkify=True)
    booking = tables.Column(
        verbose_name="Booking", order_by=("booking__booking_number",), linkify=True
    )
    facility = tables.Column(
        verbose_name="Facility",
        accessor="booking__facility",
        order_by=("booking__facility__facility__name",),
    )
    release_date = tables.Column(
        verbose_name="Expected release (UTC)",
        accessor="booking__release_date",
        order_by=("booking__release_date",),
    )
    priority_level = tables.Column(
        verbose_name="Priority level",
        accessor="booking__priority_level",
        order_by=("booking__priority_level",),
    )
    rank = tables.Column(verbose_name="Rank")
    band = tables.Column(verbose_name="Band")
    probability = tables.Column(verbose_name="Probability")
    status = tables.Column(verbose_name="Review")

    class Meta:
        model = ScreeningCandidate
        fields = [
            "id",
            "booking",
            "facility",
            "release_date",
            "priority_level",
            "rank",
            "band",
            "probability",
            "status",
        ]
        orderable = True

    def render_id(self, value: int) -> str:
        return f"#{value}"

    def render_booking(self, value: Any) -> str:
        return str(value.booking_number)

    def render_facility(self, value: Any) -> str:
        return str(value.facility.name)

    def render_release_date(self, value: Any) -> str:
        return _when(value)

    def render_probability(self, value: float) -> str:
        return f"{value:.3f}"

    def render_status(self, record: ScreeningCandidate) -> Any:
        return format_html(
            '<span class="usa-tag {}">{}</span>',
            ReviewStatus.colour(record.status),
            ReviewStatus.label(record.status),
        )

    # No names in the export: booking number and record id identify the row for those who
    # may open it (decisions.md).
    export_columns = {
        "id": "Candidate",
        "booking__booking_number": "Booking number",
        "booking__facility__facility__name": "Facility",
        "booking__release_date": "Expected release (UTC)",
        "booking__priority_level": "Priority level",
        "rank": "Rank",
        "record__record_id": "Record id",
        "band": "Band",
        "probability": "Probability",
        "status": "Review",
        "roster_id": "Roster",
    }


class FacilityTable(tables.Table):
    facility = tables.Column(
        verbose_name="Facility",
        order_by=("facility__name",),
        linkify=lambda record: reverse("cap:facility", args=[record.pk]),
    )
    agency = tables.Column(
        verbose_name="Agency", accessor="facility__agency", order_by=("facility__agency__name",)
    )
    team = tables.Column(verbose_name="CAP team", order_by=("team__name",), default="Not assigned")
    access_hours = tables.Column(verbose_name="Access hours", default="—")
    remote_interviews = tables.Column(verbose_name="Interviews")
    roster_delivery = tables.Column(verbose_name="Rosters arrive", empty_values=())
    last_roster = tables.Column(verbose_name="Last roster (UTC)", orderable=False, empty_values=())

    class Meta:
        model = CapFacility
        fields = [
            "facility",
            "agency",
            "team",
            "access_hours",
            "remote_interviews",
            "roster_delivery",
            "last_roster",
        ]

    def render_facility(self, value: Any) -> str:
        return str(value.name)

    def render_agency(self, value: Any) -> str:
        return str(value.name)

    def render_remote_interviews(self, value: str) -> str:
        return RemoteInterviews.label(value)

    def render_roster_delivery(self, record: CapFacility) -> str:
        return (
            f"{RosterDelivery.label(record.roster_delivery)}; "
            f"{RosterFrequency.label(record.roster_frequency).lower()}"
        )

    def render_last_roster(self, record: CapFacility) -> str:
        return _when(getattr(record, "last_roster_at", None))

    export_columns = {
        "id": "ID",
        "facility__name": "Facility",
        "facility__agency__name": "Agency",
        "team__name": "CAP team",
        "facility__time_zone": "Time zone",
        "access_hours": "Access hours",
        "remote_interviews": "Remote interviews",
        "roster_delivery": "How rosters arrive",
        "roster_frequency": "How often",
    }
