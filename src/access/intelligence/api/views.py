"""The intelligence API (``/api/intelligence/``): records of the caller's task forces, entry,
validation, release, and the release log. Out of scope answers 404 and changes nothing."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from access.core.api.views import ScopedAPIMixin
from access.intelligence import actions
from access.intelligence.api.serializers import (
    RecordCreateSerializer,
    RecordListSerializer,
    RecordSerializer,
    ReleaseCreateSerializer,
    ReleaseSerializer,
    ValidateSerializer,
)
from access.intelligence.filtersets import RecordFilterSet, ReleaseFilterSet
from access.intelligence.membership import opens_intelligence
from access.intelligence.models import IntelligenceRecord, Release
from access.taskforces.models import TaskForce


class IntelAPIMixin(ScopedAPIMixin):
    """As on the pages: a ``team`` grant opens the API only to a person serving on a task
    force now; everyone else gets 404 on every route."""

    def check_permissions(self, request: Request) -> None:
        super().check_permissions(request)
        if not opens_intelligence(request.user, self.resource_permission()):
            raise Http404("Not found")


class RecordViewSet(
    IntelAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Criminal intelligence records (28 CFR Part 23) of the task forces the caller serves on
    (ICE program and oversight roles: all). Filters: `task_force`, `case_number`,
    `criminal_activity`, `status`, `entered_after`, `entered_before`, `review_before`. The
    list holds no subject or content; reading one record is recorded with the caller as its
    recipient. `POST` enters a record (refused without reasonable suspicion, a criminal
    activity, a source and its reliability, or the attestation); `validate` moves the review
    date; `release` records a release outside the task force."""

    filterset_class = RecordFilterSet
    queryset = IntelligenceRecord.objects.none()

    def get_serializer_class(self) -> Any:
        return RecordListSerializer if self.action == "list" else RecordSerializer

    def get_queryset(self) -> QuerySet[IntelligenceRecord]:
        return IntelligenceRecord.objects.restrict(self.request.user).select_related(
            "task_force", "submitted_by", "validated_by"
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        record = self.get_object()
        actions.view_record(request.user, record, form="api")
        return Response(RecordSerializer(record).data)

    @extend_schema(request=RecordCreateSerializer, responses={201: RecordSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not request.user.can("intelligence.add_intelligencerecord"):  # type: ignore[union-attr]
            raise Http404("Not found")
        form = RecordCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        task_force = TaskForce._base_manager.filter(pk=data.pop("task_force")).first()
        if task_force is None:
            raise Http404("Not found")
        record = actions.submit_record(request.user, task_force, **data)
        return Response(RecordSerializer(record).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ValidateSerializer, responses={200: RecordSerializer})
    @action(detail=True, methods=["post"])
    def validate(self, request: Request, pk: str | None = None) -> Response:
        record = self.get_object()
        form = ValidateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        actions.validate_record(request.user, record, form.validated_data["reason"])
        return Response(RecordSerializer(record).data)

    @extend_schema(request=ReleaseCreateSerializer, responses={201: ReleaseSerializer})
    @action(detail=True, methods=["post"])
    def release(self, request: Request, pk: str | None = None) -> Response:
        record = self.get_object()
        form = ReleaseCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        release = actions.release_record(request.user, record, **form.validated_data)
        return Response(ReleaseSerializer(release).data, status=status.HTTP_201_CREATED)


class ReleaseViewSet(
    IntelAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The release log: every release of a record outside its task force, newest first
    (`task_force`, `recipient_agency`, `released_after`, `released_before`)."""

    serializer_class = ReleaseSerializer
    filterset_class = ReleaseFilterSet
    queryset = Release.objects.none()

    def get_queryset(self) -> QuerySet[Release]:
        return Release.objects.restrict(self.request.user).select_related("record", "released_by")
