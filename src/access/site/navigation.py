"""Navigation by role: a link appears only when the user holds its permission."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

MENU = [
    ("Home", "site:home", None),
    ("Requests", "partnerships:list", "partnerships.view_accessrequest"),
    ("Agreements", "agreements:list", "agreements.view_agreement"),
    ("Officers", "officers:list", "officers.view_officer"),
    (
        "Recommendation settings",
        "partnerships:settings",
        "partnerships.configure_recommendation",
    ),
    ("Inquiries", "inquiries:list", "inquiries.view_inquiry"),
    ("Analyst queue", "inquiries:queue", "inquiries.answer_inquiry"),
    ("Citizenship stops", "inquiries:stops", "inquiries.decide_inquiry"),
    ("Misuse flags", "inquiries:misuse_flags", "inquiries.review_misuseflag"),
    ("Misuse rules", "inquiries:misuse_rules", "inquiries.configure_misuserule"),
    ("Case register", "inquiries:cases", "inquiries.view_agencycase"),
    ("Nlets outbox", "outbox:list", "messaging.view_outboundmessage"),
    ("Agencies", "agencies:list", "agencies.view_agency"),
    ("287(g) public list", "agencies:publiclist", "agencies.view_publishedsnapshot"),
    ("Audit trail", "audit:list", "audit.view_auditevent"),
    ("Matching model", "records:model_versions", "records.view_matchmodelversion"),
    ("Accounts", "accounts:user_list", "accounts.view_user"),
    ("API", "api-docs", None),
    ("Your account", "accounts:profile", None),
]


def menu_for(user: Any, path: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = [
        {"label": label, "url": reverse(name), "current": False}
        for label, name, permission in MENU
        if not permission or user.can(permission)
    ]
    # The longest matching prefix is the current section ("/" only matches itself).
    matches = [
        i for i in items if path == i["url"] or (i["url"] != "/" and path.startswith(i["url"]))
    ]
    if matches:
        max(matches, key=lambda i: len(i["url"]))["current"] = True
    return items
