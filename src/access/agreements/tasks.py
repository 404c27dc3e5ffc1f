"""Scheduled agreement jobs, run by the tasks worker (``access db_worker``)."""

from __future__ import annotations

from django_tasks import task

from access.core.actors import SystemActor


@task()
def check_agreement_expiry() -> dict[str, list[int]]:
    """Expire agreements past their term, mark renewal due within 90 days (daily, queued by the scheduler)."""
    from access.agreements.actions import check_expiry

    result = check_expiry(SystemActor("scheduled job: agreement expiry"))
    return result
