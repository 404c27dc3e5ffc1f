"""Inquiries jobs, run by the tasks worker (``access db_worker``).

- ``escalate_overdue_confirmations``: every minute, notify the supervisors about hit
  confirmations past their 10-minute target (once per inquiry and supervisor).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import IntegrityError
from django.utils import timezone
from django_tasks import task

from access.core.actors import SystemActor
from access.inquiries.escalation import (
    escalate_confirmation,
    overdue_confirmations,
    supervisors,
)
from access.messaging.choices import NotificationKind
from access.messaging.models import Notification

logger = logging.getLogger(__name__)

EVERY_MINUTE = timedelta(minutes=1)
ESCALATION = SystemActor("scheduled job: hit-confirmation escalation")


@task()
def escalate_overdue_confirmations(reschedule: bool = True) -> list[int]:
    """Notify the supervisors of each overdue, unanswered hit confirmation; run again in a
    minute. Returns the inquiries escalated in this run."""
    recipients = list(supervisors())
    escalated: list[int] = []
    overdue = list(overdue_confirmations().select_related("agency", "submitted_by"))
    if overdue and not recipients:
        logger.warning("%d hit confirmations overdue and no supervisor to notify", len(overdue))
    told = set(
        Notification.objects.filter(
            kind=NotificationKind.CONFIRMATION_OVERDUE,
            inquiry__in=[i.pk for i in overdue],
            recipient__in=[u.pk for u in recipients],
        ).values_list("inquiry_id", "recipient_id")
    )
    for inquiry in overdue:
        waiting = [u for u in recipients if (inquiry.pk, u.pk) not in told]
        if not waiting:
            continue
        try:
            if escalate_confirmation(ESCALATION, inquiry, waiting):
                escalated.append(inquiry.pk)
        except IntegrityError:  # a parallel run notified the same people first
            continue
    if reschedule:
        escalate_overdue_confirmations.using(run_after=timezone.now() + EVERY_MINUTE).enqueue()
    return escalated
