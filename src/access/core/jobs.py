"""What the job queue holds for a task (django-tasks' database backend; other backends keep no
queue to ask, so the answers are "nothing queued" and "never finished")."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings


def _db_backend() -> bool:
    return bool(settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend")


def queued_or_running(task: Any) -> bool:
    """True when a run of ``task`` waits in the queue or runs now."""
    if not _db_backend():
        return False
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=task.module_path,
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
    ).exists()


def last_finished(task: Any) -> datetime | None:
    """When the newest successful run of ``task`` finished."""
    if not _db_backend():
        return None
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    finished: datetime | None = (
        DBTaskResult.objects.filter(task_path=task.module_path, status=TaskResultStatus.SUCCESSFUL)
        .order_by("-finished_at")
        .values_list("finished_at", flat=True)
        .first()
    )
    return finished
