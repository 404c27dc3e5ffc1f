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
    DecideSerializer,
    EncounterInputSerializer,
    EncounterSerializer,
    NotIdentifiedSerializer,
    RemovalInputSerializer,
    ReportCitizenshipSerializer,
    StepInputSerializer,
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
    supervisor) identify a candidate; a name-only match is refused. Every other step of the
    pages has its action: `not-identified` and `steps` (the officer), `citizenship` (anyone
    working the encounter), `decide` and `removal` (an ICE supervisor), `search` (the
    officer, while no model was active). A caller without the step's grant gets 404 and
    nothing changes; a refused step answers 400 with every reason."""

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
        # Scope "team" (CAP officers) records encounters only from CAP screening.
        if user.grant_scope("enforcement.add_encounter") not in ("agency", "all"):
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

    def _answer(self, encounter: Encounter, http_status: int = status.HTTP_200_OK) -> Response:
        encounter = self.get_queryset().get(pk=encounter.pk)
        return Response(
            EncounterSerializer(encounter, context=self._context(encounter)).data,
            status=http_status,
        )

    @extend_schema(request=NotIdentifiedSerializer, responses={200: EncounterSerializer})
    @action(detail=True, methods=["post"], url_path="not-identified")
    def not_identified(self, request: Request, pk: str | None = None) -> Response:
        """The officer finds that no candidate is the subject."""
        encounter = self.get_object()
        form = NotIdentifiedSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        actions.not_identified(request.user, encounter, notes=form.validated_data["notes"])
        return self._answer(encounter)

    @extend_schema(request=ReportCitizenshipSerializer, responses={200: EncounterSerializer})
    @action(detail=True, methods=["post"], url_path="citizenship")
    def report_citizenship(self, request: Request, pk: str | None = None) -> Response:
        """A claim or evidence of U.S. citizenship: the workflow stops for a supervisor."""
        encounter = self.get_object()
        form = ReportCitizenshipSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        actions.report_citizenship(
            request.user, encounter, claimed=data["claimed"], notes=data["notes"]
        )
        return self._answer(encounter)

    @extend_schema(request=DecideSerializer, responses={200: EncounterSerializer})
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        """The ICE supervisor's decision on a citizenship stop."""
        encounter = self.get_object()
        form = DecideSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        actions.decide(request.user, encounter, decision=data["decision"], notes=data["notes"])
        return self._answer(encounter)

    @extend_schema(request=StepInputSerializer, responses={201: EncounterSerializer})
    @action(detail=True, methods=["post"])
    def steps(self, request: Request, pk: str | None = None) -> Response:
        """A charging document, a referral to ICE or a warrant service, with its date."""
        encounter = self.get_object()
        form = StepInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        actions.record_step(request.user, encounter, **form.validated_data)
        return self._answer(encounter, status.HTTP_201_CREATED)

    @extend_schema(request=RemovalInputSerializer, responses={201: EncounterSerializer})
    @action(detail=True, methods=["post"])
    def removal(self, request: Request, pk: str | None = None) -> Response:
        """ICE records the subject's removal, with its date (the funnel's last step)."""
        encounter = self.get_object()
        form = RemovalInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        actions.record_removal(request.user, encounter, **form.validated_data)
        return self._answer(encounter, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: EncounterSerializer})
    @action(detail=True, methods=["post"])
    def search(self, request: Request, pk: str | None = None) -> Response:
        """Search again an encounter recorded while no matching model was active."""
        encounter = self.get_object()
        actions.search_again(request.user, encounter)
        return self._answer(encounter)
