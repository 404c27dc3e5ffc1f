"""The request type of views above the accounts app: its user is an ``accounts.User``.

(Apps below accounts use ``core.typing.AuthedRequest``, whose user is the ``ProgramUser``
protocol, so that they need not import this app.)"""

from __future__ import annotations

from django.http import HttpRequest

from access.accounts.models import User


class AuthedRequest(HttpRequest):
    """An ``HttpRequest`` whose user passed password and MFA (deny-by-default middleware)."""

    user: User
