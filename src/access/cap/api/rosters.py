"""The rosters API: send a roster to a facility (JSON rows or the file), read rosters.

``POST /api/cap/facilities/{id}/rosters/`` with a JSON list of objects keyed by the roster's
column names, or multipart with ``file``; ``as_of`` (ISO date-time) as a query parameter or a
multipart field. ``201`` with the roster, ``200`` with ``duplicate: true`` when the same content
was already received, ``400 invalid`` with ``fields.rows`` (each ``{row, column, message}``)
when anything is wrong, and nothing is stored.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from access.cap import rosters
from access.cap.actions import rosters as actions
from access.cap.choices import RosterSource
from access.cap.models import CapFacility, Roster
from access.core.api.parsers import BoundedJSONParser
from access.core.api.views import ScopedAPIMixin


class RosterSerializer(serializers.ModelSerializer):
    facility_name = serializers.CharField(source="facility.facility.name", read_only=True)
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Roster
        fields = [
            "id",
            "facility",
            "facility_name",
            "as_of",
            "source",
            "filename",
            "content_hash",
            "status",
            "row_count",
            "booked_in",
            "released",
            "progress",
            "created_at",
        ]
        read_only_fields = fields

    def get_progress(self, roster: Roster) -> dict[str, int]:
        return {
            "done": roster.progress_done,
            "total": roster.progress_total,
            "percent": roster.percent,
        }


class ReceivedRosterSerializer(RosterSerializer):
    duplicate = serializers.BooleanField(read_only=True)

    class Meta(RosterSerializer.Meta):
        fields = [*RosterSerializer.Meta.fields, "duplicate"]
        read_only_fields = fields


class RosterFileSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="The roster as CSV or XLSX.")
    as_of = serializers.DateTimeField(required=False, help_text="When the jail produced it.")


class RosterViewSet(
    ScopedAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Rosters of the facilities you may see (a CAP officer: their team's), newest first."""

    serializer_class = RosterSerializer
    queryset = Roster.objects.none()

    def get_queryset(self) -> QuerySet[Roster]:
        return Roster.objects.restrict(self.request.user).select_related("facility__facility")


def _refused(refused: rosters.RosterRefused) -> exceptions.ValidationError:
    rows: Any = [dict(error) for error in refused.row_errors]
    return exceptions.ValidationError({"non_field_errors": [str(refused)], "rows": rows})


class FacilityRostersView(ScopedAPIMixin, APIView):
    """Send one roster to a facility your team covers."""

    permission = "cap.add_roster"
    queryset = Roster.objects.none()
    parser_classes = [BoundedJSONParser, MultiPartParser]

    @extend_schema(
        operation_id="cap_facility_rosters_create",
        parameters=[
            OpenApiParameter("id", int, OpenApiParameter.PATH),
            OpenApiParameter("as_of", str, description="ISO date-time of the snapshot."),
        ],
        request={
            "application/json": {"type": "array", "items": {"type": "object"}},
            "multipart/form-data": RosterFileSerializer,
        },
        responses={
            201: ReceivedRosterSerializer,
            200: OpenApiResponse(ReceivedRosterSerializer, description="Already received."),
        },
    )
    def post(self, request: Request, id: int) -> Response:
        facility = CapFacility.objects.restrict(request.user).filter(pk=id).first()
        if facility is None:
            raise Http404("Not found")
        raw_as_of = request.query_params.get("as_of", "")
        kwargs: dict[str, Any] = {"source": RosterSource.API}
        if request.content_type.startswith("multipart/"):
            form = RosterFileSerializer(data=request.data)
            form.is_valid(raise_exception=True)
            upload = form.validated_data["file"]
            if upload.size > rosters.MAX_BYTES:
                raise exceptions.ValidationError({"file": ["The file is larger than 10 MB."]})
            kwargs.update(data=upload.read(), filename=upload.name)
            as_of = form.validated_data.get("as_of")
        else:
            if not isinstance(request.data, list):
                raise exceptions.ValidationError(
                    {"non_field_errors": ["Send a JSON list of objects, one a booking."]}
                )
            kwargs["rows"] = request.data
            as_of = None
        if raw_as_of:
            as_of = _as_of(raw_as_of)
        try:
            roster, created = actions.receive_roster(request.user, facility, as_of=as_of, **kwargs)
        except actions.RosterRefused as refused:
            raise _refused(refused) from refused
        except PermissionDenied as denied:
            raise Http404("Not found") from denied
        body = {**RosterSerializer(roster).data, "duplicate": not created}
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


def _as_of(raw: str) -> Any:
    try:
        moment = parse_datetime(raw)
    except ValueError:
        moment = None
    if moment is None:
        raise exceptions.ValidationError({"as_of": ["Give an ISO date-time."]})
    return moment
