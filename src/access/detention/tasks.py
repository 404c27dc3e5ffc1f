"""Scheduled detainer jobs, run by the tasks worker (``access db_worker``).

The job does not queue itself again: the project's scheduler runs it every 5 minutes.
"""

from __future__ import annotations

from django_tasks import task

from access.core.actors import SystemActor


@task()
def check_detainer_clocks() -> dict[str, list[int]]:
    """Alert before hold clocks run out (once per threshold) and flag overdue detainers."""
    from access.detention.actions import check_clocks

    return check_clocks(SystemActor("scheduled job: detainer hold clocks"))
