from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import mixins, viewsets

from access.agreements.api.serializers import AgreementSerializer
from access.agreements.filtersets import AgreementFilterSet
from access.agreements.models import Agreement
from access.core.api.views import ScopedAPIMixin


class AgreementViewSet(
    ScopedAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Agreements in the caller's scope (read-only). Out-of-scope agreements answer 404."""

    serializer_class = AgreementSerializer
    filterset_class = AgreementFilterSet
    queryset = Agreement.objects.none()

    def get_queryset(self) -> QuerySet[Agreement]:
        return (
            Agreement.objects.restrict(self.request.user, "view")
            .select_related("agency", "partnership_type")
            .prefetch_related("versions", "signatures")
        )
