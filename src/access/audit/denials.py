"""Counting refusals (``access.denied`` events) for misuse review.

A user who is refused again and again is probing for records outside their scope; the
misuse rules and the oversight pages count refusals per user through ``denial_counts``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Count

from access.audit.events import Event
from access.audit.models import AuditEvent


def denial_counts(
    since: datetime,
    until: datetime | None = None,
    *,
    at_least: int = 1,
    agency_id: int | None = None,
) -> list[dict[str, Any]]:
    """Refusals per user from ``since`` (to ``until``), most first: ``actor_id``,
    ``actor_name``, ``agency_id``, ``count``; only users with ``at_least`` refusals."""
    rows = AuditEvent.objects.filter(action=Event.ACCESS_DENIED, occurred_at__gte=since)
    if until is not None:
        rows = rows.filter(occurred_at__lt=until)
    if agency_id is not None:
        rows = rows.filter(agency_id=agency_id)
    counted = (
        rows.values("actor_id", "actor_name", "agency_id")
        .annotate(count=Count("id"))
        .filter(count__gte=at_least)
        .order_by("-count", "actor_id")
    )
    return [dict(row) for row in counted]
