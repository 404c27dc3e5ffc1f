"""The recurring jobs' schedule: declared once, queued by APScheduler, never self re-queued."""

from __future__ import annotations

import inspect
from datetime import UTC, datetime, timedelta

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from django.core.management import call_command
from django.utils import timezone

from access.site import schedule
from access.site.schedule import RECURRING, Recurring


@pytest.fixture
def db_queue(settings, db):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult


def test_every_recurring_job_is_a_task_with_a_unique_id_and_a_valid_schedule():
    assert len({job.id for job in RECURRING}) == len(RECURRING)
    for job in RECURRING:
        assert hasattr(job.task, "enqueue") and hasattr(job.task, "module_path")
        assert job.trigger() is not None  # from_crontab raises on a bad expression
        assert job.description


def test_no_recurring_task_queues_its_own_next_run():
    for job in RECURRING:
        source = inspect.getsource(job.task.func)
        assert "run_after" not in source and ".enqueue(" not in source, job.id


def test_periods_follow_the_cron_expressions():
    periods = {job.id: job.period() for job in RECURRING}
    assert periods["inquiries.confirmation_escalation"] == timedelta(minutes=1)
    assert periods["officers.authorization_expiry"] == timedelta(days=1)
    assert periods["agreements.expiry"] == timedelta(days=1)


def test_install_adds_each_job_with_its_next_time_in_the_program_zone(settings):
    settings.TIME_ZONE = "America/New_York"
    scheduler = schedule.install(BackgroundScheduler(timezone=schedule.program_zone()))
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == {job.id for job in RECURRING}
    expiry = jobs["officers.authorization_expiry"]
    moment = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)  # 08:00 in New York (EDT)
    following = expiry.trigger.get_next_fire_time(None, moment)
    assert following == datetime(2026, 7, 2, 0, 5, tzinfo=schedule.program_zone())
    assert expiry.coalesce and expiry.max_instances == 1


def test_enqueue_queues_once_while_a_run_waits(db_queue):
    job = next(j for j in RECURRING if j.id == "agreements.expiry")
    assert schedule.enqueue(job) is True
    assert schedule.enqueue(job) is False
    assert db_queue.objects.filter(task_path=job.task.module_path).count() == 1


def test_catch_up_queues_jobs_without_a_recent_run_and_skips_fresh_ones(db_queue):
    from django_tasks.base import TaskResultStatus

    daily = next(j for j in RECURRING if j.id == "agreements.expiry")
    other = next(j for j in RECURRING if j.id == "officers.authorization_expiry")
    now = timezone.now()
    # a run of the officers job finished an hour ago: within its day, so not caught up
    schedule.enqueue(other)
    db_queue.objects.filter(task_path=other.task.module_path).update(
        status=TaskResultStatus.SUCCESSFUL, finished_at=now - timedelta(hours=1)
    )
    queued = schedule.catch_up([daily, other], now=now)
    assert queued == ["agreements.expiry"]
    assert (
        db_queue.objects.filter(
            task_path=daily.task.module_path, status=TaskResultStatus.READY
        ).count()
        == 1
    )
    assert not db_queue.objects.filter(
        task_path=other.task.module_path, status=TaskResultStatus.READY
    ).exists()


def test_schedule_jobs_lists_without_queueing(db_queue, capsys):
    call_command("schedule_jobs", "--list")
    out = capsys.readouterr().out
    assert all(job.id in out for job in RECURRING)
    assert not db_queue.objects.exists()


def test_a_scheduled_moment_queues_the_task_for_the_worker(db_queue):
    """Drive the scheduler's own job function as APScheduler does at a fire time."""
    fired: list[str] = []
    job = Recurring("test.job", RECURRING[0].task, "* * * * *", "a test job")

    def run(j: Recurring) -> bool:
        fired.append(j.id)
        return schedule.enqueue(j)

    scheduler = schedule.install(BackgroundScheduler(), jobs=[job], run=run)
    (aps_job,) = scheduler.get_jobs()
    aps_job.func(*aps_job.args)
    assert fired == ["test.job"]
    assert db_queue.objects.filter(task_path=job.task.module_path).count() == 1
