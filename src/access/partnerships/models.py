"""ACCESS intake: partnership types, requests, needs assessments, plans of action."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django_fsm import FSMField, FSMModelMixin

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
        "ICE list SUPPORT TYPE", max_length=60, blank=True,
        help_text="How ICE's public 287(g) list names this model, e.g. Task Force Model.",
    )

    class Meta:
        ordering = ["family", "name"]

    def __str__(self) -> str:
        return self.name


class AccessRequest(FSMModelMixin, ProgramRecord):
    """An agency's request for an ACCESS partnership, through to the agreement."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="access_requests")
    status = FSMField("status", default=RequestStatus.DRAFT, choices=RequestStatus.choices(), protected=True)
    challenges = models.JSONField("challenges", default=list, help_text="Challenge codes.")
    narrative = models.TextField("description of the challenges", blank=True)
    has_jail = models.BooleanField("the agency runs a jail", default=False)
    jail_name = models.CharField("jail", max_length=200, blank=True)
    staff_committable = models.PositiveIntegerField("staff the agency could commit", default=0)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="filed_requests"
    )
    submitted_at = models.DateTimeField("submitted", null=True, blank=True)
    field_office = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="assigned_requests",
        null=True, blank=True, help_text="The ICE field office responsible.",
    )
    assigned_agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assigned_requests",
        null=True, blank=True,
    )
    closed_reason = models.CharField("closed because", max_length=300, blank=True)

    agency_scope = "agency"

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Request #{self.pk} from {self.agency.name}"
