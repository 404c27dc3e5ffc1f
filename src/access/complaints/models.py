"""A complaint about an officer or an agency, referred to ICE's Office of Professional
Responsibility (OPR) and tracked on a 90-day clock until it is resolved and the complainant
is told. The complainant follows it with a receipt code, without an account."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_fsm import FSMField, FSMModelMixin, transition

from access.complaints.choices import Channel, ComplaintStatus, Finding
from access.core.limits import LONG_TEXT
from access.core.models import ProgramRecord

S = ComplaintStatus

# Receipt codes: 12 characters from an alphabet without look-alikes (0/O, 1/I/L), shown in
# groups of four. About 59 bits: guessing one is not practical, and the status page answers
# the same "not found" for a wrong code as for a missing one.
RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
RECEIPT_LENGTH = 12


def new_receipt_code() -> str:
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))


def normalise_receipt(text: str) -> str:
    """What a person types (any case, dashes, spaces) as the stored code."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def grant(action: str) -> Callable[[Any, Any], bool]:
    def check(instance: Any, user: Any) -> bool:
        return bool(Complaint.objects.restrict(user, action).filter(pk=instance.pk).exists())

    return check


class Complaint(FSMModelMixin, ProgramRecord):
    receipt_code = models.CharField(
        "receipt code",
        max_length=RECEIPT_LENGTH,
        unique=True,
        default=new_receipt_code,
        editable=False,
    )
    channel = models.CharField("received through", max_length=20, choices=Channel.choices())
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name="agency complained about",
    )
    officer = models.ForeignKey(
        "officers.Officer",
        on_delete=models.PROTECT,
        related_name="complaints",
        null=True,
        blank=True,
        verbose_name="officer (as identified by OPR)",
    )
    officer_description = models.CharField(
        "officer as described",
        max_length=200,
        blank=True,
        help_text="Name, badge number or description as the complainant gave it.",
    )
    incident_on = models.DateField("date of the incident", null=True, blank=True)
    incident_place = models.CharField("where it happened", max_length=200, blank=True)
    narrative = models.TextField("what happened", max_length=LONG_TEXT)
    complainant_name = models.CharField("complainant's name", max_length=200, blank=True)
    complainant_contact = models.CharField(
        "complainant's contact (email, phone or address)", max_length=300, blank=True
    )
    filed_at = models.DateTimeField("filed")
    due_on = models.DateField("due (90 days after filing)")
    status = FSMField(
        "status",
        max_length=20,
        choices=ComplaintStatus.choices(),
        default=S.REFERRED,
        protected=True,
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_complaints",
        verbose_name="OPR investigator",
    )
    suspension = models.ForeignKey(
        "officers.Suspension",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name="suspension while pending",
    )
    finding = models.CharField("finding", max_length=30, choices=Finding.choices(), blank=True)
    resolution = models.TextField("resolution (for the record)", max_length=LONG_TEXT, blank=True)
    notice = models.TextField(
        "notice to the complainant",
        max_length=LONG_TEXT,
        blank=True,
        help_text="Shown on the status page for the receipt code; sent to the contact given.",
    )
    resolved_at = models.DateTimeField("resolved", null=True, blank=True)
    alerted_days_left = models.SmallIntegerField(
        "last clock alert (days left)",
        null=True,
        blank=True,
        help_text="The last threshold the clock job alerted on, so each alert is sent once.",
    )
    source_key = models.CharField(
        "source key",
        max_length=64,
        blank=True,
        editable=False,
        help_text="Keyed hash of the sender's network address (public form only), for the "
        "rate limit; the address itself is not stored.",
    )

    class Meta:
        ordering = ["due_on", "pk"]
        permissions = [
            ("investigate_complaint", "Can assign, suspend while pending and resolve"),
            ("export_complaint", "Can export complaints"),
        ]
        indexes = [models.Index(fields=["source_key", "filed_at"])]

    def __str__(self) -> str:
        return f"Complaint {self.display_code}"

    @property
    def display_code(self) -> str:
        code = self.receipt_code
        return "-".join(code[i : i + 4] for i in range(0, len(code), 4))

    def get_absolute_url(self) -> str:
        return reverse("complaints:detail", args=[self.pk])

    @transition(status, source=S.REFERRED, target=S.INVESTIGATING, permission=grant("investigate"))
    def assign(self) -> None: ...

    @transition(
        status,
        source=[S.REFERRED, S.INVESTIGATING],
        target=S.RESOLVED,
        permission=grant("investigate"),
    )
    def resolve(self) -> None: ...
