"""Filters of the CAP lists. No person data: the queue filters by facility (a pk), band and
review status only, never by a name."""

from __future__ import annotations

from typing import Any

import django_filters

from access.cap.actions.queue import OPEN_FOR_WORK
from access.cap.choices import RemoteInterviews, ReviewStatus, RosterDelivery
from access.cap.models import CapFacility, CapTeam, ScreeningCandidate
from access.matching.calibrate import BANDS


class CandidateFilterSet(django_filters.FilterSet):
    facility = django_filters.ModelChoiceFilter(
        label="Facility",
        field_name="booking__facility",
        queryset=CapFacility.objects.none(),
        empty_label="Any facility",
    )
    band = django_filters.ChoiceFilter(
        label="Band", choices=[(b, b.capitalize()) for b in BANDS], empty_label="Any band"
    )
    status = django_filters.ChoiceFilter(
        label="Review",
        choices=[(s, ReviewStatus.label(s)) for s in OPEN_FOR_WORK],
        empty_label="Any open review",
    )

    class Meta:
        model = ScreeningCandidate
        fields = ["facility", "band", "status"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the facilities of the rows the user may see (their teams' facilities).
        facilities = CapFacility.objects.filter(
            pk__in=self.queryset.values("booking__facility")
        ).select_related("facility")
        self.filters["facility"].queryset = facilities
        self.form.fields["facility"].queryset = facilities


class FacilityFilterSet(django_filters.FilterSet):
    team = django_filters.ModelChoiceFilter(
        label="CAP team", queryset=CapTeam.objects.none(), empty_label="Any team"
    )
    remote_interviews = django_filters.ChoiceFilter(
        label="Remote interviews", choices=RemoteInterviews.choices(), empty_label="Any"
    )
    roster_delivery = django_filters.ChoiceFilter(
        label="How rosters arrive", choices=RosterDelivery.choices(), empty_label="Any"
    )

    class Meta:
        model = CapFacility
        fields = ["team", "remote_interviews", "roster_delivery"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        teams = CapTeam.objects.filter(pk__in=self.queryset.values("team"))
        self.filters["team"].queryset = teams
        self.form.fields["team"].queryset = teams
