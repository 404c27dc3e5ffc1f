"""Detainers (Form I-247A) on an identified encounter, their hold clock and their alerts."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_fsm import FSMField, FSMModelMixin, transition

from access.core import limits
from access.core.models import ProgramRecord
from access.detention import clock
from access.detention.choices import OPEN, DetainerStatus, ProbableCause, ServiceMethod

S = DetainerStatus


class DetainerForm(models.Model):
    """A version of the detainer form (reference data, effective-dated): a new edition is a
    new row with a later ``effective_from`` and the old row closed with ``effective_until``."""

    number = models.CharField("form", max_length=10, help_text="e.g. I-247A.")
    edition = models.CharField("edition", max_length=20, help_text="e.g. 03/17.")
    title = models.CharField("title", max_length=200)
    effective_from = models.DateField("effective from")
    effective_until = models.DateField("effective until", null=True, blank=True)

    class Meta:
        verbose_name = "detainer form version"
        ordering = ["number", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["number", "edition"], name="detainer_form_edition")
        ]

    def __str__(self) -> str:
        return f"Form {self.number} ({self.edition})"

    @classmethod
    def in_effect(cls, on: date) -> DetainerForm | None:
        rows = cls.objects.filter(effective_from__lte=on).filter(
            Q(effective_until__isnull=True) | Q(effective_until__gte=on)
        )
        return rows.order_by("-effective_from").first()


class Detainer(FSMModelMixin, ProgramRecord):
    """A request to the holding facility to notify ICE and hold the subject up to 48 business
    hours past release. Issued only on a verified identification, by an officer whose
    authority check allows "detainer" at that moment."""

    encounter = models.ForeignKey(
        "enforcement.Encounter",
        on_delete=models.PROTECT,
        related_name="detainers",
        verbose_name="encounter",
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="detainers",
        verbose_name="agency",
    )
    officer = models.ForeignKey(
        "officers.Officer",
        on_delete=models.PROTECT,
        related_name="detainers",
        verbose_name="issuing officer",
    )
    form = models.ForeignKey(
        DetainerForm, on_delete=models.PROTECT, related_name="detainers", verbose_name="form"
    )
    facility = models.ForeignKey(
        "agencies.Facility",
        on_delete=models.PROTECT,
        related_name="detainers",
        verbose_name="facility",
    )
    time_zone = models.CharField(
        "time zone",
        max_length=40,
        help_text="The facility's zone when the detainer was issued; the clock counts in it.",
    )
    issued_at = models.DateTimeField("issued", db_index=True)
    probable_cause = models.CharField(
        "probable cause of removability", max_length=30, choices=ProbableCause.choices()
    )
    probable_cause_details = models.TextField(
        "evidence", max_length=limits.LONG_TEXT, help_text="What the probable cause rests on."
    )
    served_at = models.DateTimeField("served on the subject")
    service_method = models.CharField(
        "how it was served", max_length=30, choices=ServiceMethod.choices()
    )
    notify_before_release = models.BooleanField(
        "notify ICE before release", default=True, help_text="As early as practicable."
    )
    hold_requested = models.BooleanField(
        "request to hold",
        default=True,
        help_text="Maintain custody up to 48 hours (not counting weekends and federal "
        "holidays) past the time of release.",
    )
    status = FSMField(
        "status", default=S.ISSUED, choices=S.choices(), protected=True, db_index=True
    )
    release_at = models.DateTimeField(
        "would otherwise be released", null=True, blank=True, db_index=True
    )
    deadline = models.DateTimeField("hold ends", null=True, blank=True, db_index=True)
    overdue_since = models.DateTimeField(
        "flagged overdue",
        null=True,
        blank=True,
        help_text="Set by the clock check; cleared only by an outcome with a reason.",
    )
    outcome_at = models.DateTimeField("outcome time", null=True, blank=True)
    outcome_reason = models.TextField("reason", blank=True, max_length=limits.LONG_TEXT)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="detainers_resolved",
        verbose_name="outcome recorded by",
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="detainers_issued",
        verbose_name="recorded by",
    )

    agency_scope: ClassVar[str] = "agency"
    # CAP officers (scope ``team``): detainers at the facilities their CAP team covers.
    team_scope: ClassVar[str] = "encounter__facility__cap__team__members"

    class Meta:
        verbose_name = "detainer"
        ordering = ["deadline", "-issued_at", "-pk"]
        permissions = [
            ("resolve_detainer", "Can record a detainer's release time and outcome"),
            ("export_detainer", "Can export detainers"),
        ]

    def __str__(self) -> str:
        return f"Detainer #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("detention:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def time_zone_info(self) -> ZoneInfo:
        return clock.zone(self.time_zone)

    def local(self, moment: datetime | None) -> datetime | None:
        """``moment`` in the facility's zone (for display next to the UTC time)."""
        return moment.astimezone(self.time_zone_info) if moment else None

    def time_left(self, now: datetime | None = None) -> timedelta | None:
        """Real time until the hold ends (negative once past); None before the release."""
        if self.deadline is None or not self.is_open:
            return None
        return clock.elapsed(now or timezone.now(), self.deadline)

    def is_overdue(self, now: Any = None) -> bool:
        now = now or timezone.now()
        return self.is_open and self.deadline is not None and self.deadline <= now

    def audit_details(self) -> dict[str, Any]:
        return {
            "encounter": self.encounter_id,
            "officer": self.officer.badge_number,
            "form": str(self.form),
            "facility": self.facility_id,
            "time_zone": self.time_zone,
        }

    # Transitions only move the state; actions.py checks who may call them and audits them.
    @transition(field=status, source=[S.ISSUED, S.HOLDING], target=S.HOLDING)
    def start_clock(self) -> None:
        pass

    @transition(field=status, source=[S.ISSUED, S.HOLDING], target=S.CUSTODY_ASSUMED)
    def assume_custody(self) -> None:
        pass

    @transition(field=status, source=[S.ISSUED, S.HOLDING], target=S.RELEASED)
    def release(self) -> None:
        pass

    @transition(field=status, source=[S.ISSUED, S.HOLDING], target=S.LIFTED)
    def lift(self) -> None:
        pass

    @transition(field=status, source=[S.ISSUED, S.HOLDING], target=S.DECLINED)
    def decline(self) -> None:
        pass


class DetainerAlert(ProgramRecord):
    """One alert sent for one threshold (or for the deadline passing): at most once each."""

    detainer = models.ForeignKey(
        Detainer, on_delete=models.PROTECT, related_name="alerts", verbose_name="detainer"
    )
    hours_before = models.PositiveSmallIntegerField(
        "hours before the deadline", help_text="0: the deadline has passed."
    )
    sent_at = models.DateTimeField("sent")
    recipients = models.JSONField("sent to (user ids)", default=list)

    agency_scope: ClassVar[str] = "detainer__agency"

    class Meta:
        verbose_name = "detainer alert"
        ordering = ["detainer", "-hours_before"]
        constraints = [
            models.UniqueConstraint(
                fields=["detainer", "hours_before"], name="detainer_alert_once_per_threshold"
            )
        ]

    def __str__(self) -> str:
        return f"{self.hours_before} h alert for detainer #{self.detainer_id}"
