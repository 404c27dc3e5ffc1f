"""Status values of outbound messages, with USWDS tag colours."""

from __future__ import annotations

from access.core.choices import ChoiceSet


class MessageStatus(ChoiceSet):
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"
    CHOICES = [
        (QUEUED, "Queued for delivery", "bg-accent-warm-darker"),
        (SENT, "Sent", "bg-green"),
        (FAILED, "Delivery failed", "bg-secondary-dark"),
    ]


class MessageChannel(ChoiceSet):
    NLETS = "nlets"
    CHOICES = [(NLETS, "Nlets", "")]


class NotificationKind(ChoiceSet):
    CONFIRMATION_OVERDUE = "confirmation_overdue"
    OFFICER_AUTHORIZATION_EXPIRED = "officer_authorization_expired"
    MODEL_DRIFT = "model_drift"
    AWAITING_ACTION = "awaiting_action"
    COMPLAINT_CLOCK = "complaint_clock"
    CHOICES = [
        (CONFIRMATION_OVERDUE, "Hit confirmation overdue", "bg-secondary-dark"),
        (OFFICER_AUTHORIZATION_EXPIRED, "Officer's authorization expired", "bg-secondary-vivid"),
        (MODEL_DRIFT, "Matching model bands differ from analysts' decisions", "bg-gold"),
        (AWAITING_ACTION, "Waiting for you", "bg-primary"),
        (COMPLAINT_CLOCK, "Complaint's 90-day clock", "bg-accent-warm-darker"),
    ]
