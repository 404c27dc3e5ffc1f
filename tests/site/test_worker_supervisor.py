"""``access run_worker``: the job worker is started again when it dies, with a growing wait,
and stops when asked. Fake processes, sleep and clock: no real process, no timer."""

from __future__ import annotations

import io
import signal
import sys
from collections.abc import Sequence

import pytest
from django.core.management import call_command

from access.site import worker
from access.site.worker import BACKOFF, STEADY_SECONDS, Supervisor


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class FakeProcess:
    """A worker that 'runs' for ``seconds`` of the fake clock, then exits with ``code``."""

    def __init__(self, clock: FakeClock, code: int, seconds: float, on_wait=None) -> None:
        self.clock, self.code, self.seconds, self.on_wait = clock, code, seconds, on_wait
        self.signals: list[int] = []

    def wait(self) -> int:
        if self.on_wait:
            self.on_wait()
        self.clock.now += self.seconds
        return self.code

    def send_signal(self, sig: int) -> None:
        self.signals.append(sig)


def supervisor_over(runs: list[tuple[int, float]], **options) -> tuple[Supervisor, list, list]:
    """A supervisor whose n-th worker exits with runs[n] = (code, seconds); after the last run
    the supervisor is asked to stop (as Ctrl-C would)."""
    clock = FakeClock()
    started: list[Sequence[str]] = []
    slept: list[float] = []
    supervisor: Supervisor

    def start(command: Sequence[str]) -> FakeProcess:
        started.append(command)
        n = len(started)
        code, seconds = runs[n - 1] if n <= len(runs) else (0, 1.0)
        last = n > len(runs)
        return FakeProcess(clock, code, seconds, on_wait=supervisor.stop if last else None)

    supervisor = Supervisor(
        ["access", "db_worker"],
        start=start,
        sleep=slept.append,
        clock=clock,
        stream=io.StringIO(),
        **options,
    )
    return supervisor, started, slept


def test_a_dead_worker_is_restarted_with_a_growing_wait():
    supervisor, started, slept = supervisor_over([(1, 2.0), (1, 2.0), (-9, 3.0)])
    assert supervisor.run() == 0
    assert len(started) == 4  # three deaths, three restarts, then the stop
    assert all(command[:2] == ["access", "db_worker"] for command in started)
    assert slept == [BACKOFF[0], BACKOFF[1], BACKOFF[2]]
    assert supervisor.restarts == 3
    said = supervisor.stream.getvalue()
    assert "job worker exited with code 1 after 2 s; restarting it in 1 s (restart 1)" in said
    assert "exited with code -9" in said


def test_the_wait_starts_again_after_a_steady_run():
    supervisor, _started, slept = supervisor_over([(1, 1.0), (1, 1.0), (1, STEADY_SECONDS + 5)])
    supervisor.run()
    assert slept == [BACKOFF[0], BACKOFF[1], BACKOFF[0]]


def test_the_wait_stops_growing_at_the_last_step():
    runs = [(1, 0.5)] * (len(BACKOFF) + 2)
    supervisor, _started, slept = supervisor_over(runs)
    supervisor.run()
    assert slept[-3:] == [BACKOFF[-1]] * 3


def test_it_gives_up_loudly_after_max_restarts():
    supervisor, started, slept = supervisor_over([(3, 1.0)] * 10, max_restarts=2)
    assert supervisor.run() == 3
    assert len(started) == 3 and slept == [BACKOFF[0], BACKOFF[1]]
    assert "giving up after 2 restarts: queued jobs will not run" in supervisor.stream.getvalue()


def test_a_stop_is_passed_to_the_worker_and_not_followed_by_a_restart():
    clock = FakeClock()
    processes: list[FakeProcess] = []
    supervisor: Supervisor

    def start(_command: Sequence[str]) -> FakeProcess:
        # The stop arrives while the worker runs (Ctrl-C in make run).
        process = FakeProcess(clock, -15, 5.0, on_wait=lambda: supervisor.stop(signal.SIGINT))
        processes.append(process)
        return process

    supervisor = Supervisor(["w"], start=start, sleep=lambda _s: None, clock=clock)
    assert supervisor.run() == -15
    assert len(processes) == 1
    assert processes[0].signals == [signal.SIGINT]
    assert supervisor.restarts == 0


def test_the_worker_command_runs_db_worker_with_this_interpreter():
    command = worker.worker_command(["--queue-name", "default"])
    assert command[:3] == [sys.executable, "-m", "access.cli"]
    assert command[3:] == ["db_worker", "--no-reload", "--queue-name", "default"]


@pytest.mark.django_db
def test_the_command_gives_up_with_the_workers_exit_code(monkeypatch, capsys):
    """A real child process that dies at once; with --max-restarts 0 no restart (no wait)."""
    monkeypatch.setattr(
        worker, "worker_command", lambda extra: [sys.executable, "-c", "raise SystemExit(3)"]
    )
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(SystemExit) as exited:
        call_command("run_worker", "--max-restarts", "0")
    assert exited.value.code == 3
    assert "giving up after 0 restarts" in capsys.readouterr().err
    assert signal.getsignal(signal.SIGTERM) is before  # the command's handlers are removed


def test_each_worker_has_its_own_id_and_its_unfinished_jobs_are_reported():
    seen: list[tuple[str, int]] = []

    def orphaned(worker_id: str, code: int) -> list[str]:
        seen.append((worker_id, code))
        return ["access.site.tasks.load_demo_population"] if code else []

    ids = iter(["w1", "w2", "w3"])
    supervisor, started, _slept = supervisor_over(
        [(-9, 1.0), (-9, 1.0)], new_id=lambda: next(ids), orphaned=orphaned
    )
    supervisor.run()
    assert [list(c[-2:]) for c in started] == [["--worker-id", w] for w in ("w1", "w2", "w3")]
    assert seen == [("w1", -9), ("w2", -9), ("w3", 0)]
    said = supervisor.stream.getvalue()
    assert said.count("marked failed: access.site.tasks.load_demo_population") == 2


@pytest.mark.django_db
def test_jobs_claimed_by_a_dead_worker_are_marked_failed():
    from django.utils import timezone
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    def job(status: str, workers: list[str]) -> DBTaskResult:
        return DBTaskResult.objects.create(
            task_path="access.site.tasks.load_demo_population",
            args_kwargs={"args": [1], "kwargs": {}},
            status=status,
            worker_ids=workers,
            backend_name="default",
            queue_name="default",
            run_after=timezone.now(),
        )

    cut_off = job(TaskResultStatus.RUNNING, ["w0", "dead"])
    other_worker = job(TaskResultStatus.RUNNING, ["alive"])
    waiting = job(TaskResultStatus.READY, [])

    assert worker.fail_jobs_of("dead", -9) == ["access.site.tasks.load_demo_population"]
    cut_off.refresh_from_db()
    assert cut_off.status == TaskResultStatus.FAILED
    assert "its job worker dead died (exit code -9)" in cut_off.traceback
    for untouched, status in ((other_worker, "RUNNING"), (waiting, "READY")):
        untouched.refresh_from_db()
        assert untouched.status == status
