"""Refusals are audited centrally: the 403/404 handlers of the pages and the API's exception
handler call ``record_denial``, so no view has to remember to.

The event names the route template (``requests/<int:pk>/decision/``), never the path itself,
so it carries no person data from a URL; the actor and agency come from the signed-in user.
Unmatched URLs (``Resolver404``) are not denials and are not recorded, nor are anonymous
callers (they are sent to sign in, or answered 401, before any permission is checked).
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from access.core import auditlog

DENIED_EVENT = "access.denied"  # declared in access.audit.events (core imports no app)
_REGEX_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")


def _readable(route: str) -> str:
    """``^agreements/(?P<pk>[0-9]+)/$`` (the API router's regex) as ``agreements/<pk>/``."""
    return _REGEX_GROUP.sub(r"<\1>", route).replace("^", "").replace("$", "")


def record_denial(request: HttpRequest, status: int, user: Any = None, api: bool = False) -> None:
    if not getattr(settings, "ACCESS_AUDIT_DENIALS", True):
        return
    user = user if user is not None else getattr(request, "user", None)
    if user is None or not getattr(user, "is_authenticated", False):
        return
    match = request.resolver_match
    if match is None:
        return
    route = _readable(match.route or "")
    auditlog.record(
        DENIED_EVENT,
        actor=user,
        object_type="route",
        object_repr=f"{request.method} /{route}"[:300],
        outcome="denied",
        details={
            "status": status,
            "method": request.method,
            "route": f"/{route}",
            "view": match.view_name,
            "interface": "api" if api else "page",
        },
    )
