"""The CAP API's screening routes: a roster's progress, cancelling it, and its results.

``GET /api/cap/rosters/{id}/progress/`` (status, done, total, percent), ``POST
/api/cap/rosters/{id}/cancel/`` (``reason``), ``GET /api/cap/rosters/{id}/results/`` (each
screened booked person with their candidates; paginated). Explicit paths beside the rosters
viewset's routes, so the two parts register nothing under the same name. A roster outside
the caller's team is a 404, as on the pages; reading the results is audited as an export.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import URLPattern, path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from access.audit import events
from access.audit.events import audited
from access.cap.actions import screening as actions
from access.cap.events import Event
from access.cap.models import Booking, Roster, ScreeningCandidate
from access.cap.screening import progress_of


class ProgressSerializer(serializers.ModelSerializer):
    done = serializers.SerializerMethodField()
    total = serializers.SerializerMethodField()
    percent = serializers.SerializerMethodField()

    class Meta:
        model = Roster
        fields = [
            "id",
            "status",
            "done",
            "total",
            "percent",
            "cancel_requested",
            "screening_started_at",
            "screening_finished_at",
            "model_version",
            "error",
        ]

    def get_done(self, roster: Roster) -> int:
        return progress_of(roster)[0]

    def get_total(self, roster: Roster) -> int:
        return progress_of(roster)[1]

    def get_percent(self, roster: Roster) -> int:
        return progress_of(roster)[2]


class CancelSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=10_000)


class CandidateSerializer(serializers.ModelSerializer):
    record = serializers.IntegerField(source="record_id")

    class Meta:
        model = ScreeningCandidate
        fields = ["id", "rank", "record", "probability", "band", "explanation", "status"]


class ResultSerializer(serializers.ModelSerializer):
    candidates = CandidateSerializer(many=True, source="found")
    result = serializers.SerializerMethodField()

    class Meta:
        model = Booking
        fields = [
            "id",
            "booking_number",
            "family_name",
            "given_name",
            "middle_name",
            "date_of_birth",
            "release_date",
            "status",
            "screened_at",
            "candidate_count",
            "result",
            "candidates",
        ]

    def get_result(self, booking: Booking) -> str:
        return "candidates" if booking.candidate_count else "screened, no result"


@audited
def _record_export(actor: Any, roster: Roster, rows: int, offset: int) -> None:
    events.record(
        Event.EXPORT,
        obj=roster,
        details={"format": "api", "what": "screening results", "rows": rows, "offset": offset},
    )


class RosterScreeningViewSet(viewsets.GenericViewSet):
    """A roster's screening, in the caller's team scope (out of scope: 404)."""

    queryset = Roster.objects.none()
    serializer_class = ProgressSerializer

    def get_queryset(self) -> QuerySet[Roster]:
        return Roster.objects.restrict(self.request.user, "view")

    @extend_schema(responses={200: ProgressSerializer})
    def progress(self, request: Request, pk: str | None = None) -> Response:
        """How far the screening job is: status, bookings done and to do, percent."""
        return Response(ProgressSerializer(self.get_object()).data)

    @extend_schema(request=CancelSerializer, responses={200: ProgressSerializer})
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        """Cancel the screening, with a reason (a queued roster at once; a screening one after
        the chunk in hand)."""
        roster = self.get_object()
        form = CancelSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        roster = actions.cancel_screening(request.user, roster, form.validated_data["reason"])
        return Response(ProgressSerializer(roster).data)

    @extend_schema(responses={200: ResultSerializer(many=True)})
    def results(self, request: Request, pk: str | None = None) -> Response:
        """Each screened booked person of the roster, with their candidates (best first);
        people with none are listed as screened with no result."""
        roster = self.get_object()
        user: Any = request.user
        bookings = (
            Booking.objects.restrict(user, "view")
            .filter(last_roster=roster, screened_at__isnull=False)
            .prefetch_related(
                Prefetch(
                    "candidates",
                    queryset=ScreeningCandidate.objects.restrict(user, "view")
                    .filter(roster=roster)
                    .order_by("rank"),
                    to_attr="found",
                )
            )
            .order_by("release_date", "pk")
        )
        page = self.paginate_queryset(bookings)
        rows = page if page is not None else list(bookings)
        _record_export(user, roster, len(rows), int(request.query_params.get("offset") or 0))
        data = ResultSerializer(rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)


urlpatterns: list[URLPattern] = [
    path(
        "rosters/<int:pk>/progress/",
        RosterScreeningViewSet.as_view({"get": "progress"}),
        name="cap-roster-progress",
    ),
    path(
        "rosters/<int:pk>/cancel/",
        RosterScreeningViewSet.as_view({"post": "cancel"}),
        name="cap-roster-cancel",
    ),
    path(
        "rosters/<int:pk>/results/",
        RosterScreeningViewSet.as_view({"get": "results"}),
        name="cap-roster-results",
    ),
]
