"""Request types for views that run behind the login middleware."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from access.accounts.models import User


class AuthedRequest(HttpRequest):
    """An ``HttpRequest`` whose user passed password and MFA (deny-by-default middleware)."""

    user: User
