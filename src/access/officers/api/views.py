from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from access.core.api.views import ScopedAPIMixin
from access.officers import actions, authority
from access.officers.api.serializers import (
    AuthorizationDetailSerializer,
    AuthorizeRequestSerializer,
    BackgroundCheckRequestSerializer,
    DecisionSerializer,
    DisciplinaryReportSerializer,
    DisciplinaryRequestSerializer,
    ExamRequestSerializer,
    ExamSerializer,
    NominationSerializer,
    OfficerSerializer,
    ReasonSerializer,
    StepRequestSerializer,
    SupervisorRequestSerializer,
)
from access.officers.choices import OfficerStatus
from access.officers.filtersets import OfficerFilterSet
from access.officers.forms import agreements_for
from access.officers.models import Authorization, Officer


class OfficerViewSet(
    ScopedAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Officers in the caller's scope. Out-of-scope officers answer 404. `POST` nominates
    (the same rules as the nomination page); `authority` answers the authority check; the
    other `POST` routes record the steps after nomination through the page's actions.

    Each step needs the same grant as its page (`officers.<grant>_officer`): an officer out
    of that grant's scope, or a role without it, answers 404 and nothing changes."""

    permission = "officers.view_officer"

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
        """Allowed or denied, with every reason, for this officer and function at `on`."""
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

    # The steps after nomination ----------------------------------------------------------

    def _officer_for(self, grant: str) -> Officer:
        """The officer of the URL if the caller holds `grant` over it; 404 otherwise."""
        found = Officer.objects.restrict(self.request.user, grant).filter(pk=self.kwargs["pk"])
        officer = found.first()
        if officer is None:
            raise Http404("Not found")
        return officer

    def _run(self, grant: str, request_serializer: Any, run: Any) -> Officer:
        officer = self._officer_for(grant)
        form = request_serializer(data=self.request.data)
        form.is_valid(raise_exception=True)
        try:
            run(officer, dict(form.validated_data))
        except PermissionDenied as denied:
            raise Http404("Not found") from denied
        return self.get_queryset().get(pk=officer.pk)

    def _answer(self, officer: Officer, code: int = status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(officer).data, status=code)

    @extend_schema(request=BackgroundCheckRequestSerializer, responses={200: OfficerSerializer})
    @action(detail=True, methods=["post"], url_path="background-check")
    def background_check(self, request: Request, pk: str | None = None) -> Response:
        """ICE's background check: cleared or rejected, with a reason the agency sees."""
        user = request.user
        officer = self._run(
            "screen",
            BackgroundCheckRequestSerializer,
            lambda o, data: actions.record_background_check(user, o, **data),
        )
        return self._answer(officer)

    @extend_schema(request=ExamRequestSerializer, responses={201: ExamSerializer})
    @action(detail=True, methods=["post"])
    def exams(self, request: Request, pk: str | None = None) -> Response:
        """One exam result (course by code); the same rules as the exam page."""
        user = request.user
        done: list[Any] = []
        self._run(
            "train",
            ExamRequestSerializer,
            lambda o, data: done.append(actions.record_exam(user, o, **data)),
        )
        return Response(ExamSerializer(done[0]).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReasonSerializer, responses={200: OfficerSerializer})
    @action(detail=True, methods=["post"])
    def certify(self, request: Request, pk: str | None = None) -> Response:
        """The certificate of training, once the initial course is passed."""
        user = request.user
        officer = self._run(
            "train", ReasonSerializer, lambda o, data: actions.certify(user, o, **data)
        )
        return self._answer(officer)

    @extend_schema(request=AuthorizeRequestSerializer, responses={200: OfficerSerializer})
    @action(detail=True, methods=["post"])
    def authorize(self, request: Request, pk: str | None = None) -> Response:
        """Authorize a certified officer, or renew an authorized or expired one (as the page)."""
        user = request.user

        def run(officer: Officer, data: dict[str, Any]) -> None:
            if officer.status in (OfficerStatus.AUTHORIZED, OfficerStatus.LAPSED):
                actions.renew(user, officer, **data)
            else:
                actions.authorize(user, officer, **data)

        return self._answer(self._run("authorize", AuthorizeRequestSerializer, run))

    @extend_schema(request=SupervisorRequestSerializer, responses={200: OfficerSerializer})
    @action(detail=True, methods=["post"])
    def supervisor(self, request: Request, pk: str | None = None) -> Response:
        """A new current ICE supervisor (history kept)."""
        user = request.user
        officer = self._run(
            "supervise",
            SupervisorRequestSerializer,
            lambda o, data: actions.assign_supervisor(user, o, **data),
        )
        return self._answer(officer)

    @extend_schema(request=StepRequestSerializer, responses={200: OfficerSerializer})
    @action(detail=True, methods=["post"])
    def step(self, request: Request, pk: str | None = None) -> Response:
        """`suspend`, `reinstate`, `revoke`, `withdraw` or `lift_disqualification`,
        with a reason; each needs its own grant, as on the officer page."""
        form = StepRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        name = form.validated_data["step"]
        user = request.user
        officer = self._run(
            actions.STEPS[name][1],
            StepRequestSerializer,
            lambda o, data: actions.apply_step(user, o, name, reason=data["reason"]),
        )
        return self._answer(officer)

    @extend_schema(
        request=DisciplinaryRequestSerializer, responses={201: DisciplinaryReportSerializer}
    )
    @action(detail=True, methods=["post"], url_path="disciplinary-reports")
    def disciplinary_reports(self, request: Request, pk: str | None = None) -> Response:
        """The agency reports a new disciplinary event; an ICE reviewer acknowledges it."""
        user = request.user
        done: list[Any] = []
        self._run(
            "report",
            DisciplinaryRequestSerializer,
            lambda o, data: done.append(actions.report_disciplinary(user, o, **data)),
        )
        return Response(DisciplinaryReportSerializer(done[0]).data, status=status.HTTP_201_CREATED)


class AuthorizationViewSet(
    ScopedAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Authorization letters of the officers in your scope (read only); `?officer=ID`,
    `?in_force=true` filter them."""

    serializer_class = AuthorizationDetailSerializer
    queryset = Authorization.objects.none()
    permission = "officers.view_officer"
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Authorization]:
        visible = Officer.objects.restrict(self.request.user, "view")
        rows = (
            Authorization.objects.filter(officer__in=visible.values("pk"))
            .select_related("officer", "supervisor", "issued_by")
            .order_by("-valid_from", "-pk")
        )
        params = self.request.query_params
        officer = params.get("officer", "")
        if officer:
            if not officer.isdigit() or len(officer) > 12:
                raise exceptions.ValidationError({"officer": ["An officer id (a whole number)."]})
            rows = rows.filter(officer=int(officer))
        in_force = params.get("in_force", "")
        if in_force not in ("", "true", "false"):
            raise exceptions.ValidationError({"in_force": ["true or false."]})
        if in_force:
            today = timezone.localdate()
            current = rows.filter(
                ended_at__isnull=True, valid_from__lte=today, valid_until__gte=today
            )
            rows = current if in_force == "true" else rows.exclude(pk__in=current.values("pk"))
        return rows

    @extend_schema(
        parameters=[
            OpenApiParameter("officer", int, description="Only this officer's letters."),
            OpenApiParameter("in_force", bool, description="In force today (true) or not."),
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)
