"""ACCESS intake: partnership types, requests, needs assessments, plans of action."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django_fsm import FSMField, FSMModelMixin, transition

from access.core.models import ProgramRecord
from access.partnerships.choices import PartnershipFamily, RequestStatus


class PartnershipType(models.Model):
    """Reference data: one kind of partnership offered under ACCESS (seeded, extensible)."""

    code = models.SlugField("code", max_length=30, unique=True)
    name = models.CharField("name", max_length=100)
    family = models.CharField("family", max_length=20, choices=PartnershipFamily.choices())
    description = models.TextField("what it does")
    requires_jail = models.BooleanField("needs a jail", default=False)
    public_list_label = models.CharField(
        "ICE list SUPPORT TYPE",
        max_length=60,
        blank=True,
        help_text="How ICE's public 287(g) list names this model, e.g. Task Force Model.",
    )

    class Meta:
        ordering = ["family", "name"]

    def __str__(self) -> str:
        return self.name


class AccessRequest(FSMModelMixin, ProgramRecord):
    """An agency's request for an ACCESS partnership, through to the agreement."""

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="access_requests"
    )
    status = FSMField(
        "status", default=RequestStatus.DRAFT, choices=RequestStatus.choices(), protected=True
    )
    challenges = models.JSONField(
        "challenges", default=list, blank=True, help_text="Challenge codes."
    )
    narrative = models.TextField("description of the challenges", blank=True)
    has_jail = models.BooleanField("the agency runs a jail", default=False)
    jail_name = models.CharField("jail", max_length=200, blank=True)
    staff_committable = models.PositiveIntegerField("staff the agency could commit", default=0)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="filed_requests"
    )
    submitted_at = models.DateTimeField("submitted", null=True, blank=True)
    field_office = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="assigned_requests",
        null=True,
        blank=True,
        help_text="The ICE field office responsible.",
    )
    assigned_agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assigned_requests",
        null=True,
        blank=True,
    )
    closed_reason = models.CharField("closed because", max_length=300, blank=True)

    agency_scope = "agency"

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Request #{self.pk} from {self.agency.name}"

    def get_absolute_url(self) -> str:
        return reverse("partnerships:detail", args=[self.pk])

    # Transitions only move the state; actions.py checks who may call them and audits them.
    @transition(field=status, source=RequestStatus.DRAFT, target=RequestStatus.SUBMITTED)
    def submit(self) -> None:
        pass

    @transition(field=status, source=RequestStatus.SUBMITTED, target=RequestStatus.ASSIGNED)
    def assign(self) -> None:
        pass

    @transition(field=status, source=RequestStatus.ASSIGNED, target=RequestStatus.ASSESSING)
    def start_assessment(self) -> None:
        pass

    @transition(field=status, source=RequestStatus.ASSESSING, target=RequestStatus.PLAN_AGREED)
    def agree_plan(self) -> None:
        pass

    @transition(
        field=status, source=RequestStatus.PLAN_AGREED, target=RequestStatus.AGREEMENT_IN_PROGRESS
    )
    def start_agreement(self) -> None:
        pass

    @transition(
        field=status,
        source=[
            RequestStatus.DRAFT,
            RequestStatus.SUBMITTED,
            RequestStatus.ASSIGNED,
            RequestStatus.ASSESSING,
        ],
        target=RequestStatus.WITHDRAWN,
    )
    def withdraw(self) -> None:
        pass

    @transition(
        field=status,
        source=[
            RequestStatus.SUBMITTED,
            RequestStatus.ASSIGNED,
            RequestStatus.ASSESSING,
            RequestStatus.PLAN_AGREED,
            RequestStatus.AGREEMENT_IN_PROGRESS,
        ],
        target=RequestStatus.CLOSED,
    )
    def close(self) -> None:
        pass


class NeedsAssessment(ProgramRecord):
    """The agent's structured assessment of the agency's needs and capacity."""

    request = models.OneToOneField(
        AccessRequest, on_delete=models.PROTECT, related_name="assessment"
    )
    jail_average_daily_population = models.PositiveIntegerField(
        "jail average daily population", default=0
    )
    annual_bookings = models.PositiveIntegerField("annual bookings", default=0)
    screening_share_percent = models.PositiveSmallIntegerField(
        "share of bookings needing immigration screening (%)",
        default=0,
        validators=[MaxValueValidator(100)],
        help_text="Estimated percentage of bookings whose immigration status needs checking.",
    )
    gang_indicator = models.PositiveSmallIntegerField(
        "local gang activity (0-3)",
        default=0,
        validators=[MaxValueValidator(3)],
        help_text="0 none, 1 low, 2 moderate, 3 high.",
    )
    transnational_gang_indicator = models.PositiveSmallIntegerField(
        "transnational gang activity (0-3)", default=0, validators=[MaxValueValidator(3)]
    )
    fraud_indicator = models.PositiveSmallIntegerField(
        "document or benefit fraud (0-3)", default=0, validators=[MaxValueValidator(3)]
    )
    smuggling_indicator = models.PositiveSmallIntegerField(
        "human smuggling (0-3)", default=0, validators=[MaxValueValidator(3)]
    )
    sustainable_staff = models.PositiveIntegerField("staff the agency can sustain", default=0)
    sustainable_budget = models.PositiveIntegerField(
        "annual budget the agency can sustain (USD)", default=0
    )
    state_law_restricts = models.BooleanField(
        "state or local law restricts participation in 287(g)", default=False
    )
    existing_partnerships = models.ManyToManyField(
        PartnershipType, blank=True, related_name="+", verbose_name="existing partnerships"
    )
    community_considerations = models.TextField("community considerations", blank=True)

    agency_scope = "request__agency"

    def __str__(self) -> str:
        return f"Needs assessment for request #{self.request_id}"


class AssessmentMeeting(ProgramRecord):
    request = models.ForeignKey(AccessRequest, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField("date")
    attendees = models.CharField("attendees", max_length=500)
    notes = models.TextField("notes", blank=True)

    agency_scope = "request__agency"

    class Meta:
        ordering = ["held_on"]

    def __str__(self) -> str:
        return f"Meeting on {self.held_on} for request #{self.request_id}"


class RecommendationSettings(ProgramRecord):
    """Effective-dated rules and weights of the recommender; rows are never edited, only added."""

    effective_from = models.DateTimeField("effective from (UTC)", db_index=True)
    settings = models.JSONField("rules and weights")
    note = models.CharField("what changed and why", max_length=300)
    created_by_name = models.CharField("set by", max_length=200)

    class Meta:
        ordering = ["-effective_from", "-id"]

    def __str__(self) -> str:
        return f"Recommendation settings from {self.effective_from:%Y-%m-%d %H:%M}"


class PartnershipDecision(ProgramRecord):
    """The partnership(s) chosen, with the ranking that was shown and any reason to differ."""

    request = models.OneToOneField(AccessRequest, on_delete=models.PROTECT, related_name="decision")
    chosen = models.ManyToManyField(
        PartnershipType, related_name="+", verbose_name="chosen partnerships"
    )
    ranking = models.JSONField(
        "ranking shown", help_text="The recommender's output at decision time."
    )
    settings_version = models.ForeignKey(
        RecommendationSettings, on_delete=models.PROTECT, related_name="+"
    )
    differs_from_recommendation = models.BooleanField(default=False)
    reason = models.TextField("reason for choosing otherwise", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    agency_scope = "request__agency"

    def __str__(self) -> str:
        return f"Decision on request #{self.request_id}"


class PlanOfAction(ProgramRecord):
    request = models.OneToOneField(AccessRequest, on_delete=models.PROTECT, related_name="plan")
    objectives = models.TextField("objectives")

    agency_scope = "request__agency"

    def __str__(self) -> str:
        return f"Plan of action for request #{self.request_id}"


class Milestone(ProgramRecord):
    plan = models.ForeignKey(PlanOfAction, on_delete=models.PROTECT, related_name="milestones")
    title = models.CharField("milestone", max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="milestones"
    )
    due_on = models.DateField("due")
    done = models.BooleanField("done", default=False)

    agency_scope = "plan__request__agency"

    class Meta:
        ordering = ["due_on"]

    def __str__(self) -> str:
        return self.title
