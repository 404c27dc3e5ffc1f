"""Issue and revoke API tokens. Only an MFA-verified session may obtain one."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, inline_serializer
from knox.models import AuthToken
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from access.accounts.api.authentication import VerifiedSessionAuthentication
from access.audit import events


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Shown once. Send as `Authorization: Token <token>`.")
    expiry = serializers.DateTimeField()


class TokenCreateView(APIView):
    """Issue a token for the signed-in, MFA-verified browser session."""

    authentication_classes = [VerifiedSessionAuthentication]

    @extend_schema(request=None, responses={201: TokenSerializer}, summary="Issue an API token")
    def post(self, request: Request) -> Response:
        instance, token = AuthToken.objects.create(user=request.user)
        events.record(
            "api.token_issued",
            actor=request.user,
            object_type="knox.authtoken",
            object_id=instance.token_key,
            details={"expiry": instance.expiry},
        )
        return Response({"token": token, "expiry": instance.expiry}, status=status.HTTP_201_CREATED)


class TokenRevokeView(APIView):
    """Revoke the token used for this request (or, with ``all``, every token of the user)."""

    @extend_schema(
        request=inline_serializer("TokenRevoke", {"all": serializers.BooleanField(required=False)}),
        responses={204: None},
        summary="Revoke API tokens",
    )
    def post(self, request: Request) -> Response:
        revoke_all = bool(request.data.get("all")) if isinstance(request.data, dict) else False
        query: Any = AuthToken.objects.filter(user=request.user)
        if not revoke_all:
            if not isinstance(request.auth, AuthToken):
                query = query.none()
            else:
                query = query.filter(pk=request.auth.pk)
        count, _ = query.delete()
        events.record(
            "api.token_revoked",
            actor=request.user,
            object_type="knox.authtoken",
            details={"revoked": count, "all": revoke_all},
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
