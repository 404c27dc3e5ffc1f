from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from access.officers import actions, authority
from access.officers.api.serializers import (
    DecisionSerializer,
    NominationSerializer,
    OfficerSerializer,
)
from access.officers.filtersets import OfficerFilterSet
from access.officers.forms import agreements_for
from access.officers.models import Officer


class OfficerViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Officers in the caller's scope. Out-of-scope officers answer 404. ``POST`` nominates
    (the same rules as the nomination page); ``authority`` answers the authority check."""

    serializer_class = OfficerSerializer
    filterset_class = OfficerFilterSet
    queryset = Officer.objects.none()

    def get_queryset(self) -> QuerySet[Officer]:
        return (
            Officer.objects.restrict(self.request.user, "view")
            .select_related(
                "agency", "agreement__partnership_type", "supervisor", "background_check"
            )
            .prefetch_related("exams__course", "authorizations__supervisor")
        )

    @extend_schema(request=NominationSerializer, responses={201: OfficerSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user: Any = request.user
        if not user.can("officers.add_officer"):
            raise Http404("Not found")
        form = NominationSerializer(data=request.data)
        form.fields["agreement"].queryset = agreements_for(user)  # type: ignore[attr-defined]
        form.is_valid(raise_exception=True)
        try:
            officer = actions.nominate(user, **form.validated_data)
        except PermissionDenied as denied:
            raise Http404("Not found") from denied
        return Response(self.get_serializer(officer).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[
            OpenApiParameter("function", str, required=True, description="A function code."),
            OpenApiParameter("on", str, description="ISO date and time; now by default."),
        ],
        responses={200: DecisionSerializer},
    )
    @action(detail=True, methods=["get"])
    def authority(self, request: Request, pk: str | None = None) -> Response:
        """Allowed or denied, with every reason, for this officer and function at ``on``."""
        officer = self.get_object()
        function = request.query_params.get("function", "")
        on = request.query_params.get("on", "")
        when = parse_datetime(on) if on else None
        if on and when is None:
            raise exceptions.ValidationError(
                {"on": ["An ISO date and time, e.g. 2026-05-01T10:00Z."]}
            )
        try:
            decision = authority.check(officer, function, when=when)
        except authority.UnknownFunction:
            raise exceptions.ValidationError(
                {"function": [f"Unknown function {function!r}."]}
            ) from None
        return Response(DecisionSerializer(decision.as_dict()).data)
