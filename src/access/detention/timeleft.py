"""How the clock reads on a page: real time to the deadline, coloured by urgency."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from access.detention.models import Detainer

URGENT = timedelta(hours=4)
SOON = timedelta(hours=24)


def _hours(left: timedelta) -> str:
    minutes = int(abs(left).total_seconds() // 60)
    return f"{minutes // 60} h {minutes % 60:02d} min"


def describe(detainer: Detainer, now: datetime | None = None) -> tuple[str, str]:
    """(text, USWDS tag colour or "") for the clock of one detainer."""
    left = detainer.time_left(now or timezone.now())
    if left is None:
        if detainer.is_open:
            return "Not started (release not known)", ""
        return "Closed", ""
    if left <= timedelta(0):
        return f"OVERDUE by {_hours(left)}", "bg-secondary-dark"
    if left <= URGENT:
        return f"{_hours(left)} left", "bg-secondary-vivid"
    if left <= SOON:
        return f"{_hours(left)} left", "bg-accent-warm-darker"
    return f"{_hours(left)} left", ""
