"""The task-force API: `GET` lists and shows the task forces the caller may see (agencies:
those they take part in; ICE members: their own); `POST` opens one (program staff);
`members` lists and adds members (program staff and the task force's ICE lead);
`operations` lists its operations with targets and outcomes (whoever may see the task force
and its operations)."""

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
from access.partnerships.models import PartnershipType
from access.taskforces.actions import charter as actions
from access.taskforces.actions import members as member_actions
from access.taskforces.actions.common import may_manage
from access.taskforces.api.serializers import (
    MemberCreateSerializer,
    MemberSerializer,
    OperationSerializer,
    TaskForceCreateSerializer,
    TaskForceSerializer,
)
from access.taskforces.filtersets import TaskForceFilterSet
from access.taskforces.models import Operation, TaskForce


class TaskForceViewSet(
    ScopedAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = TaskForceSerializer
    filterset_class = TaskForceFilterSet
    queryset = TaskForce.objects.none()

    def get_queryset(self) -> QuerySet[TaskForce]:
        return (
            TaskForce.objects.restrict(self.request.user)
            .select_related("partnership_type", "lead_agency")
            .prefetch_related("participations__agency", "objectives")
        )

    def _answer(self, task_force: TaskForce, code: int = status.HTTP_200_OK) -> Response:
        return Response(
            self.get_serializer(self.get_queryset().get(pk=task_force.pk)).data, status=code
        )

    @extend_schema(request=TaskForceCreateSerializer, responses={201: TaskForceSerializer})
    def create(self, request: Request) -> Response:
        if request.user.grant_scope("taskforces.add_taskforce") != "all":  # type: ignore[union-attr]
            raise Http404("Not found")
        form = TaskForceCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(form.validated_data)
        charter = actions.Charter(
            **{
                **data,
                "partnership_type": PartnershipType.objects.get(code=data["partnership_type"]),
                "agencies": list(data.get("agencies", [])),
                "objectives": [(o["objective"], o["measure"]) for o in data.get("objectives", [])],
            }
        )
        task_force = actions.open_task_force(request.user, charter)
        return self._answer(task_force, status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], request=None, responses={200: MemberSerializer(many=True)})
    @extend_schema(
        methods=["POST"], request=MemberCreateSerializer, responses={201: MemberSerializer}
    )
    @action(detail=True, methods=["get", "post"])
    def members(self, request: Request, pk: str | None = None) -> Response:
        task_force = self.get_object()
        if request.method == "GET":
            rows = task_force.members.select_related("officer", "user").order_by("role", "pk")
            return Response(MemberSerializer(rows, many=True).data)
        if not may_manage(request.user, task_force):
            raise Http404("Not found")
        form = MemberCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        member = member_actions.add_member(request.user, task_force, **form.validated_data)
        return Response(MemberSerializer(member).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: OperationSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def operations(self, request: Request, pk: str | None = None) -> Response:
        task_force = self.get_object()
        rows = (
            Operation.objects.restrict(request.user)
            .filter(task_force=task_force)
            .prefetch_related("targets", "participants", "arrest_counts")
            .order_by("-starts_on", "pk")
        )
        return Response(OperationSerializer(rows, many=True).data)
