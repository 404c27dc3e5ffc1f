"""``access run_worker [--max-restarts N] [-- DB_WORKER_OPTIONS]``: the job worker, restarted
whenever it dies (``access.site.worker.Supervisor``); ``make run`` starts it."""

from __future__ import annotations

import signal
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from access.site import worker
from access.site.worker import BACKOFF, Supervisor


class Command(BaseCommand):
    help = (
        "Run the job worker (access db_worker) and start it again whenever it exits, waiting "
        f"{', '.join(f'{d:.0f}' for d in BACKOFF)} seconds after successive quick deaths."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--max-restarts",
            type=int,
            default=None,
            help="Give up (exit non-zero) after this many restarts; default: never give up.",
        )
        parser.add_argument(
            "worker_options", nargs="*", help="Options passed on to db_worker (after --)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        supervisor = Supervisor(
            worker.worker_command(options["worker_options"]),
            stream=sys.stderr,
            max_restarts=options["max_restarts"],
            orphaned=worker.fail_jobs_of,
        )
        previous = {
            sig: signal.signal(sig, lambda signum, _frame: supervisor.stop(signum))
            for sig in (signal.SIGINT, signal.SIGTERM)
        }
        try:
            code = supervisor.run()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if code and not supervisor.stopping:
            sys.exit(code)
