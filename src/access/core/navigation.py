"""Navigation by role: a link appears only when the user holds its permission."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

MENU = [
    ("Home", "core:home", None),
    ("Agencies", "agencies:list", "agencies.view_agency"),
    ("Audit trail", "audit:list", "audit.view_auditevent"),
    ("Accounts", "accounts:user_list", "accounts.view_user"),
    ("API", "api-docs", None),
]


def menu_for(user: Any, path: str) -> list[dict[str, Any]]:
    items = []
    for label, name, permission in MENU:
        if permission and not user.can(permission):
            continue
        url = reverse(name)
        current = path == url if url == "/" else path.startswith(url)
        items.append({"label": label, "url": url, "current": current})
    return items
