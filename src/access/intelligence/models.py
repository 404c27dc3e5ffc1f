"""Criminal intelligence records under 28 CFR Part 23, and their releases outside the task force.

A record belongs to one task force and is seen by the people serving on it (scope ``team``,
``membership.served_task_forces``) and by ICE program and oversight roles (scope ``all``).
It names a subject by case, never by group: there is no field for race, ethnicity, national
origin, language or religion, nor for views or associations (safeguard 6; 23.20(b)).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse

from access.core.models import ProgramRecord, RestrictedQuerySet
from access.intelligence.choices import (
    CriminalActivity,
    RecordStatus,
    SourceReliability,
    SourceType,
)


class TaskForceScopedQuerySet(RestrictedQuerySet):
    """``restrict``: scope ``team`` means "the task forces the user serves on today" (current
    membership as ICE staff or through a linked officer record, or the ICE lead), which one
    lookup cannot express; ``all`` and no grant behave as everywhere else."""

    task_force_path: ClassVar[str] = "task_force"

    def restrict(self, user: Any, action: str = "view") -> RestrictedQuerySet:
        from access.intelligence.membership import served_task_forces

        restricted = super().restrict(user, action)
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return restricted
        opts = self.model._meta
        if user.grant_scope(f"{opts.app_label}.{action}_{opts.model_name}") != "team":
            return restricted
        path = getattr(self.model, "task_force_path", "task_force")
        return self.filter(**{f"{path}__in": served_task_forces(user).values("pk")})


class IntelligenceRecord(ProgramRecord):
    task_force = models.ForeignKey(
        "taskforces.TaskForce",
        on_delete=models.PROTECT,
        related_name="intelligence_records",
        verbose_name="task force",
    )
    case_number = models.CharField(
        "case number",
        max_length=60,
        help_text="The task force's or agency's case the record belongs to.",
    )
    subject_name = models.CharField("subject's name or alias", max_length=200, blank=True)
    subject_birth_date = models.DateField("subject's date of birth", null=True, blank=True)
    subject_description = models.TextField(
        "subject",
        help_text="Who the subject is in this case: role, identifiers, vehicles, addresses. "
        "Never race, ethnicity, national origin, language or religion.",
    )
    criminal_activity = models.CharField(
        "criminal activity", max_length=30, choices=CriminalActivity.choices(), db_index=True
    )
    activity_detail = models.TextField(
        "details of the activity", help_text="The offence, where and when, as far as known."
    )
    reasonable_suspicion = models.TextField(
        "reasonable suspicion",
        help_text="The facts that give reasonable suspicion that the subject is involved in "
        "the criminal activity (28 CFR 23.20(a)).",
    )
    not_solely_protected_activity = models.BooleanField(
        "not based on views or associations alone",
        default=False,
        help_text="The submitter attests the record does not rest on political, religious or "
        "social views, associations or activities alone (28 CFR 23.20(b)).",
    )
    source_type = models.CharField("source", max_length=20, choices=SourceType.choices())
    source_reliability = models.CharField(
        "source reliability", max_length=20, choices=SourceReliability.choices()
    )
    source_detail = models.TextField(
        "about the source", blank=True, help_text="Without naming a confidential informant."
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="intelligence_submitted",
        verbose_name="submitted by",
    )
    entered_on = models.DateField("entered")
    validated_on = models.DateField("last validated", null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="intelligence_validated",
        null=True,
        blank=True,
        verbose_name="validated by",
    )
    review_due = models.DateField(
        "review date",
        db_index=True,
        help_text="The last day the record may be kept without a new validation.",
    )
    queued_for_review_on = models.DateField("queued for review", null=True, blank=True)
    status = models.CharField(
        "status",
        max_length=10,
        choices=RecordStatus.choices(),
        default=RecordStatus.ACTIVE,
        db_index=True,
    )
    purged_on = models.DateField("purged", null=True, blank=True)
    purge_reason = models.CharField("purge reason", max_length=300, blank=True)

    objects = TaskForceScopedQuerySet.as_manager()  # type: ignore[misc]
    task_force_path: ClassVar[str] = "task_force"

    class Meta:
        ordering = ["review_due", "pk"]
        verbose_name = "intelligence record"

    def __str__(self) -> str:
        return f"Intelligence record #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("intelligence:detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status == RecordStatus.ACTIVE


class Release(ProgramRecord):
    """A release of a record outside its task force: to whom, at which agency, why
    (need to know and right to know), by whom, when (28 CFR 23.20(e))."""

    record = models.ForeignKey(
        IntelligenceRecord, on_delete=models.PROTECT, related_name="releases"
    )
    recipient_name = models.CharField("recipient", max_length=200)
    recipient_agency = models.CharField("recipient's agency", max_length=200)
    reason = models.TextField(
        "need and right to know",
        help_text="Why the recipient needs the information and is entitled to receive it.",
    )
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="intelligence_releases",
        verbose_name="released by",
    )
    released_at = models.DateTimeField("released")

    objects = TaskForceScopedQuerySet.as_manager()  # type: ignore[misc]
    task_force_path: ClassVar[str] = "record__task_force"

    class Meta:
        ordering = ["-released_at", "-pk"]
        verbose_name = "intelligence release"

    def __str__(self) -> str:
        return f"Release #{self.pk} of record #{self.record_id}"

    def get_absolute_url(self) -> str:
        return reverse("intelligence:detail", args=[self.record_id])
