"""Filters of the intelligence lists: by task force, case, criminal activity, status and dates.

Never by a person's characteristics: the records hold no race, ethnicity, national origin,
language or religion, and no filter, search or export selects by them (safeguard 6; a test
lists the filters)."""

from __future__ import annotations

from typing import Any

import django_filters

from access.intelligence.choices import CriminalActivity, RecordStatus
from access.intelligence.models import IntelligenceRecord, Release
from access.taskforces.models import TaskForce

DATE = {"type": "date"}


class RecordFilterSet(django_filters.FilterSet):
    task_force = django_filters.ModelChoiceFilter(
        label="Task force", queryset=TaskForce.objects.none(), empty_label="Any task force"
    )
    case_number = django_filters.CharFilter(label="Case number", lookup_expr="iexact")
    criminal_activity = django_filters.ChoiceFilter(
        label="Criminal activity", choices=CriminalActivity.choices(), empty_label="Any"
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=RecordStatus.choices(), empty_label="Any"
    )
    entered_after = django_filters.DateFilter(
        label="Entered on or after", field_name="entered_on", lookup_expr="gte"
    )
    entered_before = django_filters.DateFilter(
        label="Entered on or before", field_name="entered_on", lookup_expr="lte"
    )
    review_before = django_filters.DateFilter(
        label="Review date on or before", field_name="review_due", lookup_expr="lte"
    )

    class Meta:
        model = IntelligenceRecord
        fields = [
            "task_force",
            "case_number",
            "criminal_activity",
            "status",
            "entered_after",
            "entered_before",
            "review_before",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        forces = TaskForce._base_manager.filter(pk__in=self.queryset.values("task_force"))
        self.filters["task_force"].queryset = forces
        self.form.fields["task_force"].queryset = forces
        for name in ("entered_after", "entered_before", "review_before"):
            self.form.fields[name].widget.input_type = "date"


class ReleaseFilterSet(django_filters.FilterSet):
    task_force = django_filters.ModelChoiceFilter(
        label="Task force",
        field_name="record__task_force",
        queryset=TaskForce.objects.none(),
        empty_label="Any task force",
    )
    recipient_agency = django_filters.CharFilter(
        label="Recipient's agency", lookup_expr="icontains"
    )
    released_after = django_filters.DateFilter(
        label="Released on or after", field_name="released_at", lookup_expr="date__gte"
    )
    released_before = django_filters.DateFilter(
        label="Released on or before", field_name="released_at", lookup_expr="date__lte"
    )

    class Meta:
        model = Release
        fields = ["task_force", "recipient_agency", "released_after", "released_before"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        forces = TaskForce._base_manager.filter(pk__in=self.queryset.values("record__task_force"))
        self.filters["task_force"].queryset = forces
        self.form.fields["task_force"].queryset = forces
        for name in ("released_after", "released_before"):
            self.form.fields[name].widget.input_type = "date"
