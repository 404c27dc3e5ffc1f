"""Forms of the complaint pages. Rules live in actions.py; forms only parse input."""

from __future__ import annotations

from typing import Any

from django import forms

from access.accounts.models import User
from access.agencies.models import Agency
from access.complaints.actions import INVESTIGATOR_ROLE
from access.complaints.choices import Finding
from access.complaints.models import Complaint, normalise_receipt
from access.core.limits import LONG_TEXT
from access.officers.models import Officer


class DateInput(forms.DateInput):
    input_type = "date"


FIELDS = [
    "agency",
    "officer_description",
    "incident_on",
    "incident_place",
    "narrative",
    "complainant_name",
    "complainant_contact",
]


def agencies_with_partnerships() -> Any:
    """Agencies a complaint can be about: those that hold or held an agreement."""
    return Agency.objects.filter(agreements__isnull=False).distinct().order_by("name")


class PublicComplaintForm(forms.ModelForm):
    # A field people never see (hidden by CSS and from assistive technology): a form that
    # fills it in is a robot. No CAPTCHA, so nobody has to solve a puzzle to complain.
    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Complaint
        fields = FIELDS
        widgets = {
            "incident_on": DateInput(),
            "narrative": forms.Textarea(attrs={"rows": 8, "maxlength": LONG_TEXT}),
        }
        help_texts = {
            "agency": "The law enforcement agency whose officer or conduct you complain about.",
            "narrative": "What happened, in your own words: who, what, when and where.",
            "complainant_name": "Optional. You may complain anonymously.",
            "complainant_contact": "Optional. An email address gets the resolution notice by "
            "email; anyone with the receipt code can read it on the status page.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency: Any = self.fields["agency"]
        agency.queryset = agencies_with_partnerships()
        agency.empty_label = "Choose the agency"

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website"))


class StaffComplaintForm(forms.ModelForm):
    class Meta:
        model = Complaint
        fields = ["agency", "officer", *FIELDS[1:]]
        widgets = PublicComplaintForm.Meta.widgets

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency: Any = self.fields["agency"]
        agency.queryset = agencies_with_partnerships()
        officer: Any = self.fields["officer"]
        officer.queryset = Officer.objects.select_related("agency").order_by("last_name")
        officer.label_from_instance = lambda o: f"{o.full_name} ({o.badge_number}, {o.agency.name})"
        officer.required = False


class AssignForm(forms.Form):
    investigator = forms.ModelChoiceField(queryset=User.objects.none(), label="OPR investigator")
    officer = forms.ModelChoiceField(
        queryset=Officer.objects.none(),
        required=False,
        label="Officer complained about",
        help_text="Optional: the officer, once identified from the complainant's description.",
    )

    def __init__(self, *args: Any, complaint: Complaint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        investigator: Any = self.fields["investigator"]
        investigator.queryset = User.objects.filter(
            roles__slug=INVESTIGATOR_ROLE, is_active=True
        ).distinct()
        investigator.label_from_instance = lambda u: u.get_full_name() or u.get_username()
        officer: Any = self.fields["officer"]
        officer.queryset = Officer.objects.filter(agency=complaint.agency_id).order_by("last_name")
        officer.label_from_instance = lambda o: f"{o.full_name} ({o.badge_number})"


class SuspendForm(forms.Form):
    reason = forms.CharField(
        label="Why the officer's authority is suspended while the complaint is pending",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Recorded in the audit trail and on the officer's suspension.",
    )


class ResolveForm(forms.Form):
    finding = forms.ChoiceField(
        label="Finding", choices=[("", "Choose a finding"), *Finding.choices()]
    )
    resolution = forms.CharField(
        label="Resolution (for the record)",
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    notice = forms.CharField(
        label="Notice to the complainant",
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What the complainant reads on the status page (and by email if they gave "
        "one). No other person's data.",
    )


class StatusForm(forms.Form):
    code = forms.CharField(
        label="Receipt code",
        max_length=40,
        help_text="The 12 characters you were given when you filed, for example K7QF-M2XD-9HTP.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_code(self) -> str:
        return normalise_receipt(self.cleaned_data["code"])
