"""A supervisor for the job worker: ``access run_worker`` (``make run`` starts it).

It runs ``access db_worker`` as a child process and starts it again whenever it exits, waiting
longer after each quick death (``BACKOFF`` seconds; back to the first wait after a run of
``STEADY_SECONDS``), and says so loudly on standard error. Each worker gets its own id, so
the jobs a dead one had claimed (django-tasks never runs a claimed job again) are marked
failed, with the cause, instead of staying "running" for ever. A stop (Ctrl-C, SIGTERM) is
passed on to the worker and ends the loop. The process, the sleep, the clock and the job
bookkeeping are injected, so the restart logic is tested without real processes or timers.
(``subprocess`` runs our own worker command, as a list, without a shell.)
"""

from __future__ import annotations

import contextlib
import logging
import secrets
import signal
import subprocess  # nosec B404
import sys
import time
from collections.abc import Callable, Sequence
from typing import IO, Protocol

BACKOFF = (1.0, 2.0, 5.0, 10.0, 30.0, 60.0)
STEADY_SECONDS = 120.0
logger = logging.getLogger(__name__)


class Process(Protocol):
    def wait(self) -> int: ...

    def send_signal(self, sig: int) -> None: ...


def worker_command(extra: Sequence[str] = ()) -> list[str]:
    """``access db_worker --no-reload`` with this interpreter (the console script's own)."""
    return [sys.executable, "-m", "access.cli", "db_worker", "--no-reload", *extra]


class Supervisor:
    def __init__(
        self,
        command: Sequence[str],
        *,
        start: Callable[[Sequence[str]], Process] = subprocess.Popen,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        stream: IO[str] | None = None,
        max_restarts: int | None = None,
        new_id: Callable[[], str] = lambda: secrets.token_hex(8),
        orphaned: Callable[[str, int], list[str]] = lambda _worker_id, _code: [],
    ) -> None:
        self.command = list(command)
        self.start = start
        self.sleep = sleep
        self.clock = clock
        self.stream = stream or sys.stderr
        self.max_restarts = max_restarts
        self.new_id = new_id
        self.orphaned = orphaned
        self.restarts = 0
        self.delays: list[float] = []
        self.stopping = False
        self.process: Process | None = None

    def stop(self, sig: int = signal.SIGTERM) -> None:
        """End the loop after the current worker exits; pass the signal on to it."""
        self.stopping = True
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):  # it has already exited
                self.process.send_signal(sig)

    def shout(self, message: str) -> None:
        logger.error(message)
        self.stream.write(f"\n*** {message} ***\n\n")
        self.stream.flush()

    def run(self) -> int:
        """Run the worker until stopped; the worker's last exit code (or 1 when given up)."""
        attempt = 0
        while True:
            started = self.clock()
            worker_id = self.new_id()
            self.process = self.start([*self.command, "--worker-id", worker_id])
            code = self.process.wait()
            self.process = None
            left = self.orphaned(worker_id, code)
            if self.stopping:
                return code
            ran = self.clock() - started
            if left:
                self.shout(
                    f"jobs left running by the dead worker, marked failed: {', '.join(left)}"
                )
            if ran >= STEADY_SECONDS:
                attempt = 0
            if self.max_restarts is not None and self.restarts >= self.max_restarts:
                self.shout(
                    f"job worker exited with code {code} after {ran:.0f} s; giving up after "
                    f"{self.restarts} restarts: queued jobs will not run"
                )
                return code or 1
            delay = BACKOFF[min(attempt, len(BACKOFF) - 1)]
            attempt += 1
            self.restarts += 1
            self.shout(
                f"job worker exited with code {code} after {ran:.0f} s; restarting it in "
                f"{delay:.0f} s (restart {self.restarts})"
            )
            self.delays.append(delay)
            self.sleep(delay)
            if self.stopping:
                return code


def fail_jobs_of(worker_id: str, code: int) -> list[str]:
    """Mark failed the jobs that worker ``worker_id`` claimed and did not finish; their paths.

    A job cut off this way is not run again (it may have half-happened): its failure, with the
    worker's exit code, is what people and ``schedule_jobs`` then see."""
    from django.db import close_old_connections, connection
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    if not connection.in_atomic_block:  # the supervisor's connection may sit idle for days
        close_old_connections()
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    left = [job for job in running if worker_id in job.worker_ids]
    for job in left:
        job.set_failed(RuntimeError(f"its job worker {worker_id} died (exit code {code})"))
    return [job.task_path for job in left]
