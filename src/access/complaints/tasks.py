"""Complaint jobs, run by the tasks worker and queued by the scheduler (site/schedule.py)."""

from __future__ import annotations

from django_tasks import task

from access.core.actors import SystemActor


@task()
def check_complaint_clocks() -> dict[str, list[int]]:
    """Alert OPR on open complaints at 30 and 10 days left, when due, and daily once overdue."""
    from access.complaints.actions import check_clocks

    return check_clocks(SystemActor("scheduled job: complaint 90-day clock"))
