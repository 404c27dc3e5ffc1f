from __future__ import annotations

from typing import Any

import django_filters

from access.agencies.models import Agency
from access.enforcement.choices import EncounterStatus, PriorityLevel, Severity
from access.enforcement.models import Encounter


class EncounterFilterSet(django_filters.FilterSet):
    """Filters by the encounter's facts, never by the subject's name or origin (safeguard 6)."""

    agency = django_filters.ModelChoiceFilter(
        label="Agency", queryset=Agency.objects.all(), empty_label="Any agency"
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=EncounterStatus.choices(), empty_label="Any status"
    )
    priority_level = django_filters.ChoiceFilter(
        label="Priority level", choices=PriorityLevel.choices(), empty_label="Any level"
    )
    severity = django_filters.ChoiceFilter(
        label="Most serious charge", choices=Severity.choices(), empty_label="Any severity"
    )
    citizenship_stop = django_filters.BooleanFilter(label="Citizenship stop")

    class Meta:
        model = Encounter
        fields = ["agency", "status", "priority_level", "severity", "citizenship_stop"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.filter(pk__in=self.queryset.values("agency"))
        self.filters["agency"].queryset = agencies
        self.form.fields["agency"].queryset = agencies
