from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone

from access.agencies.models import Agency
from access.detention.choices import OPEN, DetainerStatus
from access.detention.models import Detainer


class DetainerFilterSet(django_filters.FilterSet):
    agency = django_filters.ModelChoiceFilter(
        label="Agency", queryset=Agency.objects.all(), empty_label="Any agency"
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=DetainerStatus.choices(), empty_label="Any status"
    )
    overdue = django_filters.ChoiceFilter(
        label="Clock",
        choices=[("yes", "Past the deadline, no outcome yet")],
        empty_label="Any",
        method="past_deadline",
    )

    class Meta:
        model = Detainer
        fields = ["agency", "status", "overdue"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.filter(pk__in=self.queryset.values("agency"))
        self.filters["agency"].queryset = agencies
        self.form.fields["agency"].queryset = agencies

    def past_deadline(
        self, queryset: QuerySet[Detainer], name: str, value: str
    ) -> QuerySet[Detainer]:
        if value == "yes":
            return queryset.filter(status__in=OPEN, deadline__lte=timezone.now())
        return queryset
