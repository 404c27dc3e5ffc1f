from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from access.accounts.models import User
from access.agencies.models import Agency
from access.core import limits
from access.partnerships.choices import Challenge
from access.partnerships.models import AssessmentMeeting, NeedsAssessment, PartnershipType
from access.partnerships.validators import check_meeting_date, check_milestone_due


def bounded_text(model: Any, name: str, rows: int = 3) -> Any:
    """The form field of a model ``TextField`` (label, help text, required), bounded: the model
    field has no ``max_length`` and the database would take any length."""
    return model._meta.get_field(name).formfield(
        max_length=limits.LONG_TEXT, widget=forms.Textarea(attrs={"rows": rows})
    )


class RequestForm(forms.Form):
    challenges = forms.MultipleChoiceField(
        label="Challenges your agency faces",
        choices=Challenge.choices(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    narrative = forms.CharField(
        label="Describe the challenges",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=limits.LONG_TEXT,
    )
    has_jail = forms.BooleanField(label="Our agency runs a jail", required=False)
    jail_name = forms.CharField(label="Jail name", max_length=200, required=False)
    staff_committable = forms.IntegerField(
        label="Staff your agency could commit", min_value=0, initial=0
    )


class AssignForm(forms.Form):
    field_office = forms.ModelChoiceField(label="ICE field office", queryset=Agency.objects.none())
    agent = forms.ModelChoiceField(label="Assigned agent", queryset=User.objects.none())

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        office: Any = self.fields["field_office"]
        agent: Any = self.fields["agent"]
        office.queryset = Agency.objects.filter(kind="federal").order_by("name")
        agents = User.objects.filter(
            Q(roles__slug="ice_field_agent") | Q(roles__slug="ice_program_manager"), is_active=True
        )
        agent.queryset = agents.distinct().order_by("username")


class AssessmentForm(forms.ModelForm):
    existing_partnerships = forms.ModelMultipleChoiceField(
        label="Existing partnerships",
        queryset=PartnershipType.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = NeedsAssessment
        fields = [
            "jail_average_daily_population",
            "annual_bookings",
            "screening_share_percent",
            "gang_indicator",
            "transnational_gang_indicator",
            "fraud_indicator",
            "smuggling_indicator",
            "sustainable_staff",
            "sustainable_budget",
            "state_law_restricts",
            "existing_partnerships",
            "community_considerations",
        ]

    community_considerations = bounded_text(NeedsAssessment, "community_considerations")


def _field_rule(check: Any, field: str, *args: Any) -> None:
    """Run a date rule from validators.py and raise its message as this field's error."""
    try:
        check(*args)
    except ValidationError as error:
        raise forms.ValidationError(error.message_dict[field]) from error


class MeetingForm(forms.ModelForm):
    def clean_held_on(self) -> Any:
        held_on = self.cleaned_data["held_on"]
        _field_rule(check_meeting_date, "held_on", held_on)
        return held_on

    class Meta:
        model = AssessmentMeeting
        fields = ["held_on", "attendees", "notes"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}),
        }

    notes = bounded_text(AssessmentMeeting, "notes")


class DecisionForm(forms.Form):
    chosen = forms.ModelMultipleChoiceField(
        label="Partnerships to pursue",
        queryset=PartnershipType.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(
        label="Reason, if you choose otherwise than the top recommendation",
        required=False,
        max_length=limits.LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PlanForm(forms.Form):
    objectives = forms.CharField(
        label="Objectives", max_length=limits.LONG_TEXT, widget=forms.Textarea(attrs={"rows": 4})
    )


class MilestoneForm(forms.Form):
    title = forms.CharField(label="Milestone", max_length=200)
    owner = forms.ModelChoiceField(
        label="Owner", queryset=User.objects.filter(is_active=True).order_by("username")
    )
    due_on = forms.DateField(label="Due", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, plan_start: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan_start = plan_start

    def clean_due_on(self) -> Any:
        due_on = self.cleaned_data["due_on"]
        start = self.plan_start or timezone.localdate()
        _field_rule(check_milestone_due, "due_on", due_on, start)
        return due_on


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Reason", max_length=300)
