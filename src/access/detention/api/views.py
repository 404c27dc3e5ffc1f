from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from access.agencies.models import Facility
from access.detention import actions
from access.detention.api.serializers import (
    DetainerSerializer,
    IssueSerializer,
    OutcomeSerializer,
    ReleaseSerializer,
)
from access.detention.filtersets import DetainerFilterSet
from access.detention.models import Detainer
from access.enforcement.models import Encounter


class DetainerViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Detainers in the caller's scope (out of scope: 404). `POST` issues one on an
    encounter (the same rules as the page); `release` starts the clock; `outcome` closes
    it with a reason."""

    serializer_class = DetainerSerializer
    filterset_class = DetainerFilterSet
    queryset = Detainer.objects.none()

    def get_queryset(self) -> QuerySet[Detainer]:
        return Detainer.objects.restrict(self.request.user, "view").select_related(
            "officer", "form"
        )

    @extend_schema(request=IssueSerializer, responses={201: DetainerSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user: Any = request.user
        if not user.can("detention.add_detainer"):
            raise Http404("Not found")
        form = IssueSerializer(data=request.data)
        encounters = Encounter.objects.restrict(user, "view")
        form.fields["encounter"].queryset = encounters  # type: ignore[attr-defined]
        form.fields["facility"].queryset = Facility.objects.filter(  # type: ignore[attr-defined]
            agency__in=encounters.values("agency")
        )
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        encounter = data.pop("encounter")
        try:
            detainer = actions.issue_detainer(user, encounter, **data)
        except PermissionDenied as denied:
            raise Http404("Not found") from denied
        return Response(self.get_serializer(detainer).data, status=status.HTTP_201_CREATED)

    def _resolvable(self) -> Detainer:
        detainer = self.get_object()
        if (
            not Detainer.objects.restrict(self.request.user, "resolve")
            .filter(pk=detainer.pk)
            .exists()
        ):
            raise Http404("Not found")
        return detainer

    @extend_schema(request=ReleaseSerializer, responses={200: DetainerSerializer})
    @action(detail=True, methods=["post"])
    def release(self, request: Request, pk: str | None = None) -> Response:
        """Record when the subject would otherwise be released: the hold clock starts."""
        detainer = self._resolvable()
        form = ReleaseSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        detainer = actions.record_release(request.user, detainer, form.validated_data["release_at"])
        return Response(self.get_serializer(detainer).data)

    @extend_schema(request=OutcomeSerializer, responses={200: DetainerSerializer})
    @action(detail=True, methods=["post"])
    def outcome(self, request: Request, pk: str | None = None) -> Response:
        """ICE assumed custody, released by the jail, lifted or declined, with a reason."""
        detainer = self._resolvable()
        form = OutcomeSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        detainer = actions.record_outcome(
            request.user, detainer, data["outcome"], data["reason"], at=data.get("at")
        )
        return Response(self.get_serializer(detainer).data)
