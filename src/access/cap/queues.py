"""The CAP officer's work queue (the queue page and the home page share it) and the home-page
items of CAP screening (wired in ``site/queues.py``): ids, facilities and dates, no names."""

from __future__ import annotations

from typing import Any

from django.db.models import F, QuerySet
from django.utils.timesince import timesince

from access.cap.actions.queue import OPEN_FOR_WORK
from access.cap.choices import BookingStatus, ReviewStatus
from access.cap.models import ScreeningCandidate

LIMIT = 20
NEXT_STEP = {
    ReviewStatus.PENDING: "verify or reject",
    ReviewStatus.VERIFIED: "refer for interview",
    ReviewStatus.CLEARED: "cleared by a supervisor: go on",
}


def queue_order(rows: QuerySet[ScreeningCandidate]) -> QuerySet[ScreeningCandidate]:
    """Soonest release first, then the most serious priority level (1 before 3), then rank;
    unknown dates and levels last."""
    return rows.order_by(
        F("booking__release_date").asc(nulls_last=True),
        F("booking__priority_level").asc(nulls_last=True),
        "booking_id",
        "rank",
    )


def work_queue(user: Any) -> QuerySet[ScreeningCandidate]:
    """The candidates the user may see that wait on a CAP officer: people still held, whose
    candidate awaits review or referral."""
    return queue_order(
        ScreeningCandidate.objects.restrict(user)
        .filter(booking__status=BookingStatus.IN_CUSTODY, status__in=OPEN_FOR_WORK)
        .select_related("booking__facility__facility", "record")
    )


def officer_items(user: Any) -> list[dict[str, str]]:
    """The CAP officer's referral queue: candidates of people still held, soonest release
    first (the queue page's order), with the next step of each."""
    items = []
    for candidate in work_queue(user)[:LIMIT]:
        booking = candidate.booking
        release = f"{booking.release_date:%Y-%m-%d}" if booking.release_date else "not known"
        level = booking.priority_level or "not known"
        items.append(
            {
                "title": f"Booking {booking.booking_number} at {booking.facility.facility.name}: "
                f"candidate #{candidate.pk}, {candidate.band}",
                "url": candidate.get_absolute_url(),
                "detail": f"Expected release {release}; priority level {level}; "
                f"{NEXT_STEP.get(candidate.status, '')}.",
            }
        )
    return items


def supervisor_items(user: Any) -> list[dict[str, str]]:
    """ICE supervisors: screening candidates stopped for citizenship, oldest first."""
    if user.grant_scope("cap.decide_screeningcandidate") is None:
        return []
    stopped = (
        ScreeningCandidate.objects.restrict(user)
        .filter(status=ReviewStatus.STOPPED, supervisor_decision="")
        .select_related("booking__facility__facility")
        .order_by("updated_at")[:50]
    )
    return [
        {
            "title": f"Citizenship stop: CAP candidate #{c.pk} at {c.booking.facility.facility.name}",
            "url": c.get_absolute_url(),
            "detail": f"Waiting {timesince(c.updated_at)} for your decision"
            + ("" if c.booking.status == BookingStatus.IN_CUSTODY else " (released since)"),
        }
        for c in stopped
    ]
