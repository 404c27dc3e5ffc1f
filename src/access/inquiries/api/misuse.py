"""``/api/misuse/flags/`` and ``/api/misuse/rules/``: oversight reviews misuse flags and reads
the rules. Everyone else gets 404 on every route (deny by default), as on the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from access.core.api.views import ScopedAPIMixin
from access.inquiries import misuse
from access.inquiries.api.serializers import (
    FindingSerializer,
    MisuseFlagSerializer,
    MisuseRuleSerializer,
)
from access.inquiries.choices import FlagStatus, MisuseRuleKind
from access.inquiries.models import MisuseFlag, MisuseRule


def _choice(params: Any, name: str, values: list[str]) -> str:
    value = params.get(name, "")
    if value and value not in values:
        raise exceptions.ValidationError({name: [f"Use one of: {', '.join(values)}."]})
    return str(value)


class MisuseFlagViewSet(
    ScopedAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Misuse flags, open first. Filters: ``status`` (open, closed), ``kind`` (the rule's kind),
    ``agency`` (the inquiring agency's id). ``POST .../{id}/close/`` records the finding."""

    permission = "inquiries.review_misuseflag"
    required_scope = "all"
    serializer_class = MisuseFlagSerializer
    queryset = MisuseFlag.objects.none()

    def get_queryset(self) -> QuerySet[MisuseFlag]:
        rows = MisuseFlag.objects.restrict(self.request.user, "review").select_related(
            "rule", "inquiry", "inquiry__submitted_by", "closed_by"
        )
        params = self.request.query_params
        status = _choice(params, "status", FlagStatus.values())
        kind = _choice(params, "kind", MisuseRuleKind.values())
        agency = params.get("agency", "")
        if agency and not agency.isdigit():
            raise exceptions.ValidationError({"agency": ["An agency is named by its id."]})
        if status:
            rows = rows.filter(status=status)
        if kind:
            rows = rows.filter(rule__kind=kind)
        if agency:
            rows = rows.filter(inquiry__agency_id=int(agency))
        return rows.order_by("-status", "created_at", "pk")

    @extend_schema(request=FindingSerializer, responses={200: MisuseFlagSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        """Close the flag with a finding (no misuse, misuse: referred, training needed) and the
        reasons for it. A closed flag cannot be closed again."""
        flag = self.get_object()
        form = FindingSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            misuse.close_flag(
                request.user,
                flag,
                finding=form.validated_data["finding"],
                notes=form.validated_data["notes"],
            )
        except DjangoValidationError as error:
            raise exceptions.ValidationError({"non_field_errors": error.messages}) from None
        flag.refresh_from_db()
        return Response(self.get_serializer(flag).data)


class MisuseRuleViewSet(
    ScopedAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The misuse rules, active and retired (rules are never edited; see the rules page).
    Filters: ``active`` (true/false), ``kind``."""

    permission = "inquiries.configure_misuserule"
    required_scope = "all"
    serializer_class = MisuseRuleSerializer
    queryset = MisuseRule.objects.none()

    def get_queryset(self) -> QuerySet[MisuseRule]:
        rows = MisuseRule.objects.all()
        params = self.request.query_params
        kind = _choice(params, "kind", MisuseRuleKind.values())
        active = _choice(params, "active", ["true", "false"])
        if kind:
            rows = rows.filter(kind=kind)
        if active:
            rows = rows.filter(active=active == "true")
        return rows.order_by("kind", "pk")
