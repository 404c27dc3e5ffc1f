"""Forms of the task-force pages. They parse input only; the rules live in the actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from access.accounts.models import User
from access.agencies.choices import AgencyKind
from access.agencies.models import Agency
from access.agreements.models import Agreement
from access.core.limits import LONG_TEXT
from access.enforcement.choices import PriorityLevel, Severity
from access.officers.models import ModelFunction, Officer
from access.partnerships.models import PartnershipType
from access.taskforces.actions.charter import CHARTER_FIELDS
from access.taskforces.actions.members import taking_part
from access.taskforces.choices import TASK_FORCE_TYPES, MemberRole
from access.taskforces.models import Member, TaskForce


class _Choosing:
    """``choices_of(name)``: a model choice field of the form, to narrow its rows."""

    fields: dict[str, Any]

    def choices_of(self, name: str) -> Any:
        return self.fields[name]


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NOT_TAKING_PART, NO_AUTHORITY = "", "none"


def _ice_accounts() -> Any:
    return User.objects.filter(agency__kind=AgencyKind.FEDERAL, is_active=True).order_by(
        "last_name", "first_name"
    )


def pairs(text: str) -> list[tuple[str, str]]:
    """Lines of "left | right" (an objective and its measure, a case number and its
    description); a line without a bar keeps an empty right side, which the action refuses."""
    rows = []
    for line in text.splitlines():
        if line.strip():
            left, _, right = line.partition("|")
            rows.append((left.strip(), right.strip()))
    return rows


class CharterForm(_Choosing, forms.ModelForm):
    """Change the charter (the fields ``actions.charter.change_charter`` accepts)."""

    mission = forms.CharField(
        label="Mission",
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = TaskForce
        fields = list(CHARTER_FIELDS)
        widgets = {
            "starts_on": DATE,
            "review_on": DATE,
            "ends_on": DATE,
            "mission": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices_of("ice_lead").queryset = _ice_accounts()
        self.choices_of("agreement").queryset = Agreement.objects.filter(
            partnership_type__code__in=TASK_FORCE_TYPES
        ).select_related("agency")

    def validate_unique(self) -> None:
        """The action checks the name (and every other rule) and names the problem."""


class OpenForm(CharterForm):
    """Open a task force: the charter, the other agencies taking part and the objectives."""

    agencies = forms.ModelMultipleChoiceField(
        label="Other participating agencies",
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The lead agency takes part in any case.",
    )
    objectives = forms.CharField(
        label="Objectives",
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text='One a line: the objective, a bar "|", then its measure.',
    )

    class Meta(CharterForm.Meta):
        fields = ["partnership_type", "lead_agency", *CHARTER_FIELDS]
        fields.remove("status")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices_of("partnership_type").queryset = PartnershipType.objects.filter(
            code__in=TASK_FORCE_TYPES
        )
        local = Agency.objects.exclude(kind=AgencyKind.FEDERAL).order_by("name")
        self.choices_of("lead_agency").queryset = local
        self.choices_of("agencies").queryset = local


class ObjectiveForm(forms.Form):
    objective = forms.CharField(label="Objective", max_length=300)
    measure = forms.CharField(
        label="Measure", max_length=300, help_text="How progress is measured."
    )


class AgencyForm(_Choosing, forms.Form):
    agency = forms.ModelChoiceField(label="Agency", queryset=Agency.objects.none())
    joined_on = forms.DateField(label="Joins on", widget=DATE)

    def __init__(self, *args: Any, task_force: TaskForce, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = task_force.participations.filter(left_on__isnull=True).values("agency")
        self.choices_of("agency").queryset = (
            Agency.objects.exclude(kind=AgencyKind.FEDERAL).exclude(pk__in=current).order_by("name")
        )
        self.fields["joined_on"].initial = timezone.localdate()


class MemberForm(_Choosing, forms.Form):
    officer = forms.ModelChoiceField(
        label="Officer of a participating agency",
        queryset=Officer.objects.none(),
        required=False,
        help_text="Or choose an ICE account below (one of the two).",
    )
    user = forms.ModelChoiceField(label="ICE account", queryset=User.objects.none(), required=False)
    role = forms.ChoiceField(label="Role", choices=MemberRole.choices())
    starts_on = forms.DateField(label="From", widget=DATE)

    def __init__(self, *args: Any, task_force: TaskForce, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        agencies = taking_part(task_force, today).values("agency")
        self.choices_of("officer").queryset = (
            Officer.objects.filter(agency__in=agencies)
            .select_related("agency")
            .order_by("agency__name", "last_name", "first_name")
        )
        self.choices_of("user").queryset = _ice_accounts()
        self.fields["starts_on"].initial = today


class EndForm(forms.Form):
    on = forms.DateField(label="Last day", widget=DATE)
    reason = forms.CharField(
        label="Reason", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class OperationForm(forms.Form):
    """The operation, one choice per current member (not taking part, taking part, or taking
    part using a 287(g) function), and its target cases."""

    name = forms.CharField(label="Name", max_length=160)
    starts_on = forms.DateField(label="Start date", widget=DATE)
    ends_on = forms.DateField(label="End date", widget=DATE, required=False)
    area = forms.CharField(label="Area", max_length=300)
    summary = forms.CharField(
        label="Summary",
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    community_shield = forms.BooleanField(
        label="Part of Operation Community Shield", required=False
    )
    targets = forms.CharField(
        label="Target cases",
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text='One a line: the case number, a bar "|", then the criminal activity. '
        "Targets are cases, never a group of people.",
    )

    def __init__(self, *args: Any, task_force: TaskForce, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["starts_on"].initial = today
        if not task_force.community_shield:
            del self.fields["community_shield"]
        self.members = list(
            task_force.members.filter(ends_on__isnull=True).select_related(
                "officer__agreement", "officer__agency", "user"
            )
        )
        for member in self.members:
            choices = [(NOT_TAKING_PART, "Not taking part"), (NO_AUTHORITY, "Taking part")]
            if member.officer is not None:
                functions = ModelFunction.codes_in_effect(
                    member.officer.agreement.partnership_type_id, today
                )
                choices += [
                    (code, f"Taking part, using 287(g): {name}") for code, name in functions.items()
                ]
            self.fields[f"member_{member.pk}"] = forms.ChoiceField(
                label=str(member), choices=choices, required=False
            )

    def participants(self) -> list[tuple[Member, str]]:
        chosen = []
        for member in self.members:
            value = self.cleaned_data.get(f"member_{member.pk}") or NOT_TAKING_PART
            if value != NOT_TAKING_PART:
                chosen.append((member, "" if value == NO_AUTHORITY else value))
        return chosen


class OutcomesForm(forms.Form):
    """Outcomes of a completed operation: counts only."""

    completed_on = forms.DateField(label="Completed on", widget=DATE)
    seizures = forms.IntegerField(label="Seizures", min_value=0, initial=0)
    seizure_note = forms.CharField(
        label="What was seized", max_length=300, required=False, help_text="Kinds and amounts."
    )
    prosecution_referrals = forms.IntegerField(
        label="Referrals for prosecution", min_value=0, initial=0
    )
    victims_identified = forms.IntegerField(label="Victims identified", min_value=0, initial=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["completed_on"].initial = timezone.localdate()
        for level, level_label, _ in PriorityLevel.CHOICES:
            for severity, severity_label, _ in Severity.CHOICES:
                self.fields[f"arrests_{severity}_{level}"] = forms.IntegerField(
                    label=f"Arrests: {severity_label.lower()} charges, {level_label.lower()}",
                    min_value=0,
                    initial=0,
                )

    def arrests(self) -> list[tuple[str, str, int]]:
        return [
            (severity, level, self.cleaned_data.get(f"arrests_{severity}_{level}") or 0)
            for level in PriorityLevel.values()
            for severity in Severity.values()
        ]


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Reason", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
