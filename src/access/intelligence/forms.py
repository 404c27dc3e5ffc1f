"""Intelligence forms: entry (the rules of 28 CFR 23.20(a), (b) checked by the action's own
``check_entry``, so the page, the API and the action refuse alike), validation and release."""

from __future__ import annotations

from typing import Any

from django import forms

from access.core.limits import LONG_TEXT
from access.intelligence import actions, rules
from access.intelligence.choices import CriminalActivity, SourceReliability, SourceType
from access.taskforces.models import TaskForce

TEXTAREA = {"rows": 4}


def _choices(choice_set: Any) -> list[tuple[str, str]]:
    return [("", "- Select -"), *choice_set.choices()]


class RecordForm(forms.Form):
    task_force = forms.ModelChoiceField(
        label="Task force", queryset=TaskForce.objects.none(), empty_label="- Select -"
    )
    case_number = forms.CharField(label="Case number", max_length=60)
    criminal_activity = forms.ChoiceField(
        label="Criminal activity",
        choices=_choices(CriminalActivity),
        help_text="A definable criminal activity (28 CFR 23.20(a)).",
    )
    activity_detail = forms.CharField(
        max_length=LONG_TEXT,
        label="Details of the activity",
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text="The offence, where and when, as far as known.",
    )
    reasonable_suspicion = forms.CharField(
        max_length=LONG_TEXT,
        label="Reasonable suspicion",
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=f"The facts that tie the subject to the criminal activity (at least "
        f"{rules.MIN_SUSPICION_WORDS} words).",
    )
    subject_name = forms.CharField(
        label="Subject's name or alias (optional)",
        required=False,
        max_length=200,
    )
    subject_birth_date = forms.DateField(
        label="Subject's date of birth (optional)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    subject_description = forms.CharField(
        max_length=LONG_TEXT,
        label="Subject",
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text="The subject's role in this case, identifiers, vehicles, addresses. Never "
        "race, ethnicity, national origin, language or religion.",
    )
    source_type = forms.ChoiceField(label="Source", choices=_choices(SourceType))
    source_reliability = forms.ChoiceField(
        label="Source reliability", choices=_choices(SourceReliability)
    )
    source_detail = forms.CharField(
        max_length=LONG_TEXT,
        label="About the source (optional)",
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text="Without naming a confidential informant.",
    )
    not_solely_protected_activity = forms.BooleanField(label=rules.ATTESTATION, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["task_force"]
        field.queryset = actions.entry_task_forces(user)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        entry = {name: data.get(name) for name in actions.ENTRY_FIELDS}
        try:
            actions.check_entry(entry)
        except actions.Refused as refused:
            for name, messages in refused.message_dict.items():
                if name in self.fields and name not in self.errors:
                    for message in messages:
                        self.add_error(name, message)
        return data


class ValidateForm(forms.Form):
    reason = forms.CharField(
        max_length=LONG_TEXT,
        label="Why the record is still needed",
        widget=forms.Textarea(attrs=TEXTAREA),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = (
            "The information still meets the entry rules and serves the task force's criminal "
            f"investigations. The review date moves to {rules.retention_years()} years from today."
        )


class ReleaseForm(forms.Form):
    recipient_name = forms.CharField(label="Recipient", max_length=200)
    recipient_agency = forms.CharField(label="Recipient's agency", max_length=200)
    reason = forms.CharField(
        max_length=LONG_TEXT,
        label="Need and right to know",
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text="Why the recipient needs this information for a law enforcement purpose "
        "and is entitled to receive it (28 CFR 23.20(e)).",
    )
