from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from access.site.navigation import menu_for


def shell(request: HttpRequest) -> dict[str, Any]:
    # Computed once per request: every template rendered with the request (a table rendered by
    # django-tables2, an included partial) runs the context processors again.
    cached: dict[str, Any] | None = getattr(request, "_access_shell", None)
    if cached is not None:
        return cached
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated and user.is_verified())
    cached = {
        "signed_in": signed_in,
        "menu": menu_for(user, request.path) if signed_in else [],
        "request_id": getattr(request, "request_id", ""),
    }
    request._access_shell = cached  # type: ignore[attr-defined]
    return cached
