"""Work queues over officers (for the home pages; each takes the user's scoped queryset)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from access.agreements.actions import add_months
from access.officers.choices import OfficerStatus
from access.officers.models import Officer

S = OfficerStatus
ICE_CHECK_TARGET = timedelta(days=30)


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def waiting_on_ice(officers: QuerySet[Officer], today: date | None = None) -> QuerySet[Officer]:
    """Nominations waiting on the ICE background check longer than 30 days."""
    return officers.filter(
        status=S.NOMINATED, nominated_on__lt=_today(today) - ICE_CHECK_TARGET
    ).order_by("nominated_on")


def authorizations_ending(
    officers: QuerySet[Officer], within_days: int, today: date | None = None
) -> QuerySet[Officer]:
    """Authorized officers whose newest authorization ends within ``within_days``."""
    day = _today(today)
    return (
        officers.filter(status__in=[S.AUTHORIZED, S.SUSPENDED])
        .annotate(ends=Max("authorizations__valid_until", filter=Q(authorizations__ended_at=None)))
        .filter(ends__gte=day, ends__lte=day + timedelta(days=within_days))
        .order_by("ends")
    )


def refreshers_due(
    officers: QuerySet[Officer], within_days: int = 60, today: date | None = None
) -> list[tuple[Officer, date]]:
    """Certified and authorized officers whose training lapses within ``within_days``
    (or has lapsed), with the due date."""
    day = _today(today)
    due = []
    serving = officers.filter(status__in=[S.CERTIFIED, S.AUTHORIZED, S.SUSPENDED, S.LAPSED])
    for officer in serving.prefetch_related("exams__course"):
        passes = [e for e in officer.exams.all() if e.passed]
        if not passes:
            continue
        latest = max(passes, key=lambda e: e.taken_on)
        until = add_months(latest.taken_on, latest.course.valid_months)
        if until <= day + timedelta(days=within_days):
            due.append((officer, until))
    return sorted(due, key=lambda pair: pair[1])


def without_supervisor(officers: QuerySet[Officer]) -> QuerySet[Officer]:
    """Authorized (or suspended) officers with no current ICE supervisor."""
    return officers.filter(status__in=[S.AUTHORIZED, S.SUSPENDED], supervisor__isnull=True)


def disqualified(officers: QuerySet[Officer]) -> QuerySet[Officer]:
    return officers.filter(status=S.DISQUALIFIED).order_by("last_name")


def _refresher_ids(officers: QuerySet[Officer]) -> QuerySet[Officer]:
    return officers.filter(pk__in=[officer.pk for officer, _ in refreshers_due(officers)])


@dataclass(frozen=True)
class Queue:
    """One work queue: its name in URLs (``?queue=NAME``), what people read, and the query."""

    name: str
    label: str
    detail: str
    select: Callable[[QuerySet[Officer]], QuerySet[Officer]]


# In the order the home page lists them. Names, not people, go into links (no person data in
# URLs): the officer list's ``queue`` filter runs the same query over the user's scope.
QUEUES: dict[str, Queue] = {
    queue.name: queue
    for queue in [
        Queue(
            "waiting_on_ice",
            "Nominations waiting on the ICE background check over 30 days",
            "Nominated more than 30 days ago; the ICE background check is not recorded.",
            waiting_on_ice,
        ),
        Queue(
            "ending_60",
            "Authorizations ending within 60 days",
            "Renewal needs a current refresher; plan it now.",
            lambda officers: authorizations_ending(officers, 60),
        ),
        Queue(
            "ending_30",
            "Authorizations ending within 30 days",
            "Without a renewal the officer loses all authority on the end date.",
            lambda officers: authorizations_ending(officers, 30),
        ),
        Queue(
            "refresher_due",
            "Refresher training due within 60 days or lapsed",
            "Training that lapses denies every function until a refresher is passed.",
            _refresher_ids,
        ),
        Queue(
            "no_supervisor",
            "Authorized officers without an ICE supervisor",
            "An officer without a supervisor may not act; assign one.",
            without_supervisor,
        ),
        Queue(
            "disqualified",
            "Disqualified officers",
            "Failed the retake; only a program manager may lift it, with a reason.",
            disqualified,
        ),
    ]
}


def in_queue(officers: QuerySet[Officer], name: str) -> QuerySet[Officer]:
    """The officers of ``officers`` in queue ``name``, as a plain queryset (no annotations or
    ordering of the queue's own, so list filters and exports combine with it)."""
    chosen = QUEUES[name].select(officers)
    return officers.filter(pk__in=list(chosen.values_list("pk", flat=True)))
