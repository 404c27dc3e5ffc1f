from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet

from access.agencies.models import Agency
from access.officers.choices import ClassStatus, OfficerStatus
from access.officers.models import Course, Officer, TrainingClass
from access.officers.queues import QUEUES, in_queue


class OfficerFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Name or badge contains", method="search")
    agency = django_filters.ModelChoiceFilter(
        label="Agency", queryset=Agency.objects.all(), empty_label="Any agency"
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=OfficerStatus.choices(), empty_label="Any status"
    )

    mine = django_filters.ChoiceFilter(
        label="Supervision",
        choices=[("me", "Officers I supervise")],
        empty_label="Any supervisor",
        method="supervised_by_me",
    )

    queue = django_filters.ChoiceFilter(
        label="Work queue",
        choices=[(name, queue.label) for name, queue in QUEUES.items()],
        empty_label="Any queue",
        method="in_work_queue",
    )

    class Meta:
        model = Officer
        fields = ["q", "agency", "status", "mine", "queue"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.filter(pk__in=self.queryset.values("agency")).only(
            "id", "name", "state"
        )
        self.filters["agency"].queryset = agencies
        self.form.fields["agency"].queryset = agencies

    def supervised_by_me(
        self, queryset: QuerySet[Officer], name: str, value: str
    ) -> QuerySet[Officer]:
        user = getattr(self.request, "user", None)
        if value == "me" and user is not None:
            return queryset.filter(supervisor=user.pk)
        return queryset

    def in_work_queue(
        self, queryset: QuerySet[Officer], name: str, value: str
    ) -> QuerySet[Officer]:
        return in_queue(queryset, value) if value in QUEUES else queryset

    def search(self, queryset: QuerySet[Officer], name: str, value: str) -> QuerySet[Officer]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(first_name__icontains=value)
            | Q(last_name__icontains=value)
            | Q(badge_number__icontains=value)
        )


class TrainingClassFilterSet(django_filters.FilterSet):
    course = django_filters.ModelChoiceFilter(
        label="Course", queryset=Course.objects.all(), empty_label="Any course"
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=ClassStatus.choices(), empty_label="Any status"
    )
    on_or_after = django_filters.DateFilter(
        label="Ending on or after (YYYY-MM-DD)", field_name="ends_on", lookup_expr="gte"
    )
    on_or_before = django_filters.DateFilter(
        label="Starting on or before (YYYY-MM-DD)", field_name="starts_on", lookup_expr="lte"
    )

    class Meta:
        model = TrainingClass
        fields = ["course", "status", "on_or_after", "on_or_before"]
