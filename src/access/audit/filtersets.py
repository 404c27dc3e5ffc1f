from __future__ import annotations

import django_filters
from django import forms

from access.audit.choices import Outcome
from access.audit.models import AuditEvent


class AuditEventFilterSet(django_filters.FilterSet):
    actor = django_filters.CharFilter(
        label="Actor name contains", field_name="actor_name", lookup_expr="icontains"
    )
    agency = django_filters.CharFilter(
        label="Agency name contains", field_name="agency_name", lookup_expr="icontains"
    )
    action = django_filters.CharFilter(
        label="Action starts with",
        lookup_expr="istartswith",
        help_text="e.g. auth. or agency.update",
    )
    object_type = django_filters.CharFilter(
        label="Object type", lookup_expr="iexact", help_text="e.g. agencies.agency"
    )
    object_id = django_filters.CharFilter(label="Object id", lookup_expr="exact")
    outcome = django_filters.ChoiceFilter(label="Outcome", choices=Outcome.choices())
    since = django_filters.DateTimeFilter(
        label="From (UTC)",
        field_name="occurred_at",
        lookup_expr="gte",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    until = django_filters.DateTimeFilter(
        label="Until (UTC)",
        field_name="occurred_at",
        lookup_expr="lte",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    class Meta:
        model = AuditEvent
        fields = [
            "actor",
            "agency",
            "action",
            "object_type",
            "object_id",
            "outcome",
            "since",
            "until",
        ]
