"""``access schedule_jobs [--list]``: queue each recurring job once now (idempotent), or list
the schedule. The schedule itself is kept by ``access run_scheduler``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from access.site.schedule import RECURRING, enqueue, program_zone


class Command(BaseCommand):
    help = (
        "Queue one run of each recurring job (account inactivity, agreement expiry, officer "
        "authorization expiry, matching model drift, hit-confirmation escalation) that is not "
        "queued or running already. The recurring schedule is kept by `access run_scheduler`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--list",
            action="store_true",
            help="Print each recurring job's id, cron schedule, next run and purpose; queue nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            now = timezone.now()
            zone = program_zone()
            for job in RECURRING:
                following = job.trigger(zone).get_next_fire_time(None, now)
                self.stdout.write(
                    f"{job.id}\t{job.cron}\tnext {following.isoformat()}\t{job.description}"
                )
            return
        for job in RECURRING:
            state = "queued" if enqueue(job) else "already queued or running"
            self.stdout.write(f"{state}: {job.id} ({job.description})")
