"""Scheduled officer jobs, run by the tasks worker (``access db_worker``)."""

from __future__ import annotations

from django_tasks import task

from access.core.actors import SystemActor


@task()
def check_officer_authorizations() -> dict[str, list[int]]:
    """Lapse officers whose one-year authorization ended; notify (daily, queued by the scheduler)."""
    from access.officers.actions import check_expiry

    result = check_expiry(SystemActor("scheduled job: officer authorization expiry"))
    return result
