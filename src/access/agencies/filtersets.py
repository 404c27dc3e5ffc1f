from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet

from access.agencies.choices import US_STATES, AgencyKind
from access.agencies.models import Agency


class AgencyFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Name, ORI or county contains", method="search")
    kind = django_filters.ChoiceFilter(
        label="Kind", choices=AgencyKind.choices(), empty_label="Any kind"
    )
    state = django_filters.ChoiceFilter(label="State", choices=US_STATES, empty_label="Any state")
    has_ori = django_filters.ChoiceFilter(
        label="Has an ORI",
        choices=[("yes", "Yes"), ("no", "No")],
        empty_label="Any",
        method="filter_has_ori",
    )

    class Meta:
        model = Agency
        fields = ["q", "kind", "state", "has_ori"]

    def search(self, queryset: QuerySet[Agency], name: str, value: str) -> QuerySet[Agency]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value) | Q(ori__icontains=value) | Q(county_name__icontains=value)
        )

    def filter_has_ori(self, queryset: QuerySet[Agency], name: str, value: str) -> QuerySet[Agency]:
        if value == "yes":
            return queryset.exclude(ori="")
        return queryset.filter(ori="") if value == "no" else queryset
