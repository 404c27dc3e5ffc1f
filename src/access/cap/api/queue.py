"""The CAP API's referral queue and interviews: the pages' rules, the project's error shape.
A candidate of another team's facility answers 404 and nothing changes."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from access.cap.actions import encounters as encounter_actions
from access.cap.actions import queue as actions
from access.cap.api.serializers import (
    CapCandidateListSerializer,
    CapCandidateSerializer,
    CapDecideSerializer,
    CapInterviewCreateSerializer,
    CapInterviewSerializer,
    CapOutcomeSerializer,
    CapRejectSerializer,
    CapVerifySerializer,
)
from access.cap.filtersets import CandidateFilterSet
from access.cap.models import Interview, ScreeningCandidate
from access.cap.queues import work_queue
from access.core.api.views import ScopedAPIMixin


class CandidateViewSet(
    ScopedAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The referral queue: candidates of people still held at the caller's teams' facilities,
    soonest release first, then priority level (`?facility=`, `?band=`, `?status=`). No person
    data in the list. Reading one candidate is logged. `verify` (refused for a name-only
    match, names alone checked, or before the caller read the candidate), `reject`, `refer`
    (CAP officers) and `decide` (an ICE supervisor, on a citizenship stop)."""

    filterset_class = CandidateFilterSet
    queryset = ScreeningCandidate.objects.none()

    def get_serializer_class(self) -> Any:
        return CapCandidateListSerializer if self.action == "list" else CapCandidateSerializer

    def get_queryset(self) -> QuerySet[ScreeningCandidate]:
        if self.action == "list":
            return work_queue(self.request.user)
        return (
            ScreeningCandidate.objects.restrict(self.request.user)
            .select_related("booking", "record", "reviewed_by", "decided_by")
            .prefetch_related("record__birth_dates", "record__identifiers", "interviews__officer")
        )

    def _answer(self, candidate: ScreeningCandidate) -> Response:
        return Response(CapCandidateSerializer(self.get_queryset().get(pk=candidate.pk)).data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        candidate = self.get_object()
        actions.view_candidate(request.user, candidate, form="api")
        return Response(CapCandidateSerializer(candidate).data)

    @extend_schema(request=CapVerifySerializer, responses={200: CapCandidateSerializer})
    @action(detail=True, methods=["post"])
    def verify(self, request: Request, pk: str | None = None) -> Response:
        candidate = self.get_object()
        form = CapVerifySerializer(data=request.data)
        form.is_valid(raise_exception=True)
        actions.verify(
            request.user,
            candidate,
            fields_checked=list(form.validated_data["fields_checked"]),
            notes=form.validated_data["notes"],
        )
        return self._answer(candidate)

    @extend_schema(request=CapRejectSerializer, responses={200: CapCandidateSerializer})
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str | None = None) -> Response:
        candidate = self.get_object()
        form = CapRejectSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        actions.reject(request.user, candidate, form.validated_data["reason"])
        return self._answer(candidate)

    @extend_schema(request=None, responses={200: CapCandidateSerializer})
    @action(detail=True, methods=["post"])
    def refer(self, request: Request, pk: str | None = None) -> Response:
        candidate = self.get_object()
        actions.refer(request.user, candidate)
        return self._answer(candidate)

    @extend_schema(request=None, responses={201: CapCandidateSerializer})
    @action(detail=True, methods=["post"])
    def encounter(self, request: Request, pk: str | None = None) -> Response:
        """A removable interview outcome: record the identified encounter at the facility (the
        caller's authority check applies) and link it; `encounter` in the answer is its id, for
        `POST /api/detainers/`. Refused with every reason, nothing changed."""
        candidate = self.get_object()
        encounter_actions.record_encounter(request.user, candidate)
        return Response(
            CapCandidateSerializer(self.get_queryset().get(pk=candidate.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=CapDecideSerializer, responses={200: CapCandidateSerializer})
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        candidate = self.get_object()
        form = CapDecideSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        actions.decide_stop(request.user, candidate, data["decision"], data["reason"])
        return self._answer(candidate)


class InterviewViewSet(
    ScopedAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Interviews of referred people at the caller's teams' facilities. `POST` schedules one
    (a mode the facility allows, not in the past); `outcome` records when it was held and
    what came of it (a citizenship claim stops the referral for a supervisor)."""

    serializer_class = CapInterviewSerializer
    queryset = Interview.objects.none()

    def get_queryset(self) -> QuerySet[Interview]:
        return Interview.objects.restrict(self.request.user).select_related("officer")

    @extend_schema(request=CapInterviewCreateSerializer, responses={201: CapInterviewSerializer})
    def create(self, request: Request) -> Response:
        form = CapInterviewCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        candidate = (
            ScreeningCandidate.objects.restrict(request.user)
            .filter(pk=data.pop("candidate"))
            .select_related("booking__facility")
            .first()
        )
        # Another team's candidate answers as the candidate's own routes do: 404.
        if candidate is None or not actions.may(request.user, "cap.add_interview", candidate):
            raise Http404("Not found")
        interview = actions.schedule_interview(request.user, candidate, **data)
        return Response(CapInterviewSerializer(interview).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CapOutcomeSerializer, responses={200: CapInterviewSerializer})
    @action(detail=True, methods=["post"])
    def outcome(self, request: Request, pk: str | None = None) -> Response:
        interview = self.get_object()
        form = CapOutcomeSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        interview = actions.record_interview(request.user, interview, **form.validated_data)
        return Response(CapInterviewSerializer(interview).data)
