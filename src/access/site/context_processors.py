from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from access.site.navigation import menu_for


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated and user.is_verified())
    return {
        "signed_in": signed_in,
        "menu": menu_for(user, request.path) if signed_in else [],
        "request_id": getattr(request, "request_id", ""),
    }
