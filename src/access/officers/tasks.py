"""Scheduled officer jobs, run by the tasks worker (``access db_worker``)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from access.core.actors import SystemActor

DAILY = timedelta(days=1)


@task()
def check_officer_authorizations(reschedule: bool = True) -> dict[str, list[int]]:
    """Lapse officers whose one-year authorization ended; notify; run again tomorrow."""
    from access.officers.actions import check_expiry

    result = check_expiry(SystemActor("scheduled job: officer authorization expiry"))
    if reschedule:
        check_officer_authorizations.using(run_after=timezone.now() + DAILY).enqueue()
    return result
