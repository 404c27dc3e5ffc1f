"""Forms of the officer pages. Rules live in actions.py; forms only parse input."""

from __future__ import annotations

from typing import Any

from django import forms

from access.accounts.models import User
from access.agreements.models import Agreement
from access.officers import authority
from access.officers.actions import SUPERVISOR_ROLE, linkable_accounts
from access.officers.choices import CheckOutcome
from access.officers.models import BackgroundCheck, Course, ModelFunction, Officer


class DateInput(forms.DateInput):
    input_type = "date"


def reason_field(label: str = "Reason") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Recorded in the audit trail.",
    )


class NominationForm(forms.ModelForm):
    agreement = forms.ModelChoiceField(queryset=Agreement.objects.none(), label="Agreement")
    reason = reason_field("Why this officer is nominated")

    class Meta:
        model = Officer
        fields = [
            "agreement",
            "first_name",
            "last_name",
            "badge_number",
            "position",
            "hired_on",
            "citizenship_attested",
            "agency_check_on",
            "agency_check_result",
            "disciplinary_history",
            "excessive_force_allegations",
            "discrimination_allegations",
        ]
        widgets = {
            "hired_on": DateInput(),
            "agency_check_on": DateInput(),
            "disciplinary_history": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, agreements: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["agreement"]
        field.queryset = agreements if agreements is not None else Agreement.objects.none()
        field.label_from_instance = lambda a: f"#{a.pk} {a.partnership_type.name}: {a.agency.name}"
        # The statute's rule is checked by the action with a clear message; the box itself
        # stays optional so that message (not a generic "required") is what people see.
        self.fields["citizenship_attested"].required = False


class BackgroundCheckForm(forms.ModelForm):
    outcome = forms.ChoiceField(label="Outcome", choices=CheckOutcome.choices())
    reason = reason_field("Reason (the agency sees this)")

    class Meta:
        model = BackgroundCheck
        fields = [
            "fingerprints_submitted_on",
            "fingerprint_result",
            "personal_history",
            "disciplinary_review",
        ]
        widgets = {
            "fingerprints_submitted_on": DateInput(),
            "personal_history": forms.Textarea(attrs={"rows": 3}),
            "disciplinary_review": forms.Textarea(attrs={"rows": 3}),
        }


class ExamForm(forms.Form):
    course = forms.ModelChoiceField(queryset=Course.objects.none(), label="Course")
    taken_on = forms.DateField(label="Exam date", widget=DateInput())
    location = forms.CharField(label="Location", max_length=200, help_text="A place, or “online”.")
    score = forms.IntegerField(label="Score (%)", help_text="From 0 to 100.")
    reason = reason_field("Note")

    def __init__(self, *args: Any, officer: Officer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["course"]
        field.queryset = Course.objects.filter(
            partnership_type=officer.agreement.partnership_type_id
        ).order_by("kind", "-effective_from")


class ReasonForm(forms.Form):
    reason = reason_field()


def supervisors() -> Any:
    return User.objects.filter(roles__slug=SUPERVISOR_ROLE, is_active=True).distinct()


class SupervisorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_full_name() or obj.get_username()} ({obj.get_username()})"


class AuthorizationForm(forms.Form):
    functions = forms.MultipleChoiceField(
        label="Functions the officer may perform", widget=forms.CheckboxSelectMultiple
    )
    supervisor = SupervisorChoiceField(
        queryset=User.objects.none(), label="Supervising ICE officer"
    )
    reason = reason_field()

    def __init__(self, *args: Any, officer: Officer, on: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        codes = ModelFunction.codes_in_effect(officer.agreement.partnership_type_id, on)
        functions: Any = self.fields["functions"]
        functions.choices = list(codes.items())
        supervisor: Any = self.fields["supervisor"]
        supervisor.queryset = supervisors()
        if officer.supervisor_id:
            supervisor.initial = officer.supervisor_id


class SupervisorForm(forms.Form):
    supervisor = SupervisorChoiceField(queryset=User.objects.none(), label="ICE supervisor")
    reason = reason_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["supervisor"]
        field.queryset = supervisors()


class AccountLinkForm(forms.Form):
    """The officer's own account (an active agency officer of the same agency), or none."""

    account = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="The officer's account",
        required=False,
        empty_label="No account (unlink)",
        help_text="Agency officer accounts of this agency. The officer then sees this record.",
    )
    reason = reason_field()

    def __init__(self, *args: Any, officer: Officer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["account"]
        field.queryset = linkable_accounts(officer).order_by("last_name", "username")
        field.label_from_instance = lambda u: f"{u.get_full_name() or u.username} ({u.username})"
        field.initial = officer.user_id


class RosterForm(forms.Form):
    agreement = forms.ModelChoiceField(queryset=Agreement.objects.none(), label="Agreement")
    roster = forms.FileField(label="Roster file (CSV or XLSX)", help_text="At most 2 MB.")
    reason = reason_field("Why these officers are nominated")

    def __init__(self, *args: Any, agreements: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["agreement"]
        field.queryset = agreements if agreements is not None else Agreement.objects.none()
        field.label_from_instance = lambda a: f"#{a.pk} {a.partnership_type.name}: {a.agency.name}"


def agreements_for(user: Any) -> Any:
    """Agreements in force the user may nominate under (own agency, or all for ICE staff)."""
    rows = Agreement.objects.filter(status__in=authority.ACTING).select_related(
        "agency", "partnership_type"
    )
    rows = rows.filter(partnership_type__functions__isnull=False).distinct()
    scope = user.grant_scope("officers.add_officer")
    if scope == "all":
        return rows
    if scope == "agency":
        return rows.filter(agency=user.agency_id)
    return rows.none()


class DisciplinaryReportForm(forms.Form):
    occurred_on = forms.DateField(label="Date of the event", widget=DateInput())
    description = forms.CharField(
        label="What happened", max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    excessive_force = forms.BooleanField(label="Excessive-force allegation", required=False)
    discrimination = forms.BooleanField(label="Discrimination allegation", required=False)
