"""Messaging operations: queue and deliver outbound Nlets messages, notify people.

Events: ``message.sent`` and ``message.send_failed`` (one per delivery attempt, with the
inquiry's purpose code, reason, case number, requestor and secondary recipient),
``message.resend_requested`` (a person sent a failed message again, with the same fields),
``notification.read``. (The hit-confirmation escalation that notifies supervisors is an
inquiries rule: ``inquiries.escalation``.) Queuing an IAR message writes no event of its own: it
happens inside ``inquiries.actions.determine`` / ``decide``, whose ``inquiry.iar_issued`` /
``inquiry.decided`` event names the message; likewise the administrative message (ADM) asking an
agency for an inquiry's missing reason and case number, named by ``inquiry.submitted``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from access.audit import events
from access.audit.choices import Outcome
from access.audit.events import audited
from access.messaging.choices import MessageChannel, MessageStatus, NotificationKind
from access.messaging.events import Event
from access.messaging.models import Notification, OutboundMessage
from access.messaging.transports import get_transport

# An inquiry (``inquiries.Inquiry``) as this module uses it: messaging sits below inquiries
# and never imports it.
Inquiry = Any

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
FIRST_RETRY = timedelta(seconds=30)
IAR = "IAR"
RESEND_REQUESTED = Event.RESEND_REQUESTED
# What a resend changes (and its event's before/after shows).
DELIVERY_FIELDS = ["status", "attempts", "last_error", "last_attempt_at", "next_attempt_at"]
NOT_FAILED = {
    MessageStatus.QUEUED: "it is still queued for delivery",
    MessageStatus.SENT: "it was sent",
}


class ResendRefused(ValidationError):
    """A resend refused for the message's current state; nothing changed."""


def backoff(attempts: int) -> timedelta:
    """Wait before attempt ``attempts + 1``: 30 s, 1 min, 2 min, 4 min."""
    return FIRST_RETRY * 2 ** max(attempts - 1, 0)


def inquiry_details(inquiry: Inquiry | None) -> dict[str, Any]:
    """What every audit event about a person inquiry carries (SECURITY.md, Audit)."""
    if inquiry is None:
        return {}
    return {"inquiry": inquiry.pk, **inquiry.audit_details()}


# Outbound Nlets messages ------------------------------------------------------------------


def queue_iar(inquiry: Inquiry, text: str) -> OutboundMessage:
    """Queue the IAR for the inquiry's ORI (once) and have the worker deliver it after commit.

    Called inside the audited action that issues the IAR; its event names the message.
    """
    return queue_for_inquiry(inquiry, IAR, text)


def queue_for_inquiry(inquiry: Inquiry, kind: str, text: str) -> OutboundMessage:
    """Queue one message of type ``kind`` (``IAR``, ``ADM``) about the inquiry to its ORI, once
    per inquiry and type, for the worker to deliver after commit. Called inside an audited
    action of ``inquiries``, whose event names the message."""
    existing = OutboundMessage.objects.filter(inquiry=inquiry, kind=kind).first()
    if existing is not None:
        return existing
    message = OutboundMessage(
        channel=MessageChannel.NLETS,
        destination=inquiry.ori,
        kind=kind,
        text=text,
        inquiry=inquiry,
    )
    message.save()
    pk = message.pk
    transaction.on_commit(lambda: enqueue_delivery(pk))
    return message


def enqueue_delivery(message_id: int, run_after: datetime | None = None) -> None:
    """Hand the delivery to the job worker (``access db_worker``)."""
    from access.messaging.tasks import deliver_message

    if run_after is None:
        deliver_message.enqueue(message_id)
    elif deliver_message.get_backend().supports_defer:
        deliver_message.using(run_after=run_after).enqueue(message_id)
    else:  # the tests' immediate backend cannot wait; the retry stays recorded as due
        logger.warning("task backend cannot defer; message %s waits for a retry", message_id)


@audited
def deliver(actor: Any, message_id: int) -> str:
    """One delivery attempt. The row is locked and sent only while queued, so a message is
    handed over once however often its job runs; every attempt is an audit event."""
    message = (
        # of=("self",): PostgreSQL cannot lock the nullable side of the outer join
        OutboundMessage.objects.select_for_update(of=("self",))
        .select_related("inquiry__submitted_by")
        .filter(pk=message_id)
        .first()
    )
    if message is None or message.status != MessageStatus.QUEUED:
        return message.status if message else "missing"
    now = timezone.now()
    message.attempts += 1
    message.last_attempt_at = now
    details: dict[str, Any] = {
        **inquiry_details(message.inquiry),
        "channel": message.channel,
        "destination": message.destination,
        "message_type": message.kind,
        "attempt": message.attempts,
    }
    try:
        reference = get_transport().send(message)
    except Exception as error:  # any transport failure is recorded and retried
        message.last_error = f"{type(error).__name__}: {error}"[:500]
        if message.attempts >= MAX_ATTEMPTS:
            message.status, message.next_attempt_at = MessageStatus.FAILED, None
        else:
            message.next_attempt_at = now + backoff(message.attempts)
        message.save()
        events.record(
            Event.SEND_FAILED,
            obj=message,
            outcome=Outcome.FAILURE,
            details={
                **details,
                "error": message.last_error,
                "retry_at": message.next_attempt_at,
                "gave_up": message.status == MessageStatus.FAILED,
            },
        )
        retry_at = message.next_attempt_at
        if retry_at is not None:
            transaction.on_commit(lambda: enqueue_delivery(message_id, retry_at))
        return message.status
    message.status, message.sent_at = MessageStatus.SENT, now
    message.next_attempt_at, message.transport_reference = None, str(reference)[:300]
    message.save()
    events.record(
        Event.SENT, obj=message, details={**details, "reference": message.transport_reference}
    )
    return message.status


@audited
def resend(actor: Any, message: OutboundMessage) -> OutboundMessage:
    """A person sends a failed message again: back to ``queued`` with a fresh set of attempts
    (the worker's retries and backoff apply anew), delivered by the worker after the commit.

    404 unless the actor holds ``messaging.resend_outboundmessage`` for the message; refused
    (``ResendRefused``, nothing changed) unless the message is ``failed``. The row is locked, so
    two people pressing Resend at once queue it once. Returns the updated message.
    """
    locked = (
        # of=("self",): PostgreSQL cannot lock the nullable side of the outer join
        OutboundMessage.objects.restrict(actor, "resend")
        .select_for_update(of=("self",))
        .select_related("inquiry__submitted_by")
        .filter(pk=message.pk)
        .first()
    )
    if locked is None:
        raise Http404("Not found")
    if locked.status != MessageStatus.FAILED:
        state = NOT_FAILED.get(locked.status, f"its status is {locked.status}")
        raise ResendRefused(
            f"Message #{locked.pk} was not resent: {state}. "
            "Only a message whose delivery failed can be resent."
        )
    before = events.snapshot(locked, DELIVERY_FIELDS)
    locked.status, locked.attempts, locked.next_attempt_at = MessageStatus.QUEUED, 0, None
    locked.save(update_fields=["status", "attempts", "next_attempt_at", "updated_at"])
    events.record(
        RESEND_REQUESTED,
        obj=locked,
        before=before,
        after=events.snapshot(locked, DELIVERY_FIELDS),
        details={
            **inquiry_details(locked.inquiry),
            "channel": locked.channel,
            "destination": locked.destination,
            "message_type": locked.kind,
            "previous_attempts": before["attempts"],
        },
    )
    pk = locked.pk
    transaction.on_commit(lambda: enqueue_delivery(pk))
    return locked


# Notifications ----------------------------------------------------------------------------


@audited
def mark_read(actor: Any, notifications: Iterable[Notification]) -> int:
    """The recipient marks notices read; anyone else's notice is a 404."""
    now = timezone.now()
    marked = []
    for notice in notifications:
        if notice.recipient_id != actor.pk:
            raise Http404("Not found")
        if notice.read_at is None:
            notice.read_at = now
            notice.save(update_fields=["read_at", "updated_at"])
            marked.append(notice.pk)
    if marked:
        events.record(
            Event.NOTIFICATION_READ,
            object_type="messaging.notification",
            object_id=marked[0] if len(marked) == 1 else "",
            object_repr=f"{len(marked)} notification(s)",
            details={"notifications": marked},
        )
    return len(marked)


def unread_count(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notify_waiting(
    recipients: Iterable[Any], *, subject: str, body: str, link: str, skip: Any = None
) -> list[str]:
    """Tell each recipient in the app that a step waits on them; returns their usernames.

    Called inside the audited action that moved the workflow (an agreement or request step),
    whose event lists who was told. ``skip`` (the actor) is not told about their own step.
    The link is a path with ids only.
    """
    told = []
    for user in recipients:
        if skip is not None and user.pk == getattr(skip, "pk", None):
            continue
        Notification(
            recipient=user,
            kind=NotificationKind.AWAITING_ACTION,
            subject=subject[:200],
            body=body,
            link=link,
        ).save()
        told.append(user.get_username())
    return told
