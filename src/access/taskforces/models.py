"""Task forces: a charter (challenge, area, agencies, ICE lead, dates, agreement) and members.

Operations, outcomes and objectives hang off ``TaskForce`` (this app); criminal intelligence
records under 28 CFR Part 23 live in the ``intelligence`` app, above this one.

Visibility: ICE program staff see every task force; an agency's users see the task forces
their agency takes part in (``agency_scope`` through the participations); ICE members see
their own (``team_scope``).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse

from access.core.models import ProgramRecord
from access.enforcement.choices import PriorityLevel, Severity
from access.partnerships.choices import Challenge
from access.taskforces.choices import MemberRole, OperationStatus, TaskForceStatus


class TaskForce(ProgramRecord):
    """A joint ICE and local task force on one challenge, under an agreement."""

    name = models.CharField("name", max_length=160, unique=True)
    partnership_type = models.ForeignKey(
        "partnerships.PartnershipType",
        on_delete=models.PROTECT,
        related_name="task_forces",
        verbose_name="partnership type",
    )
    challenge = models.CharField("challenge", max_length=30, choices=Challenge.choices())
    area = models.CharField(
        "area of operation", max_length=300, help_text="Counties, cities or region covered."
    )
    lead_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="led_task_forces",
        verbose_name="lead agency",
    )
    ice_lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="led_task_forces",
        null=True,
        blank=True,
        verbose_name="ICE lead",
    )
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.PROTECT,
        related_name="task_forces",
        null=True,
        blank=True,
        verbose_name="agreement",
        help_text="The agreement the task force runs under (once signed).",
    )
    access_request = models.ForeignKey(
        "partnerships.AccessRequest",
        on_delete=models.PROTECT,
        related_name="task_forces",
        null=True,
        blank=True,
        verbose_name="request",
        help_text="The intake request whose chosen partnership opened this task force.",
    )
    community_shield = models.BooleanField(
        "part of Operation Community Shield",
        default=False,
        help_text="The task force has joined ICE's national initiative against violent "
        "transnational gangs.",
    )
    status = models.CharField(
        "status",
        max_length=12,
        choices=TaskForceStatus.choices(),
        default=TaskForceStatus.PLANNED,
        db_index=True,
    )
    mission = models.TextField("mission", blank=True)
    starts_on = models.DateField("start date")
    review_on = models.DateField("next charter review")
    ends_on = models.DateField("end date", null=True, blank=True)

    # One participation per agency (a constraint), so this lookup never repeats a row; the
    # lead agency takes part too.
    agency_scope: ClassVar[str] = "participations__agency"
    team_scope: ClassVar[str] = "members__user"

    class Meta:
        ordering = ["name"]
        verbose_name = "task force"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("taskforces:detail", args=[self.pk])


class Participation(ProgramRecord):
    """An agency taking part in a task force, from a date (and until one)."""

    task_force = models.ForeignKey(
        TaskForce, on_delete=models.CASCADE, related_name="participations"
    )
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="task_force_participations"
    )
    joined_on = models.DateField("joined")
    left_on = models.DateField("left", null=True, blank=True)

    agency_scope: ClassVar[str] = "agency"

    class Meta:
        ordering = ["task_force", "agency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["task_force", "agency"], name="taskforces_one_participation_per_agency"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} on {self.task_force}"


class Member(ProgramRecord):
    """A person on a task force: an officer of a participating agency (``officer``) or ICE
    staff (``user``), with a role and dates. A member who uses 287(g) authority on the task
    force still passes the officers app's authority check for each action."""

    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="members")
    officer = models.ForeignKey(
        "officers.Officer",
        on_delete=models.PROTECT,
        related_name="task_force_memberships",
        null=True,
        blank=True,
        verbose_name="officer",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="task_force_memberships",
        null=True,
        blank=True,
        verbose_name="account",
    )
    role = models.CharField("role", max_length=24, choices=MemberRole.choices())
    starts_on = models.DateField("from")
    ends_on = models.DateField("until", null=True, blank=True)

    agency_scope: ClassVar[str] = "task_force__participations__agency"
    team_scope: ClassVar[str] = "task_force__members__user"

    class Meta:
        ordering = ["task_force", "role", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(officer__isnull=False) | models.Q(user__isnull=False),
                name="taskforces_member_is_an_officer_or_a_user",
            )
        ]

    def __str__(self) -> str:
        who = self.officer or self.user
        return f"{who} ({MemberRole.label(self.role)})"


class Objective(ProgramRecord):
    """One objective of the charter with the measure that shows whether it is met."""

    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="objectives")
    objective = models.CharField("objective", max_length=300)
    measure = models.CharField(
        "measure", max_length=300, help_text="How progress is measured (a count, a date, a rate)."
    )

    agency_scope: ClassVar[str] = "task_force__participations__agency"
    team_scope: ClassVar[str] = "task_force__members__user"

    class Meta:
        ordering = ["task_force", "pk"]

    def __str__(self) -> str:
        return self.objective


class Operation(ProgramRecord):
    """A planned or completed operation of a task force, with its outcomes (counts only).

    Targets are cases (``OperationTarget``), never groups of people: no field here or on the
    targets records race, ethnicity, national origin, language or religion (safeguard 6)."""

    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="operations")
    name = models.CharField("name", max_length=160)
    status = models.CharField(
        "status",
        max_length=12,
        choices=OperationStatus.choices(),
        default=OperationStatus.PLANNED,
        db_index=True,
    )
    starts_on = models.DateField("start date")
    ends_on = models.DateField("end date", null=True, blank=True)
    area = models.CharField("area", max_length=300)
    summary = models.TextField("summary", blank=True)
    community_shield = models.BooleanField("part of Operation Community Shield", default=False)
    # Outcomes, recorded when the operation is completed. Arrests are counted in
    # ``ArrestCount`` rows (by charge severity and priority level).
    seizures = models.PositiveIntegerField("seizures", default=0)
    seizure_note = models.CharField(
        "what was seized", max_length=300, blank=True, help_text="Kinds and amounts, no names."
    )
    prosecution_referrals = models.PositiveIntegerField("referrals for prosecution", default=0)
    victims_identified = models.PositiveIntegerField("victims identified", default=0)
    completed_on = models.DateField("completed", null=True, blank=True)

    agency_scope: ClassVar[str] = "task_force__participations__agency"
    team_scope: ClassVar[str] = "task_force__members__user"

    class Meta:
        ordering = ["-starts_on", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("taskforces:operation", args=[self.pk])

    @property
    def arrests(self) -> int:
        return sum(row.count for row in self.arrest_counts.all())


class OperationMember(ProgramRecord):
    """A task-force member who took part in an operation. ``function`` names the 287(g)
    function the member used (blank: none); it passed the authority check when recorded."""

    operation = models.ForeignKey(Operation, on_delete=models.CASCADE, related_name="participants")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="operations")
    function = models.CharField("287(g) function used", max_length=40, blank=True)

    class Meta:
        ordering = ["operation", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["operation", "member"], name="taskforces_one_row_per_operation_member"
            )
        ]

    def __str__(self) -> str:
        return str(self.member)


class OperationTarget(ProgramRecord):
    """A target of an operation: a case (number and description), never a group."""

    operation = models.ForeignKey(Operation, on_delete=models.CASCADE, related_name="targets")
    case_number = models.CharField("case number", max_length=60)
    description = models.CharField(
        "case description", max_length=300, help_text="The criminal activity under investigation."
    )

    class Meta:
        ordering = ["operation", "case_number"]

    def __str__(self) -> str:
        return self.case_number


class ArrestCount(ProgramRecord):
    """Arrests of a completed operation: how many, by charge severity and priority level."""

    operation = models.ForeignKey(Operation, on_delete=models.CASCADE, related_name="arrest_counts")
    severity = models.CharField("charge severity", max_length=20, choices=Severity.choices())
    priority_level = models.CharField(
        "priority level", max_length=1, choices=PriorityLevel.choices()
    )
    count = models.PositiveIntegerField("arrests")

    class Meta:
        ordering = ["operation", "priority_level", "severity"]
        constraints = [
            models.UniqueConstraint(
                fields=["operation", "severity", "priority_level"],
                name="taskforces_one_arrest_count_per_cell",
            )
        ]

    def __str__(self) -> str:
        return f"{self.count} ({self.severity}, level {self.priority_level})"
