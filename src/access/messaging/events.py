"""The messaging app's audit events."""

from __future__ import annotations

from access.audit.registry import EventSet


class Event(EventSet):
    SENT = "message.sent"
    SEND_FAILED = "message.send_failed"
    RESEND_REQUESTED = "message.resend_requested"
    NOTIFICATION_READ = "notification.read"
    CHOICES = [
        (SENT, "Outbound message sent", ""),
        (SEND_FAILED, "Outbound message delivery failed", ""),
        (RESEND_REQUESTED, "Failed message sent again", ""),
        (NOTIFICATION_READ, "Notification read", ""),
    ]
