"""API authentication: expiring tokens (knox) and MFA-verified browser sessions."""

from __future__ import annotations

from typing import Any

from knox.auth import TokenAuthentication
from rest_framework.authentication import SessionAuthentication


class ExpiringTokenAuthentication(TokenAuthentication):
    """knox tokens: stored hashed, expire (REST_KNOX.TOKEN_TTL), revocable; the user's grants apply."""

    def authenticate_credentials(self, token: bytes) -> Any:
        user, auth_token = super().authenticate_credentials(token)
        return user, auth_token

    def authenticate_header(self, request: Any) -> str:
        return "Token"


class VerifiedSessionAuthentication(SessionAuthentication):
    """A browser session counts only after its second factor was verified."""

    def authenticate_header(self, request: Any) -> str:
        # A missing or unverified session is "not authenticated" (401), not "forbidden".
        return 'Session realm="ACCESS"'

    def authenticate(self, request: Any) -> Any:
        result = super().authenticate(request)
        if result is None:
            return None
        user = request._request.user
        if not user.is_verified():
            return None
        return result
