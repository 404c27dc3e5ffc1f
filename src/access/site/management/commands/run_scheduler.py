"""``access run_scheduler``: queue the recurring jobs on their schedule (``site/schedule.py``)
for the job worker. Run exactly one per installation; ``make run`` starts it."""

from __future__ import annotations

import signal
from typing import Any

from apscheduler.schedulers.blocking import BlockingScheduler
from django.core.management.base import BaseCommand, CommandParser

from access.site.schedule import RECURRING, catch_up, install, program_zone


class Command(BaseCommand):
    help = (
        "Keep the recurring jobs' schedule (APScheduler, cron times in the program's time "
        "zone): queue each job for the worker (`access run_worker`) at its times, never twice "
        "at once. On start, queue every job that has not finished a run within its period. "
        "Stop with Ctrl-C or SIGTERM."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-catch-up",
            action="store_true",
            help="Do not queue jobs missed while the scheduler was down; wait for their next time.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        scheduler = install(BlockingScheduler(timezone=program_zone()))
        if not options["no_catch_up"]:
            for job_id in catch_up():
                self.stdout.write(f"caught up: queued {job_id}")
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda _signum, _frame: scheduler.shutdown(wait=False))
        self.stdout.write(
            f"scheduler: {len(RECURRING)} recurring jobs ({program_zone().key}); "
            "`access schedule_jobs --list` shows when each runs next"
        )
        self.stdout.flush()
        scheduler.start()
