"""Scheduled account jobs, run by the tasks worker (``access db_worker``)."""

from __future__ import annotations

from django_tasks import task

from access.core.actors import SystemActor


@task()
def disable_inactive_accounts() -> list[str]:
    """Disable accounts idle for 90 days (daily, queued by the scheduler: site/schedule.py)."""
    from access.accounts.actions import disable_inactive_accounts as disable

    disabled = disable(SystemActor("scheduled job: disable inactive accounts"))
    return disabled
