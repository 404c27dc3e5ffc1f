"""Forms of the encounter pages. Rules live in actions.py; forms only parse input."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone

from access.agencies.models import Agency, Facility
from access.enforcement.actions import ChargeInput, EncounterInput
from access.enforcement.choices import (
    OFFICER_STEPS,
    CheckedField,
    Document,
    Function,
    Origin,
    Severity,
    StepKind,
)
from access.enforcement.models import EncounterCandidate
from access.inquiries.citizenship import SupervisorDecision
from access.partnerships.models import PartnershipType

CHARGE_ROWS = 3


class DateInput(forms.DateInput):
    input_type = "date"


def _notes(label: str, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Recorded in the audit trail.",
    )


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


class EncounterForm(forms.Form):
    function = forms.ChoiceField(label="Function exercised", choices=Function.choices())
    occurred_at = forms.DateTimeField(
        label="Time of the encounter (UTC)",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    origin = forms.ChoiceField(label="How the encounter arose", choices=Origin.choices())
    facility = forms.ModelChoiceField(
        label="Facility",
        queryset=Facility.objects.none(),
        required=False,
        help_text="Jail enforcement and warrant service models: the agency's jail.",
    )
    location = forms.CharField(
        label="Location", required=False, max_length=200, help_text="Task force model."
    )
    family_name = forms.CharField(label="Family name", max_length=100)
    given_name = forms.CharField(label="Given name", max_length=100, required=False)
    middle_name = forms.CharField(label="Middle name", max_length=100, required=False)
    other_names = forms.CharField(
        label="Other names given", max_length=300, required=False, help_text="Separate with commas."
    )
    date_of_birth = forms.DateField(label="Date of birth given", required=False, widget=DateInput())
    other_dates_of_birth = forms.CharField(
        label="Other dates of birth given",
        max_length=200,
        required=False,
        help_text="YYYY-MM-DD, separated with commas.",
    )
    sex = forms.ChoiceField(
        label="Sex",
        required=False,
        choices=[("", "Not given"), ("M", "Male"), ("F", "Female"), ("X", "Unspecified (X)")],
    )
    place_of_birth = forms.CharField(
        label="Country of birth (NCIC code)", max_length=2, required=False
    )
    claimed_country = forms.CharField(
        label="Claimed country of citizenship (NCIC code)", max_length=2, required=False
    )
    claims_us_citizenship = forms.BooleanField(
        label="The subject claims U.S. citizenship",
        required=False,
        help_text="A claim stops the workflow and routes the encounter to an ICE supervisor.",
    )
    a_number = forms.CharField(label="A-number", max_length=14, required=False)
    fbi_number = forms.CharField(label="FBI number", max_length=9, required=False)
    state_id = forms.CharField(label="State ID", max_length=10, required=False)
    operator_license = forms.CharField(label="Operator license", max_length=20, required=False)
    notes = _notes("Notes")

    def __init__(self, *args: Any, agency: Agency | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["facility"]
        field.queryset = agency.facilities.all() if agency else Facility.objects.none()
        for n in range(1, CHARGE_ROWS + 1):
            first = n == 1
            self.fields[f"offense_code_{n}"] = forms.CharField(
                label=f"Charge {n}: NCIC offense code",
                max_length=4,
                required=first,
                help_text="Four digits, e.g. 1313." if first else "Optional.",
            )
            self.fields[f"severity_{n}"] = forms.ChoiceField(
                label=f"Charge {n}: severity",
                choices=[("", "Choose"), *Severity.choices()],
                required=first,
            )
            self.fields[f"description_{n}"] = forms.CharField(
                label=f"Charge {n}: as written", max_length=200, required=False
            )

    def to_input(self) -> EncounterInput:
        data = self.cleaned_data
        dates = [data["date_of_birth"].isoformat()] if data.get("date_of_birth") else []
        charges = [
            ChargeInput(
                offense_code=data[f"offense_code_{n}"],
                severity=data[f"severity_{n}"],
                description=data[f"description_{n}"],
            )
            for n in range(1, CHARGE_ROWS + 1)
            if data.get(f"offense_code_{n}") or data.get(f"severity_{n}")
        ]
        facility = data.get("facility")
        return EncounterInput(
            function=data["function"],
            occurred_at=data["occurred_at"],
            origin=data["origin"],
            facility_id=facility.pk if facility else None,
            location=data["location"],
            family_name=data["family_name"],
            given_name=data["given_name"],
            middle_name=data["middle_name"],
            other_names=_split(data["other_names"]),
            dates_of_birth=dates + _split(data["other_dates_of_birth"]),
            sex=data["sex"],
            place_of_birth=data["place_of_birth"],
            a_number=data["a_number"],
            fbi_number=data["fbi_number"],
            state_id=data["state_id"],
            operator_license=data["operator_license"],
            claimed_country=data["claimed_country"],
            claims_us_citizenship=data["claims_us_citizenship"],
            notes=data["notes"],
            charges=charges,
        )


def fields_checked_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label="Fields you checked",
        choices=CheckedField.choices(),
        widget=forms.CheckboxSelectMultiple,
        help_text="The name alone never identifies anyone.",
    )


class VerifyForm(forms.Form):
    candidate = forms.ModelChoiceField(
        label="The candidate record that is the subject",
        queryset=EncounterCandidate.objects.none(),
        widget=forms.RadioSelect,
    )
    fields_checked = fields_checked_field()
    notes = _notes("Notes")

    def __init__(self, *args: Any, candidates: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["candidate"]
        field.queryset = candidates if candidates is not None else EncounterCandidate.objects.none()
        field.label_from_instance = lambda c: (
            f"Candidate {c.rank}: record {c.record.record_id} ({c.band}, "
            f"probability {c.probability:.3f})"
        )


class ConfirmForm(forms.Form):
    fields_checked = fields_checked_field()
    notes = _notes("Notes")


class NotIdentifiedForm(forms.Form):
    notes = _notes("Why no candidate is the subject", required=True)


class ReportCitizenshipForm(forms.Form):
    claimed = forms.TypedChoiceField(
        label="What happened",
        choices=[
            ("yes", "The subject claims U.S. citizenship"),
            ("no", "Evidence of U.S. citizenship came to light"),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    notes = _notes("Describe the claim or the evidence", required=True)


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision", choices=SupervisorDecision.choices(), widget=forms.RadioSelect
    )
    notes = _notes("Reasons for the decision", required=True)


class StepForm(forms.Form):
    kind = forms.ChoiceField(
        label="Step", choices=[c for c in StepKind.choices() if c[0] in OFFICER_STEPS]
    )
    document = forms.ChoiceField(
        label="Form", choices=[("", "None"), *Document.choices()], required=False
    )
    occurred_on = forms.DateField(label="Date", widget=DateInput())
    reference = forms.CharField(label="Document or referral number", max_length=50, required=False)
    notes = _notes("Notes")


class RemovalForm(forms.Form):
    """ICE records the subject's removal, with its date."""

    occurred_on = forms.DateField(label="Date of removal", widget=DateInput())
    document = forms.ChoiceField(
        label="Form",
        choices=[("", "None"), (Document.I_205, Document.label(Document.I_205))],
        required=False,
    )
    reference = forms.CharField(label="Removal or case number", max_length=50, required=False)
    notes = _notes("Notes")


class FunnelForm(forms.Form):
    agency = forms.ModelChoiceField(
        label="Agency", queryset=Agency.objects.none(), required=False, empty_label="All agencies"
    )
    model = forms.ChoiceField(label="Model", required=False)
    start = forms.DateField(label="From", widget=DateInput(), required=False)
    end = forms.DateField(label="To", widget=DateInput(), required=False)

    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["agency"]
        field.queryset = agencies if agencies is not None else Agency.objects.none()
        models = PartnershipType.objects.filter(code__startswith="287g_").order_by("name")
        choice: Any = self.fields["model"]
        choice.choices = [("", "All models")] + [(m.code, m.name) for m in models]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        today = timezone.localdate()
        data["end"] = data.get("end") or today
        data["start"] = data.get("start") or (data["end"] - timedelta(days=365))
        if data["start"] > data["end"]:
            self.add_error("start", "The period starts after it ends.")
        return data

    def period(self) -> tuple[date, date]:
        return self.cleaned_data["start"], self.cleaned_data["end"]
