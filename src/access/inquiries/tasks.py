"""Inquiries jobs, run by the tasks worker (``access db_worker``).

- ``escalate_overdue_confirmations``: every minute, notify the supervisors about hit
  confirmations past their 10-minute target (once per inquiry and supervisor).
- ``flag_repeated_denials``: every minute, the misuse rules that count a user's refusals.
- ``prepare_matching_model``: queued when an inquiry arrives while no matching model is
  active; trains, calibrates and activates a first version (``records.actions
  .prepare_first_model``), then searches and routes the inquiries that waited for it.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import IntegrityError
from django_tasks import task

from access.core.actors import SystemActor
from access.core.jobs import queued_or_running
from access.inquiries.escalation import (
    escalate_confirmation,
    overdue_confirmations,
    supervisors,
)
from access.messaging.choices import NotificationKind
from access.messaging.models import Notification

logger = logging.getLogger(__name__)

ESCALATION = SystemActor("scheduled job: hit-confirmation escalation")
MODEL_JOB = SystemActor("scheduled job: first matching model")


@task()
def escalate_overdue_confirmations() -> list[int]:
    """Notify the supervisors of each overdue, unanswered hit confirmation (every minute,
    queued by the scheduler). Returns the inquiries escalated in this run."""
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
    return escalated


DENIAL_RULES = SystemActor("scheduled job: misuse rule on refusals")


@task()
def flag_repeated_denials() -> list[int]:
    """Run the refusal misuse rules (``misuse.flag_denials``; every minute, queued by the
    scheduler); the flags raised."""
    from access.inquiries.misuse import flag_denials

    return [flag.pk for flag in flag_denials(DENIAL_RULES)]


def request_matching_model() -> None:
    """Queue ``prepare_matching_model`` unless it is queued or running already (called when a
    queued inquiry's transaction commits: never inside the request's transaction)."""
    if not queued_or_running(prepare_matching_model):
        prepare_matching_model.enqueue()


def search_waiting_after_activation(sender: Any, version: Any, **kwargs: Any) -> None:
    """``records.actions.model_activated`` receiver: queue the job that searches the inquiries
    stored while no model was active (it finds the new active version and trains nothing)."""
    from access.inquiries.actions import waiting_for_model

    if waiting_for_model().exists():
        request_matching_model()


@task()
def prepare_matching_model() -> dict[str, Any]:
    """A first active matching model if there is none, then every inquiry that waited for one
    searched and routed. Returns the version used and the inquiries searched; a store that
    cannot give a calibrated model leaves them queued and says why in the log."""
    from access.inquiries import actions
    from access.records import actions as records_actions
    from access.records.choices import ModelStatus
    from access.records.models import MatchModelVersion

    active = MatchModelVersion.objects.filter(status=ModelStatus.ACTIVE).first()
    if active is None:
        try:
            active = records_actions.prepare_first_model(MODEL_JOB)
        except records_actions.ModelRefused as error:
            logger.error("no matching model could be prepared; inquiries stay queued: %s", error)
            return {"version": None, "searched": [], "error": str(error)}
    searched = [
        actions.search_queued(MODEL_JOB, inquiry).pk for inquiry in actions.waiting_for_model()
    ]
    return {"version": active.version, "searched": searched}
