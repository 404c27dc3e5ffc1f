"""The CAP API's facilities: the ones the caller's teams cover; `PATCH` changes settings."""

from __future__ import annotations

from typing import Any

from django.db.models import Max, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from access.cap.actions import facilities as actions
from access.cap.api.serializers import CapFacilityChangeSerializer, CapFacilitySerializer
from access.cap.filtersets import FacilityFilterSet
from access.cap.models import CapFacility
from access.core.api.views import ScopedAPIMixin


class FacilityViewSet(
    ScopedAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Facilities with their CAP settings (team, access hours, remote interviews, roster
    delivery and frequency, the saved column mapping). `PATCH` changes the settings a CAP
    officer keeps, for a facility their team covers (audited with before and after)."""

    serializer_class = CapFacilitySerializer
    filterset_class = FacilityFilterSet
    queryset = CapFacility.objects.none()
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet:
        return (
            CapFacility.objects.restrict(self.request.user)
            .select_related("facility__agency", "team")
            .annotate(last_roster_at=Max("rosters__as_of"))
        )

    @extend_schema(request=CapFacilityChangeSerializer, responses={200: CapFacilitySerializer})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        facility = self.get_object()
        form = CapFacilityChangeSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        actions.change_facility(request.user, facility, **form.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=facility.pk)).data)
