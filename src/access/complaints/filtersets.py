from __future__ import annotations

from datetime import timedelta
from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone

from access.agencies.models import Agency
from access.complaints.choices import OPEN, ComplaintStatus
from access.complaints.models import Complaint


class ComplaintFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label="Status", choices=ComplaintStatus.choices(), empty_label="Any status"
    )
    agency = django_filters.ModelChoiceFilter(
        label="Agency", queryset=Agency.objects.all(), empty_label="Any agency"
    )
    clock = django_filters.ChoiceFilter(
        label="90-day clock",
        choices=[("overdue", "Past 90 days"), ("30", "30 days or less left")],
        empty_label="Any",
        method="by_clock",
    )

    class Meta:
        model = Complaint
        fields = ["status", "agency", "clock"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.filter(pk__in=self.queryset.values("agency"))
        self.filters["agency"].queryset = agencies
        self.form.fields["agency"].queryset = agencies

    def by_clock(self, queryset: QuerySet[Complaint], name: str, value: str) -> QuerySet[Complaint]:
        today = timezone.localdate()
        if value == "overdue":
            return queryset.filter(status__in=OPEN, due_on__lt=today)
        if value == "30":
            return queryset.filter(status__in=OPEN, due_on__lte=today + timedelta(days=30))
        return queryset
