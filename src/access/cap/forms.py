"""CAP forms: a roster upload and the mapping of its columns to the engine's fields; a
facility's CAP settings; the queue's review steps, interviews and outcomes, and the encounter a
removable outcome leads to. Rules live in the actions; forms only parse input."""

from __future__ import annotations

from typing import Any

from django import forms

from access.cap import rosters
from access.cap.actions.facilities import EDITABLE
from access.cap.choices import InterviewMode, InterviewOutcome
from access.cap.models import CapFacility
from access.enforcement.choices import CheckedField
from access.inquiries.citizenship import SupervisorDecision


class RosterUploadForm(forms.Form):
    roster = forms.FileField(
        label="Roster file (CSV or XLSX)",
        help_text=(
            f"At most {rosters.MAX_BYTES // (1024 * 1024)} MB. CSV with commas, semicolons, tabs "
            "or bars; UTF-8 or Latin-1. XLSX: the first sheet is read."
        ),
    )
    as_of = forms.DateTimeField(
        label="Roster time (optional)",
        required=False,
        help_text="When the jail produced this roster, e.g. 2026-12-03 06:00. Blank: now.",
    )

    def clean_roster(self) -> Any:
        upload = self.cleaned_data["roster"]
        if upload.size > rosters.MAX_BYTES:
            raise forms.ValidationError(
                f"The file is larger than {rosters.MAX_BYTES // (1024 * 1024)} MB."
            )
        return upload


class MappingForm(forms.Form):
    """One select per field, offering the file's columns."""

    def __init__(self, *args: Any, headers: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Not in this roster"), *((h, h) for h in headers if h)]
        required = set(rosters.REQUIRED)
        for name, label in rosters.FIELDS.items():
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=choices,
                required=False,
                help_text="Required." if name in required else "",
            )

    def mapping(self) -> dict[str, str]:
        return {name: column for name, column in self.cleaned_data.items() if column}


LOCAL_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _text(label: str, required: bool = False, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=help_text or "Recorded in the audit trail.",
    )


class FacilityForm(forms.ModelForm):
    class Meta:
        model = CapFacility
        fields = list(EDITABLE)
        widgets = {"contacts": forms.Textarea(attrs={"rows": 4})}


class VerifyForm(forms.Form):
    prefix = "verify"  # several forms share the candidate page

    fields_checked = forms.MultipleChoiceField(
        label="Fields you checked",
        choices=CheckedField.choices(),
        widget=forms.CheckboxSelectMultiple,
        help_text="The name alone never identifies anyone: check at least one other field.",
    )
    notes = _text("Notes")


class RejectForm(forms.Form):
    prefix = "reject"  # several forms share the candidate page

    reason = _text("Why this record is not the booked person", required=True)


class DecideForm(forms.Form):
    prefix = "decide"  # several forms share the candidate page

    decision = forms.ChoiceField(
        label="Decision", choices=SupervisorDecision.choices(), widget=forms.RadioSelect
    )
    reason = _text("Reasons for the decision", required=True)


class InterviewForm(forms.Form):
    prefix = "interview"  # several forms share the candidate page

    mode = forms.ChoiceField(label="How", choices=InterviewMode.choices())
    scheduled_for = forms.DateTimeField(label="Date and time (UTC)", widget=LOCAL_INPUT)
    interpreter_language = forms.CharField(
        label="Interpreter language",
        max_length=60,
        required=False,
        help_text="Blank when no interpreter is needed.",
    )

    def __init__(self, *args: Any, modes: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if modes is not None:
            # Only the ways the facility allows (the action refuses any other).
            field: Any = self.fields["mode"]
            field.choices = [(m, InterviewMode.label(m)) for m in modes]


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Outcome", choices=InterviewOutcome.choices(), widget=forms.RadioSelect
    )
    held_at = forms.DateTimeField(
        label="Held at (UTC)",
        widget=LOCAL_INPUT,
        required=False,
        help_text="Leave blank only when the person was released before the interview.",
    )
    notes = _text("Notes")
