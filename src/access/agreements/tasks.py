"""Scheduled agreement jobs, run by the tasks worker (``access db_worker``)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from access.core.actors import SystemActor

DAILY = timedelta(days=1)


@task()
def check_agreement_expiry(reschedule: bool = True) -> dict[str, list[int]]:
    """Expire agreements past their term, mark renewal due within 90 days; run again tomorrow."""
    from access.agreements.actions import check_expiry

    result = check_expiry(SystemActor("scheduled job: agreement expiry"))
    if reschedule:
        check_agreement_expiry.using(run_after=timezone.now() + DAILY).enqueue()
    return result
