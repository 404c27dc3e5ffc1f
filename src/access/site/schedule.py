"""The recurring jobs and the scheduler that queues them (``access run_scheduler``).

Each recurring job is an ordinary django-tasks task in its app's ``tasks.py``: it does one run
and returns. When it runs is declared here, once, as a cron expression in the program's time
zone (``settings.TIME_ZONE``), and APScheduler queues it for the job worker at those moments.
Jobs never queue their own next run, so a failed run cannot end the chain and the schedule is
read in one place.

One scheduler process runs per installation (``make run`` starts it beside the worker). A job
still queued or running is not queued again; after downtime, ``catch_up`` queues once every job
that has not finished a run within its period, so a daily check missed while the scheduler was
down runs on start instead of the next day.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.utils import timezone

from access.accounts.tasks import disable_inactive_accounts
from access.agreements.tasks import check_agreement_expiry
from access.complaints.tasks import check_complaint_clocks
from access.core.jobs import last_finished, queued_or_running
from access.detention.tasks import check_detainer_clocks
from access.inquiries.tasks import escalate_overdue_confirmations, flag_repeated_denials
from access.intelligence.tasks import review_intelligence
from access.officers.tasks import check_officer_authorizations
from access.records.tasks import check_model_drift

logger = logging.getLogger(__name__)

# A run that starts this late after its moment (the scheduler was busy or paused) still runs;
# later than that it is skipped and the next moment counts (catch_up covers downtime).
MISFIRE_GRACE = timedelta(minutes=30)


@dataclass(frozen=True)
class Recurring:
    """One recurring job: a stable id, the task, when (cron, 5 fields) and what it does."""

    id: str
    task: Any
    cron: str
    description: str

    def trigger(self, tz: ZoneInfo | None = None) -> CronTrigger:
        return CronTrigger.from_crontab(self.cron, timezone=tz or program_zone())

    def period(self, now: datetime | None = None) -> timedelta:
        """Time between two consecutive runs from ``now`` (a day for a daily job)."""
        trigger = self.trigger()
        now = now or timezone.now()
        first = trigger.get_next_fire_time(None, now)
        second = trigger.get_next_fire_time(first, first + timedelta(seconds=1))
        return second - first


RECURRING: list[Recurring] = [
    Recurring(
        "accounts.disable_inactive",
        disable_inactive_accounts,
        "0 1 * * *",
        "disable accounts idle for 90 days",
    ),
    Recurring(
        "officers.authorization_expiry",
        check_officer_authorizations,
        "5 0 * * *",
        "lapse officer authorizations that ended yesterday; notify liaisons and supervisors",
    ),
    Recurring(
        "agreements.expiry",
        check_agreement_expiry,
        "15 0 * * *",
        "expire agreements past their term; mark renewal due within 90 days",
    ),
    Recurring(
        "intelligence.review",
        review_intelligence,
        "20 0 * * *",
        "purge intelligence records past their review date; queue those due within 90 days",
    ),
    Recurring(
        "records.model_drift",
        check_model_drift,
        "30 2 * * *",
        "compare the matching model's bands with analysts' decisions; alert on drift",
    ),
    Recurring(
        "complaints.clock",
        check_complaint_clocks,
        "0 6 * * *",
        "alert OPR on complaints nearing or past their 90-day clock",
    ),
    Recurring(
        "inquiries.confirmation_escalation",
        escalate_overdue_confirmations,
        "* * * * *",
        "escalate hit confirmations past their 10-minute target to ICE supervisors",
    ),
    Recurring(
        "inquiries.denial_misuse_rule",
        flag_repeated_denials,
        "* * * * *",
        "flag users refused more often than the misuse rules on refusals allow",
    ),
    Recurring(
        "detention.hold_clocks",
        check_detainer_clocks,
        "*/5 * * * *",
        "alert before detainer hold clocks run out (24 h, 4 h); flag overdue detainers",
    ),
]


def program_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def enqueue(job: Recurring) -> bool:
    """Queue one run of ``job`` unless one is queued or running; True when queued."""
    if queued_or_running(job.task):
        logger.info("recurring job %s still queued or running; not queued again", job.id)
        return False
    job.task.enqueue()
    logger.info("queued recurring job %s", job.id)
    return True


def catch_up(jobs: Iterable[Recurring] = RECURRING, now: datetime | None = None) -> list[str]:
    """Queue each job that has not finished a run within its period (downtime, first start)."""
    now = now or timezone.now()
    queued = []
    for job in jobs:
        finished = last_finished(job.task)
        if (finished is None or finished < now - job.period(now)) and enqueue(job):
            queued.append(job.id)
    return queued


def install(
    scheduler: BaseScheduler,
    jobs: Iterable[Recurring] = RECURRING,
    run: Callable[[Recurring], Any] = enqueue,
) -> BaseScheduler:
    """Add every recurring job to an APScheduler scheduler (not started)."""
    zone = program_zone()
    for job in jobs:
        scheduler.add_job(
            run,
            job.trigger(zone),
            args=[job],
            id=job.id,
            name=job.description,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=int(MISFIRE_GRACE.total_seconds()),
            replace_existing=True,
        )
    return scheduler
