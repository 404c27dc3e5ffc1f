"""What happens to an officer after nomination: exams, certification, authorizations,
supervisors and suspensions. Each row is dated so the authority check can answer for any
moment, not only for now."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse

from access.core.models import ProgramRecord


class ExamAttempt(ProgramRecord):
    """One final-exam attempt at the end of a course (a class on a date, in person or online)."""

    officer = models.ForeignKey(
        "officers.Officer", on_delete=models.PROTECT, related_name="exams", verbose_name="officer"
    )
    course = models.ForeignKey(
        "officers.Course", on_delete=models.PROTECT, related_name="exams", verbose_name="course"
    )
    attempt = models.PositiveIntegerField("attempt")
    taken_on = models.DateField("exam date")
    location = models.CharField("location", max_length=200, help_text="A place, or “online”.")
    score = models.PositiveIntegerField("score (%)", validators=[MaxValueValidator(100)])
    passed = models.BooleanField("passed")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="recorded by",
    )

    agency_scope = "officer__agency"

    class Meta:
        ordering = ["officer", "taken_on", "attempt"]
        constraints = [
            models.UniqueConstraint(
                fields=["officer", "course", "attempt"], name="unique_exam_attempt"
            )
        ]

    def __str__(self) -> str:
        return f"{self.course} attempt {self.attempt}: {self.score}%"


class Certification(ProgramRecord):
    """The certificate of training an officer receives after passing the initial course."""

    officer = models.ForeignKey(
        "officers.Officer",
        on_delete=models.PROTECT,
        related_name="certifications",
        verbose_name="officer",
    )
    course = models.ForeignKey(
        "officers.Course", on_delete=models.PROTECT, related_name="+", verbose_name="course"
    )
    certified_on = models.DateField("certified on")
    certified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="certified by",
    )
    revoked_at = models.DateTimeField("revoked", null=True, blank=True)

    agency_scope = "officer__agency"

    class Meta:
        ordering = ["officer", "-certified_on"]

    def __str__(self) -> str:
        return f"Certificate #{self.pk}: {self.course}"


class Authorization(ProgramRecord):
    """The letter of the field office director or special agent in charge: one year, named
    functions, a supervising ICE officer."""

    officer = models.ForeignKey(
        "officers.Officer",
        on_delete=models.PROTECT,
        related_name="authorizations",
        verbose_name="officer",
    )
    functions = models.JSONField("functions", help_text="Codes of the model's functions.")
    valid_from = models.DateField("valid from")
    valid_until = models.DateField("valid until", help_text="The last day of authority.")
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="supervising ICE officer",
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="issued by",
    )
    ended_at = models.DateTimeField(
        "ended", null=True, blank=True, help_text="Set on revocation or when replaced by a renewal."
    )
    end_reason = models.CharField("why it ended", max_length=300, blank=True)

    agency_scope = "officer__agency"

    class Meta:
        ordering = ["officer", "-valid_from"]

    def __str__(self) -> str:
        return f"Authorization #{self.pk} ({self.valid_from} to {self.valid_until})"

    def get_absolute_url(self) -> str:
        return reverse("officers:detail", args=[self.officer_id])


class SupervisorAssignment(ProgramRecord):
    """Who supervised an officer and when (history kept; one current row per officer)."""

    officer = models.ForeignKey(
        "officers.Officer",
        on_delete=models.PROTECT,
        related_name="supervisor_assignments",
        verbose_name="officer",
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="supervisor",
    )
    started_at = models.DateTimeField("from")
    ended_at = models.DateTimeField("until", null=True, blank=True)
    reason = models.CharField("reason", max_length=300)

    agency_scope = "officer__agency"

    class Meta:
        ordering = ["officer", "-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["officer"],
                condition=models.Q(ended_at__isnull=True),
                name="one_current_supervisor",
            )
        ]

    def __str__(self) -> str:
        return f"{self.supervisor} supervises {self.officer} from {self.started_at:%Y-%m-%d}"


class Suspension(ProgramRecord):
    """A period without authority, from a moment (mid-day counts) until reinstatement."""

    officer = models.ForeignKey(
        "officers.Officer",
        on_delete=models.PROTECT,
        related_name="suspensions",
        verbose_name="officer",
    )
    started_at = models.DateTimeField("from")
    ended_at = models.DateTimeField("until", null=True, blank=True)
    reason = models.TextField("reason")

    agency_scope = "officer__agency"

    class Meta:
        ordering = ["officer", "-started_at"]

    def __str__(self) -> str:
        return f"Suspension of {self.officer} from {self.started_at:%Y-%m-%d %H:%M}"
