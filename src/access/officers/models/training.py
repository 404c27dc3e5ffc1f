"""Training classes: one sitting of a course (dates, place, capacity, instructor), its roster
of enrolled officers, their attendance and the exam score each one earned there.

Classes are read and written under the officer grants (``officers.<action>_officer``), not
grants of their own: training staff are the people who may ``train`` officers, and a
liaison who may ``view`` its agency's officers sees the classes those officers sit in, with
only its own officers on the roster.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django_fsm import FSMField, FSMModelMixin, transition

from access.core.models import ProgramRecord, RestrictedQuerySet
from access.officers.choices import Attendance, ClassStatus, Delivery

C = ClassStatus


class OfficerGrantQuerySet(RestrictedQuerySet):
    """``restrict(user, action)`` through the user's ``officers.<action>_officer`` grant.

    Scope ``all`` sees every row; scope ``agency`` sees the rows ``agency_filter`` ties to
    the user's agency; no grant sees nothing.
    """

    def restrict(self, user: Any, action: str = "view") -> RestrictedQuerySet:
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        scope = user.grant_scope(f"officers.{action}_officer")
        if scope == "all":
            return self
        if scope == "agency" and user.agency_id is not None:
            return self.filter(self.model.agency_filter(user.agency_id))  # type: ignore[attr-defined]
        return self.none()


class TrainingClass(FSMModelMixin, ProgramRecord):
    """One sitting of a course: from a first to a last day, in a place or online."""

    course = models.ForeignKey(
        "officers.Course", on_delete=models.PROTECT, related_name="classes", verbose_name="course"
    )
    starts_on = models.DateField("first day")
    ends_on = models.DateField("last day")
    delivery = models.CharField("delivery", max_length=20, choices=Delivery.choices())
    location = models.CharField(
        "location", max_length=200, blank=True, help_text="The training site; blank when online."
    )
    capacity = models.PositiveIntegerField(
        "capacity", validators=[MinValueValidator(1)], help_text="The most officers enrolled."
    )
    instructor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="instructor",
        help_text="The training staff member who runs the class.",
    )
    status = FSMField(
        "status", default=C.SCHEDULED, choices=C.choices(), protected=True, db_index=True
    )
    status_reason = models.CharField("why the status changed", max_length=300, blank=True)

    # Scoped by the officer grants instead of grants of its own (see the module docstring).
    objects = OfficerGrantQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        ordering = ["-starts_on", "course__name"]
        verbose_name = "training class"
        verbose_name_plural = "training classes"
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="class_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.course.name}, {self.starts_on:%Y-%m-%d} to {self.ends_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("officers:class_detail", args=[self.pk])

    @staticmethod
    def agency_filter(agency_id: int) -> Q:
        """Classes with at least one officer of the agency on the roster."""
        return Q(
            pk__in=Enrolment.objects.filter(officer__agency=agency_id).values("training_class")
        )

    @property
    def place(self) -> str:
        """Where the exam was taken, as ``ExamAttempt.location`` records it."""
        if self.delivery == Delivery.ONLINE:
            return "online"
        return self.location

    # Each method only moves the state; officers/training.py checks, saves and audits.
    @transition(status, source=C.SCHEDULED, target=C.IN_PROGRESS)
    def start(self) -> None: ...

    @transition(status, source=[C.SCHEDULED, C.IN_PROGRESS], target=C.COMPLETED)
    def complete(self) -> None: ...

    @transition(status, source=[C.SCHEDULED, C.IN_PROGRESS], target=C.CANCELLED)
    def cancel(self) -> None: ...


class Enrolment(ProgramRecord):
    """One officer on a class roster, with attendance and the exam attempt of that class."""

    training_class = models.ForeignKey(
        TrainingClass,
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name="class",
    )
    officer = models.ForeignKey(
        "officers.Officer",
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name="officer",
    )
    attendance = models.CharField(
        "attendance", max_length=20, choices=Attendance.choices(), blank=True
    )
    hours_attended = models.PositiveIntegerField("hours attended", null=True, blank=True)
    exam = models.OneToOneField(
        "officers.ExamAttempt",
        on_delete=models.PROTECT,
        related_name="enrolment",
        null=True,
        blank=True,
        verbose_name="exam attempt",
    )
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="enrolled by",
    )

    agency_scope = "officer__agency"
    # Scoped by the officer grants instead of grants of its own (see the module docstring).
    objects = OfficerGrantQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        ordering = ["training_class", "officer__last_name", "officer__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["training_class", "officer"], name="one_enrolment_per_class"
            )
        ]

    def __str__(self) -> str:
        return f"{self.officer} in {self.training_class}"

    @staticmethod
    def agency_filter(agency_id: int) -> Q:
        return Q(officer__agency=agency_id)
