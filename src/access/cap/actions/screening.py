"""Queueing, cancelling and re-running a roster's screening.

The screening itself runs on the job worker (``cap.screening.screen``, through
``tasks.screen_roster``), never inside a web request. Cancelling asks the job to stop between
two chunks (``cancel_requested``); a roster still waiting for the worker is cancelled at once.
A failed or cancelled roster may be screened again: the bookings already screened keep their
candidates and the job carries on with the rest.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from access.audit import events
from access.audit.events import audited
from access.cap.choices import RosterStatus as R
from access.cap.events import Event
from access.cap.models import Roster
from access.core import limits

__all__ = ["cancel_screening", "queue_screening", "screen_again"]


def queue_screening(roster: Roster) -> None:
    """Queue the roster for the job worker once the transaction that stored it commits."""
    from access.cap.tasks import screen_roster

    def enqueue() -> None:
        # The job's id marks the roster as handed to the worker (a queued roster without one
        # was received without queueing: the demo's waiting roster, or a CLI import).
        result = screen_roster.enqueue(roster.pk)
        Roster.objects.filter(pk=roster.pk).update(job_id=str(result.id)[:64])

    transaction.on_commit(enqueue)


def _mine(actor: Any, roster: Roster) -> Roster:
    """The roster, locked, if the actor may cancel (and so re-run) its screening; else 404
    (another team's facility, or no grant)."""
    try:
        return Roster.objects.restrict(actor, "cancel").select_for_update().get(pk=roster.pk)
    except Roster.DoesNotExist as missing:
        raise Http404("Not found") from missing


def _reason(reason: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise ValidationError({"reason": ["Say why the screening is cancelled."]})
    if len(text) > limits.LONG_TEXT:
        raise ValidationError({"reason": [f"At most {limits.LONG_TEXT} characters."]})
    return text


@audited
def cancel_screening(actor: Any, roster: Roster, reason: str) -> Roster:
    """Stop a roster's screening: a queued roster is cancelled now; a screening one stops
    after the chunk in hand (the job sees ``cancel_requested``)."""
    text = _reason(reason)
    roster = _mine(actor, roster)
    if roster.status not in (R.QUEUED, R.SCREENING):
        raise ValidationError("Only a roster waiting for or under screening can be cancelled.")
    if roster.cancel_requested:
        raise ValidationError("Cancelling was already asked for.")
    before = roster.status
    roster.cancel_requested = True
    if roster.status == R.QUEUED:
        roster.cancel()
        roster.screening_finished_at = timezone.now()
    roster.save()
    events.record(
        Event.CANCEL_SCREENING,
        obj=roster,
        details={
            "reason": text,
            "status_before": before,
            "status": roster.status,
            "done": roster.progress_done,
            "total": roster.progress_total,
        },
    )
    return roster


@audited
def screen_again(actor: Any, roster: Roster) -> Roster:
    """Queue a failed or cancelled roster for screening again (the bookings it already
    screened are kept and skipped), or a received roster that was never handed to the job
    worker for the first time ("Screen now")."""
    roster = _mine(actor, roster)
    never_queued = roster.status == R.QUEUED and not roster.job_id
    if roster.status not in (R.FAILED, R.CANCELLED) and not never_queued:
        raise ValidationError("Only a failed or cancelled screening can be run again.")
    before = roster.status
    if not never_queued:
        roster.requeue()
    roster.cancel_requested = False
    roster.error = ""
    roster.save()
    events.record(
        Event.REQUEUE_SCREENING,
        obj=roster,
        details={"status_before": before, "status": roster.status},
    )
    queue_screening(roster)
    return roster
