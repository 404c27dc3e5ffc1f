"""Issue and revoke API tokens. Only an MFA-verified session may obtain one."""

from __future__ import annotations

from typing import cast

from drf_spectacular.utils import extend_schema, inline_serializer
from knox.models import AuthToken
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from access.accounts import actions
from access.accounts.api.authentication import VerifiedSessionAuthentication
from access.accounts.models import User


class TokenLimit(APIException):
    """The user already holds the most live tokens allowed (409, code ``token_limit``)."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "token_limit"
    default_detail = "You already hold the most live API tokens allowed."


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Shown once. Send as `Authorization: Token <token>`.")
    expiry = serializers.DateTimeField()


class TokenCreateView(APIView):
    """Issue a token for the signed-in, MFA-verified browser session."""

    authentication_classes = [VerifiedSessionAuthentication]

    @extend_schema(
        request=None,
        responses={201: TokenSerializer, 409: None},
        summary="Issue an API token",
        description="Refused with 409 (`token_limit`) while the user holds five live tokens.",
    )
    def post(self, request: Request) -> Response:
        try:
            instance, token = actions.issue_token(cast(User, request.user))
        except actions.TokenLimitReached as refused:
            raise TokenLimit(refused.messages[0]) from None
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
        current = request.auth if isinstance(request.auth, AuthToken) else None
        actions.revoke_tokens(cast(User, request.user), current=current, everything=revoke_all)
        return Response(status=status.HTTP_204_NO_CONTENT)
