from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import mixins, viewsets
from rest_framework.exceptions import NotFound

from access.agencies import actions
from access.agencies.api.serializers import AgencySerializer
from access.agencies.filtersets import AgencyFilterSet
from access.agencies.models import Agency
from access.core.api.views import ScopedAPIMixin


class AgencyViewSet(
    ScopedAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Agencies in the caller's scope. Out-of-scope agencies answer 404."""

    serializer_class = AgencySerializer
    filterset_class = AgencyFilterSet
    queryset = Agency.objects.none()

    def _action(self) -> str:
        return {"create": "add", "update": "change", "partial_update": "change"}.get(
            self.action or "", "view"
        )

    def get_queryset(self) -> QuerySet[Agency]:
        return Agency.objects.restrict(self.request.user, self._action()).prefetch_related(
            "facilities", "contacts"
        )

    def perform_create(self, serializer: Any) -> None:
        if not self.request.user.can("agencies.add_agency"):  # type: ignore[union-attr]
            raise NotFound()
        serializer.instance = actions.create_agency(self.request.user, **serializer.validated_data)

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = actions.update_agency(
            self.request.user, serializer.instance, **serializer.validated_data
        )
