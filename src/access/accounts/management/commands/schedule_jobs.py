"""Queue the recurring jobs once (idempotent); each run queues its own next run."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Queue the recurring background jobs (daily inactive-account check) if not queued."

    def handle(self, *args: Any, **options: Any) -> None:
        from django.conf import settings

        from access.accounts.tasks import disable_inactive_accounts

        backend = settings.TASKS["default"]["BACKEND"]
        if backend == "django_tasks_db.DatabaseBackend":
            from django_tasks.base import TaskResultStatus
            from django_tasks_db.models import DBTaskResult

            waiting = DBTaskResult.objects.filter(
                task_path=disable_inactive_accounts.module_path,
                status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
            ).exists()
            if waiting:
                self.stdout.write("recurring jobs already queued")
                return
        disable_inactive_accounts.enqueue()
        self.stdout.write("queued: daily inactive-account check")
