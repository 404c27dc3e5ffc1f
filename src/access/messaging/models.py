"""Outbound messages (an IAR sent back over Nlets) and in-app notifications.

Both are program records: they are written only inside audited actions (``actions.py``).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from access.core.models import ProgramRecord
from access.messaging.choices import MessageChannel, MessageStatus, NotificationKind


class OutboundMessage(ProgramRecord):
    """One message to another system, delivered by the job worker (``tasks.deliver_message``).

    Sent once: the worker locks the row and sends only while it is queued; the transport is
    given the message's id, so a repeated hand-over names the same message.
    """

    channel = models.CharField(
        "channel", max_length=10, choices=MessageChannel.choices(), default=MessageChannel.NLETS
    )
    destination = models.CharField("destination ORI", max_length=9)
    kind = models.CharField("message type", max_length=10, default="IAR")
    text = models.TextField("message text")
    inquiry = models.ForeignKey(
        "inquiries.Inquiry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outbound_messages",
    )
    status = models.CharField(
        "status",
        max_length=10,
        choices=MessageStatus.choices(),
        default=MessageStatus.QUEUED,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField("delivery attempts", default=0)
    last_error = models.CharField("last error", max_length=500, blank=True)
    last_attempt_at = models.DateTimeField("last attempt", null=True, blank=True)
    next_attempt_at = models.DateTimeField("next attempt", null=True, blank=True)
    sent_at = models.DateTimeField("sent", null=True, blank=True)
    transport_reference = models.CharField("transport reference", max_length=300, blank=True)

    agency_scope: ClassVar[str] = "inquiry__agency"

    class Meta:
        verbose_name = "outbound message"
        ordering = ["-created_at"]
        # Granted to roles as ``messaging.resend_outboundmessage`` (accounts/roles.py).
        permissions = [("resend_outboundmessage", "Can send a failed outbound message again")]
        constraints = [
            # One IAR message per inquiry: issuing it twice cannot queue it twice.
            models.UniqueConstraint(
                fields=["inquiry", "kind"],
                condition=models.Q(inquiry__isnull=False),
                name="outbound_message_once_per_inquiry",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} message #{self.pk} to {self.destination}"


class Notification(ProgramRecord):
    """An in-app notice to one user. The link is a path with ids only, never person data."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField("kind", max_length=30, choices=NotificationKind.choices())
    subject = models.CharField("subject", max_length=200)
    body = models.TextField("message")
    link = models.CharField("link (path)", max_length=200, blank=True)
    inquiry = models.ForeignKey(
        "inquiries.Inquiry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notifications",
    )
    emailed_to = models.EmailField("emailed to", blank=True)
    read_at = models.DateTimeField("read", null=True, blank=True)

    class Meta:
        verbose_name = "notification"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "inquiry"], name="notification_once_per_inquiry"
            )
        ]

    def __str__(self) -> str:
        return self.subject
