"""Scheduled account jobs, run by the tasks worker (``access db_worker``)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from access.core.actors import SystemActor

DAILY = timedelta(days=1)


@task()
def disable_inactive_accounts(reschedule: bool = True) -> list[str]:
    """Disable accounts idle for 90 days, then queue the next daily run."""
    from access.accounts.actions import disable_inactive_accounts as disable

    disabled = disable(SystemActor("scheduled job: disable inactive accounts"))
    if reschedule:
        disable_inactive_accounts.using(run_after=timezone.now() + DAILY).enqueue()
    return disabled
