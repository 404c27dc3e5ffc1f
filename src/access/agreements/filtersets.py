from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet

from access.agencies.models import Agency
from access.agreements.choices import AgreementStatus
from access.agreements.models import Agreement
from access.partnerships.models import PartnershipType


class AgreementFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Agency name contains", method="search")
    agency = django_filters.ModelChoiceFilter(
        label="Agency", queryset=Agency.objects.all(), empty_label="Any agency"
    )
    partnership_type = django_filters.ModelChoiceFilter(
        label="Partnership type", queryset=PartnershipType.objects.all(), empty_label="Any type"
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=AgreementStatus.choices(), empty_label="Any status"
    )
    needs_review = django_filters.ChoiceFilter(
        label="Needs review",
        choices=[("yes", "Yes"), ("no", "No")],
        empty_label="Any",
        method="filter_needs_review",
    )

    class Meta:
        model = Agreement
        fields = ["q", "agency", "partnership_type", "status", "needs_review"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Offer only agencies the user can see agreements of.
        agencies = self.queryset.values("agency")
        # Only what an option shows: a full Agency row per option cost more than the page.
        choices = Agency.objects.filter(pk__in=agencies).only("id", "name", "state")
        self.filters["agency"].queryset = choices
        self.form.fields["agency"].queryset = choices

    def search(self, queryset: QuerySet[Agreement], name: str, value: str) -> QuerySet[Agreement]:
        value = value.strip()
        return queryset.filter(Q(agency__name__icontains=value)) if value else queryset

    def filter_needs_review(
        self, queryset: QuerySet[Agreement], name: str, value: str
    ) -> QuerySet[Agreement]:
        if value == "yes":
            return queryset.filter(needs_review=True)
        return queryset.filter(needs_review=False) if value == "no" else queryset
