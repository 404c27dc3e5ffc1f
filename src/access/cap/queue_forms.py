"""Forms of the facility and queue pages. Rules live in the actions; forms only parse input.
(Kept apart from ``forms.py``, the roster pages' forms, so each part of the CAP work owns its
own module.)"""

from __future__ import annotations

from typing import Any

from django import forms

from access.cap.actions.facilities import EDITABLE
from access.cap.choices import InterviewMode, InterviewOutcome
from access.cap.models import CapFacility
from access.enforcement.choices import CheckedField
from access.inquiries.citizenship import SupervisorDecision

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
