from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from access.core.api.views import ScopedAPIMixin
from access.enforcement import actions
from access.enforcement.actions import ChargeInput, EncounterInput
from access.enforcement.api.serializers import (
    ConfirmSerializer,
    EncounterInputSerializer,
    EncounterSerializer,
    VerifySerializer,
)
from access.enforcement.filtersets import EncounterFilterSet
from access.enforcement.models import Encounter


class EncounterViewSet(
    ScopedAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Encounters in the caller's scope; another agency's answers 404. `POST` records one
    (the signed-in officer; the same rules as the page: refused with every reason of the
    authority check, nothing stored). `verify` (the officer) and `confirm` (an ICE
    supervisor) identify a candidate; a name-only match is refused."""

    serializer_class = EncounterSerializer
    filterset_class = EncounterFilterSet
    queryset = Encounter.objects.none()

    def get_queryset(self) -> QuerySet[Encounter]:
        return (
            Encounter.objects.restrict(self.request.user, "view")
            .select_related(
                "agency", "partnership_type", "officer", "facility", "identified_record"
            )
            .prefetch_related("charges__offense_category", "verifications__verified_by")
        )

    def _context(self, encounter: Encounter) -> dict[str, Any]:
        user: Any = self.request.user
        shown = actions.may(user, encounter, "verify", "confirm", "decide")
        return {**self.get_serializer_context(), "show_candidates": shown}

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        encounter = self.get_object()
        actions.view_encounter(request.user, encounter, form="api")
        return Response(EncounterSerializer(encounter, context=self._context(encounter)).data)

    @extend_schema(request=EncounterInputSerializer, responses={201: EncounterSerializer})
    def create(self, request: Request) -> Response:
        user: Any = request.user
        if not user.can("enforcement.add_encounter"):
            raise Http404("Not found")
        form = EncounterInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        charges = [ChargeInput(**c) for c in data.pop("charges")]
        data["facility_id"] = data.pop("facility")
        encounter = actions.record_encounter(user, EncounterInput(**data, charges=charges))
        encounter = self.get_queryset().get(pk=encounter.pk)
        return Response(
            EncounterSerializer(encounter, context=self._context(encounter)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=VerifySerializer, responses={200: EncounterSerializer})
    @action(detail=True, methods=["post"])
    def verify(self, request: Request, pk: str | None = None) -> Response:
        encounter = self.get_object()
        form = VerifySerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        candidate = encounter.candidates.filter(pk=data["candidate"]).first()
        if candidate is None:
            raise exceptions.ValidationError({"candidate": ["Not a candidate of this encounter."]})
        actions.verify(
            request.user,
            encounter,
            candidate,
            fields_checked=list(data["fields_checked"]),
            notes=data["notes"],
        )
        encounter = self.get_queryset().get(pk=encounter.pk)
        return Response(EncounterSerializer(encounter, context=self._context(encounter)).data)

    @extend_schema(request=ConfirmSerializer, responses={200: EncounterSerializer})
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, pk: str | None = None) -> Response:
        encounter = self.get_object()
        form = ConfirmSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        actions.confirm(
            request.user,
            encounter,
            fields_checked=list(data["fields_checked"]),
            notes=data["notes"],
        )
        encounter = self.get_queryset().get(pk=encounter.pk)
        return Response(EncounterSerializer(encounter, context=self._context(encounter)).data)

    @extend_schema(responses={200: EncounterSerializer})
    @action(detail=True, methods=["post"], url_path="candidates/(?P<candidate_pk>[0-9]+)/view")
    def view_candidate(
        self, request: Request, pk: str | None = None, candidate_pk: str | None = None
    ) -> Response:
        """Record that the caller compared a candidate (required before verifying); logged."""
        encounter = self.get_object()
        candidate = encounter.candidates.filter(pk=candidate_pk).first()
        if candidate is None:
            raise Http404("Not found")
        actions.view_candidate(request.user, candidate)
        return Response(EncounterSerializer(encounter, context=self._context(encounter)).data)
