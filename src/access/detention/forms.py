"""Detainer forms. Times are entered as the facility's local wall time (its zone is shown)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms

from access.agencies.models import Facility
from access.detention import clock
from access.detention.choices import OUTCOMES, DetainerStatus, ProbableCause, ServiceMethod

LOCAL_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def in_zone(value: datetime | None, zone: str) -> datetime | None:
    """A wall time typed on the page, read in the facility's zone (Django read it as UTC)."""
    if value is None:
        return None
    return clock.local_moment(value.replace(tzinfo=None), zone)


class IssueForm(forms.Form):
    facility = forms.ModelChoiceField(
        label="Facility", queryset=Facility.objects.none(), empty_label=None
    )
    probable_cause = forms.ChoiceField(
        label="Probable cause of removability",
        choices=ProbableCause.choices(),
        widget=forms.RadioSelect,
    )
    probable_cause_details = forms.CharField(
        label="Evidence the probable cause rests on", widget=forms.Textarea, max_length=4000
    )
    issued_at = forms.DateTimeField(
        label="Issued (facility's local time; leave empty for now)",
        required=False,
        widget=LOCAL_INPUT,
    )
    served_at = forms.DateTimeField(
        label="Served on the subject (facility's local time)", widget=LOCAL_INPUT
    )
    service_method = forms.ChoiceField(
        label="How it was served", choices=ServiceMethod.choices(), widget=forms.RadioSelect
    )
    notify_before_release = forms.BooleanField(
        label="Ask the facility to notify ICE before release", required=False, initial=True
    )
    hold_requested = forms.BooleanField(
        label="Ask the facility to hold the subject up to 48 hours (not counting weekends "
        "and federal holidays) past the time of release",
        required=False,
        initial=True,
    )
    release_at = forms.DateTimeField(
        label="Would otherwise be released (facility's local time; leave empty if not known)",
        required=False,
        widget=LOCAL_INPUT,
    )

    def __init__(self, *args: Any, facilities: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if facilities is not None:
            self.fields["facility"].queryset = facilities  # type: ignore[attr-defined]

    def action_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        zone = data["facility"].time_zone or "UTC"
        data["served_at"] = in_zone(data["served_at"], zone)
        data["issued_at"] = in_zone(data["issued_at"], zone)
        data["release_at"] = in_zone(data["release_at"], zone)
        return data


class ReleaseForm(forms.Form):
    release_at = forms.DateTimeField(
        label="Would otherwise be released (facility's local time)", widget=LOCAL_INPUT
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=[(s, DetainerStatus.label(s)) for s in OUTCOMES],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label="Reason", widget=forms.Textarea, max_length=4000)
    at = forms.DateTimeField(
        label="When (facility's local time; now if empty)", required=False, widget=LOCAL_INPUT
    )
