"""``/api/inquiries/``: submit (fields, Nlets text or NIEM XML), read, answer, decide, IAR."""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from access.accounts.models import User
from access.core.api.views import ScopedAPIMixin
from access.inquiries import actions, niem, nlets
from access.inquiries.api.serializers import (
    CandidateSerializer,
    DecisionSerializer,
    DeterminationSerializer,
    InquirySerializer,
)
from access.inquiries.choices import Channel
from access.inquiries.message import LIMITS, InquiryData, InquiryInvalid, check
from access.inquiries.models import Inquiry, InquiryCandidate


def _user(request: Request) -> User:
    """Behind ``IsAuthenticated`` the user is always a ``User``."""
    return cast(User, request.user)


def _invalid(error: InquiryInvalid) -> exceptions.ValidationError:
    return exceptions.ValidationError(error.errors)


def read_submission(body: Any, default_ori: str) -> tuple[InquiryData, str, str]:
    """(inquiry, channel, raw message) from a JSON body: ``{"nlets": "IAQ..."}``,
    ``{"niem": "<NLETSInquiryData>..."}`` or the fields themselves (ORI defaults to yours)."""
    if not isinstance(body, dict):
        raise InquiryInvalid({"message": ["Send a JSON object."]})
    for key, channel, parse in (
        ("nlets", Channel.NLETS_TEXT, nlets.parse),
        ("niem", Channel.NIEM_XML, niem.parse),
    ):
        if key in body:
            raw = body[key]
            if not isinstance(raw, str):
                raise InquiryInvalid({key: ["The message must be a string."]})
            return parse(raw), channel, raw
    fields = {k: v for k, v in body.items() if isinstance(v, (str, bool, int)) or v is None}
    fields.setdefault("ori", default_ori)
    return check(fields), Channel.API, ""


SUBMISSION_SCHEMA = {
    "type": "object",
    "description": (
        'An IAQ as Nlets text (`{"nlets": "IAQ...."}`), as NIEM XML (`{"niem": "<...>"}`), '
        "or as fields (the ORI defaults to your agency's); see docs/inquiries.md."
    ),
    "properties": {
        "nlets": {"type": "string", "maxLength": nlets.MAX_LENGTH},
        "niem": {"type": "string", "maxLength": niem.MAX_BYTES},
        **{
            name: {"type": "string", "maxLength": limit, "description": label}
            for name, (label, limit) in LIMITS.items()
        },
        "date_of_birth": {"type": "string", "maxLength": 20},
        "in_custody": {"type": "boolean"},
        "claims_us_citizenship": {"type": "boolean"},
        "hit_confirmation": {"type": "boolean"},
    },
}


class InquiryViewSet(
    ScopedAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Inquiries in your scope; another agency's inquiry answers 404, and so does every route
    to a role without ``inquiries.view_inquiry`` (as the pages do)."""

    serializer_class = InquirySerializer
    queryset = Inquiry.objects.none()

    def get_queryset(self) -> QuerySet[Inquiry]:
        # The candidates of a whole page in one query (the serializer lists them per inquiry).
        candidates = Prefetch("candidates", InquiryCandidate.objects.select_related("record"))
        rows = (
            Inquiry.objects.restrict(self.request.user, "view")
            .order_by("-created_at")
            .prefetch_related(candidates)
        )
        params = self.request.query_params
        if params.get("citizenship_stop") in ("true", "1"):
            rows = rows.filter(citizenship_stop=True)
        if params.get("status"):
            rows = rows.filter(status=params["status"])
        return rows

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The caller's inquiries, a page at a time; the page shown is audited
        (``inquiry.list_viewed``, one event naming its inquiries)."""
        from access.inquiries import reads

        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        shown = list(page if page is not None else queryset)
        filters = {
            k: request.query_params.get(k, "") for k in ("status", "citizenship_stop", "page")
        }
        reads.view_inquiry_list(
            _user(request),
            shown,
            page="api:inquiries",
            filters={k: v for k, v in filters.items() if v},
        )
        body = self.get_serializer(shown, many=True).data
        return self.get_paginated_response(body) if page is not None else Response(body)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """One inquiry; reading it is audited (``inquiry.viewed``, form ``api``)."""
        from access.inquiries import reads  # the audited read (kept local: one-method edit)

        inquiry = self.get_object()
        body = self.get_serializer(inquiry).data
        shown = len(body["candidates"] or [])
        reads.view_inquiry(_user(request), inquiry, form="api", candidates_shown=shown)
        return Response(body)

    @extend_schema(
        request={"application/json": SUBMISSION_SCHEMA}, responses={201: InquirySerializer}
    )
    def create(self, request: Request) -> Response:
        user = _user(request)
        if not user.can("inquiries.add_inquiry") or user.agency is None:
            raise Http404("Not found")
        text = request.data.get("nlets") if isinstance(request.data, dict) else None
        try:
            if isinstance(text, str) and nlets.is_details_reply(text):
                # The agency's reply to LESC's request for a reason and case number.
                reply = nlets.parse_details(text)
                inquiry = actions.receive_details_reply(user, reply, text)
                answer: int = status.HTTP_200_OK
            else:
                data, channel, raw = read_submission(request.data, user.agency.ori)
                inquiry = actions.submit_inquiry(user, data, channel=channel, raw_message=raw)
                answer = status.HTTP_201_CREATED
        except InquiryInvalid as error:
            raise _invalid(error) from None
        body = InquirySerializer(inquiry, context=self.get_serializer_context()).data
        return Response(body, status=answer)

    @action(detail=True, methods=["get"], url_path=r"candidates/(?P<candidate_pk>[0-9]+)")
    def candidate(
        self, request: Request, pk: str | None = None, candidate_pk: str = ""
    ) -> Response:
        """One candidate beside the inquiry (analysts, supervisors); the view is audited."""
        inquiry = self.get_object()
        found = (
            InquiryCandidate.objects.filter(inquiry=inquiry, pk=int(candidate_pk))
            .select_related("record")
            .first()
        )
        if found is None:
            raise Http404("Not found")
        actions.view_candidate(_user(request), found)
        record = found.record
        return Response(
            {
                "candidate": CandidateSerializer(found).data,
                "record": {
                    "record_id": record.record_id,
                    "family_names": record.family_names,
                    "given_name": record.given_name,
                    "middle_name": record.middle_name,
                    "dates_of_birth": [b.recorded for b in record.birth_dates.all()],
                    "sex": record.sex,
                    "country_of_birth": record.country_of_birth,
                    "identifiers": {i.kind: i.normalized for i in record.identifiers.all()},
                    "citizenship": record.citizenship,
                },
            }
        )

    @action(detail=True, methods=["get"])
    def iar(self, request: Request, pk: str | None = None) -> Response:
        inquiry = self.get_object()
        response = actions.view_iar(request.user, inquiry, form="api")
        outbound = inquiry.outbound_messages.filter(kind="IAR").first()
        delivery = (
            {
                "channel": outbound.channel,
                "destination": outbound.destination,
                "status": outbound.status,
                "attempts": outbound.attempts,
                "sent_at": outbound.sent_at,
            }
            if outbound
            else None
        )
        return Response({**response.as_dict(), "text": response.text(), "delivery": delivery})

    @extend_schema(request=DeterminationSerializer, responses={200: InquirySerializer})
    @action(detail=True, methods=["post"])
    def determination(self, request: Request, pk: str | None = None) -> Response:
        inquiry = self.get_object()
        if not _user(request).can("inquiries.answer_inquiry"):
            raise Http404("Not found")
        form = DeterminationSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        candidate = None
        if data.get("candidate") is not None:
            candidate = InquiryCandidate.objects.filter(
                inquiry=inquiry, pk=data["candidate"]
            ).first()
            if candidate is None:
                raise exceptions.ValidationError(
                    {"candidate": ["Not a candidate of this inquiry."]}
                )
        try:
            actions.determine(
                request.user,
                inquiry,
                determination=data["determination"],
                evidence=list(data["evidence"]),
                notes=data["notes"],
                candidate=candidate,
            )
        except DjangoValidationError as error:
            raise exceptions.ValidationError({"non_field_errors": error.messages}) from None
        inquiry.refresh_from_db()
        return Response(InquirySerializer(inquiry, context=self.get_serializer_context()).data)

    @extend_schema(request=DecisionSerializer, responses={200: InquirySerializer})
    @action(detail=True, methods=["post"])
    def decision(self, request: Request, pk: str | None = None) -> Response:
        inquiry = self.get_object()
        if not _user(request).can("inquiries.decide_inquiry"):
            raise Http404("Not found")
        form = DecisionSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            actions.decide(request.user, inquiry, **form.validated_data)
        except DjangoValidationError as error:
            raise exceptions.ValidationError({"non_field_errors": error.messages}) from None
        inquiry.refresh_from_db()
        return Response(InquirySerializer(inquiry, context=self.get_serializer_context()).data)
