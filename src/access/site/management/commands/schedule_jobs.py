"""Queue the recurring jobs once (idempotent); each run queues its own next run."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from access.accounts.tasks import disable_inactive_accounts
from access.agreements.tasks import check_agreement_expiry
from access.inquiries.tasks import escalate_overdue_confirmations, flag_repeated_denials
from access.officers.tasks import check_officer_authorizations
from access.records.tasks import check_model_drift

RECURRING: list[tuple[Any, str]] = [
    (disable_inactive_accounts, "daily inactive-account check"),
    (check_agreement_expiry, "daily agreement expiry and renewal check"),
    (escalate_overdue_confirmations, "every-minute escalation of overdue hit confirmations"),
    (check_officer_authorizations, "daily officer authorization expiry check"),
    (check_model_drift, "daily check of the matching model's bands against analysts' decisions"),
    (flag_repeated_denials, "every-minute misuse rule on repeated refusals"),
]


def _already_queued(task: Any) -> bool:
    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        return False
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=task.module_path,
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
    ).exists()


class Command(BaseCommand):
    help = (
        "Queue the recurring background jobs (accounts, agreements, hit-confirmation "
        "escalation, officer authorization expiry, matching model drift) that are not queued yet."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for task, label in RECURRING:
            if _already_queued(task):
                self.stdout.write(f"already queued: {label}")
            else:
                task.enqueue()
                self.stdout.write(f"queued: {label}")
