"""Types for views that run behind the login middleware.

Core imports no other app, so the signed-in user is described by what core and the apps'
views ask of it (``accounts.User`` satisfies it), not by importing ``accounts``.
"""

from __future__ import annotations

from typing import Any, Protocol

from django.http import HttpRequest


class ProgramUser(Protocol):
    """The parts of ``accounts.User`` that scoping and views rely on."""

    pk: Any
    agency_id: int | None
    is_active: bool

    @property
    def is_authenticated(self) -> bool: ...

    @property
    def agency(self) -> Any: ...

    def can(self, permission: str) -> bool: ...

    def grant_scope(self, permission: str) -> str | None: ...

    def is_verified(self) -> bool: ...

    def get_username(self) -> str: ...


class AuthedRequest(HttpRequest):
    """An ``HttpRequest`` whose user passed password and MFA (deny-by-default middleware)."""

    user: ProgramUser  # type: ignore[assignment]
