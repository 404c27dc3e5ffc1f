"""Filters of the task-force and operation lists (pages, exports and the API). None selects
people, and none selects by race, ethnicity, national origin, language or religion."""

from __future__ import annotations

from typing import Any

import django_filters

from access.partnerships.choices import Challenge
from access.taskforces.choices import OperationStatus, TaskForceStatus
from access.taskforces.models import Operation, TaskForce

YES_NO = [("true", "Yes"), ("false", "No")]


class TaskForceFilterSet(django_filters.FilterSet):
    name = django_filters.CharFilter(label="Name contains", lookup_expr="icontains")
    status = django_filters.ChoiceFilter(
        label="Status", choices=TaskForceStatus.choices(), empty_label="Any status"
    )
    challenge = django_filters.ChoiceFilter(
        label="Challenge", choices=Challenge.choices(), empty_label="Any challenge"
    )
    community_shield = django_filters.ChoiceFilter(
        label="Operation Community Shield",
        choices=YES_NO,
        empty_label="Either",
        method="filter_shield",
    )

    class Meta:
        model = TaskForce
        fields = ["name", "status", "challenge", "community_shield"]

    def filter_shield(self, queryset: Any, name: str, value: str) -> Any:
        return queryset.filter(community_shield=value == "true")


class OperationFilterSet(django_filters.FilterSet):
    task_force = django_filters.ModelChoiceFilter(
        label="Task force", queryset=TaskForce.objects.none(), empty_label="Any task force"
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=OperationStatus.choices(), empty_label="Any status"
    )
    community_shield = django_filters.ChoiceFilter(
        label="Operation Community Shield",
        choices=YES_NO,
        empty_label="Either",
        method="filter_shield",
    )

    class Meta:
        model = Operation
        fields = ["task_force", "status", "community_shield"]

    def filter_shield(self, queryset: Any, name: str, value: str) -> Any:
        return queryset.filter(community_shield=value == "true")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the task forces of the rows the user may see.
        visible = TaskForce.objects.filter(pk__in=self.queryset.values("task_force"))
        self.filters["task_force"].queryset = visible
        self.form.fields["task_force"].queryset = visible
