from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from access.accounts.models import User
from access.agencies.models import Agency
from access.complaints import actions
from access.complaints.api.serializers import (
    AssignSerializer,
    ComplaintSerializer,
    ResolveSerializer,
    StaffComplaintSerializer,
    SuspendSerializer,
)
from access.complaints.filtersets import ComplaintFilterSet
from access.complaints.models import Complaint
from access.core.api.views import ScopedAPIMixin
from access.officers.models import Officer


def _one(model: Any, field: str, **lookup: Any) -> Any:
    found = model.objects.filter(**lookup).first()
    if found is None:
        raise exceptions.ValidationError({field: ["Not found."]})
    return found


class ComplaintViewSet(
    ScopedAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Complaints for OPR and oversight; agencies see none (404). `POST` records a complaint
    received by phone, letter or in person; the public files through the public form.
    `assign`, `suspend` and `resolve` are OPR's steps, with the pages' rules."""

    serializer_class = ComplaintSerializer
    filterset_class = ComplaintFilterSet
    queryset = Complaint.objects.none()

    def get_queryset(self) -> QuerySet[Complaint]:
        return Complaint.objects.restrict(self.request.user, "view").select_related(
            "agency", "assigned_to"
        )

    def _investigable(self) -> Complaint:
        complaint = self.get_object()
        if (
            not Complaint.objects.restrict(self.request.user, "investigate")
            .filter(pk=complaint.pk)
            .exists()
        ):
            raise Http404("Not found")
        return complaint

    @extend_schema(request=StaffComplaintSerializer, responses={201: ComplaintSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user: Any = request.user
        if not user.can("complaints.add_complaint"):
            raise Http404("Not found")
        form = StaffComplaintSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        data["agency"] = _one(Agency, "agency", pk=data["agency"])
        if data.get("officer") is not None:
            data["officer"] = _one(Officer, "officer", pk=data["officer"])
        try:
            complaint = actions.file_by_staff(user, **data)
        except PermissionDenied as denied:
            raise Http404("Not found") from denied
        return Response(self.get_serializer(complaint).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AssignSerializer, responses={200: ComplaintSerializer})
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk: str | None = None) -> Response:
        complaint = self._investigable()
        form = AssignSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        investigator = _one(User, "investigator", username=form.validated_data["investigator"])
        officer_id = form.validated_data.get("officer")
        officer = _one(Officer, "officer", pk=officer_id) if officer_id is not None else None
        complaint = actions.assign(
            request.user, complaint, investigator=investigator, officer=officer
        )
        return Response(self.get_serializer(complaint).data)

    @extend_schema(request=SuspendSerializer, responses={200: ComplaintSerializer})
    @action(detail=True, methods=["post"])
    def suspend(self, request: Request, pk: str | None = None) -> Response:
        complaint = self._investigable()
        form = SuspendSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        complaint = actions.suspend_officer(request.user, complaint, **form.validated_data)
        return Response(self.get_serializer(complaint).data)

    @extend_schema(request=ResolveSerializer, responses={200: ComplaintSerializer})
    @action(detail=True, methods=["post"])
    def resolve(self, request: Request, pk: str | None = None) -> Response:
        complaint = self._investigable()
        form = ResolveSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        complaint = actions.resolve(request.user, complaint, **form.validated_data)
        return Response(self.get_serializer(complaint).data)
