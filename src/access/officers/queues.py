"""Work queues over officers (for the home pages; each takes the user's scoped queryset)."""

from __future__ import annotations

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
