"""The form asked before a person record is shown outside an inquiry (safeguard 5)."""

from __future__ import annotations

from django import forms

from access.records.actions import CASE_NUMBER_LENGTH, REASON_LENGTH
from access.records.choices import ViewPurpose


class PurposeForm(forms.Form):
    """Purpose, reason and case number of a read; ``actions.view_record`` records them."""

    purpose = forms.ChoiceField(
        label="Purpose",
        choices=[("", "- Select -"), *ViewPurpose.choices()],
        help_text="Why this record is opened.",
    )
    reason = forms.CharField(
        label="Reason",
        max_length=REASON_LENGTH,
        help_text="What you need from this record, in a sentence.",
    )
    case_number = forms.CharField(
        label="Case number", max_length=CASE_NUMBER_LENGTH, help_text="The case the read is for."
    )
