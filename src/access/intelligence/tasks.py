"""Intelligence jobs, run by the tasks worker and queued daily by the scheduler
(site/schedule.py): the review queue and the purge of 28 CFR 23.20(h)."""

from __future__ import annotations

from django_tasks import task

from access.core.actors import SystemActor


@task()
def review_intelligence() -> dict[str, list[int]]:
    """Purge records past their review date; queue those within the notice period."""
    from access.intelligence.actions import run_review

    return run_review(SystemActor("scheduled job: intelligence review and purge"))
