"""Navigation by role: a link appears only when the user holds its permission; links are
grouped under a few headings (USWDS dropdown menus) so that every role's menu fits on one line
at 1280 px with Sign out in view."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from access.intelligence.membership import opens_intelligence

MENU = [
    ("Home", "site:home", None),
    ("Requests", "partnerships:list", "partnerships.view_accessrequest"),
    ("Agreements", "agreements:list", "agreements.view_agreement"),
    ("Officers", "officers:list", "officers.view_officer"),
    ("My record", "officers:mine", "officers.view_own_officer"),
    ("Training classes", "officers:class_list", "officers.view_officer"),
    ("Detainers", "detention:list", "detention.view_detainer"),
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
    ("Encounters", "enforcement:list", "enforcement.view_encounter"),
    ("Encounter citizenship stops", "enforcement:stops", "enforcement.decide_encounter"),
    ("Enforcement funnel", "enforcement:funnel", "enforcement.view_encounter"),
    ("CAP referral queue", "cap:queue", "cap.review_screeningcandidate"),
    # Criminal intelligence opens to task-force members only, not to every holder of the grant.
    ("Criminal intelligence", "intelligence:list", opens_intelligence),
    ("CAP facilities", "cap:facilities", "cap.view_capfacility"),
    ("Screening citizenship stops", "cap:stops", "cap.decide_screeningcandidate"),
    ("Task forces", "taskforces:list", "taskforces.view_taskforce"),
    ("Task-force operations", "taskforces:operations", "taskforces.view_operation"),
    ("Agencies", "agencies:list", "agencies.view_agency"),
    ("287(g) public list", "agencies:publiclist", "agencies.view_publishedsnapshot"),
    ("Audit trail", "audit:list", "audit.view_auditevent"),
    ("Complaints", "complaints:list", "complaints.view_complaint"),
    ("Matching model", "records:model_versions", "records.view_matchmodelversion"),
    ("Accounts", "accounts:user_list", "accounts.view_user"),
    ("API", "api-docs", None),
    ("Your account", "accounts:profile", None),
]

# Which heading each link sits under, by URL name, in the order the headings are shown. A link
# named in no group stands on its own; a group with one visible link shows as that link alone.
# Names of pages other parts of the program link from their menus are listed ahead of time.
GROUPS = [
    (
        "Partnerships",
        [
            "partnerships:list",
            "partnerships:settings",
            "agreements:list",
            "officers:list",
            "officers:mine",
            "officers:class_list",
        ],
    ),
    (
        "Inquiries",
        [
            "inquiries:list",
            "inquiries:queue",
            "inquiries:stops",
            "inquiries:cases",
            "outbox:list",
        ],
    ),
    (
        "Oversight",
        [
            "inquiries:misuse_flags",
            "inquiries:misuse_rules",
            "audit:list",
            "audit:review",
            "complaints:list",
            "records:model_versions",
            "accounts:user_list",
        ],
    ),
    (
        "Enforcement",
        [
            "enforcement:list",
            "detention:list",
            "enforcement:stops",
            "enforcement:funnel",
            "intelligence:list",
            "taskforces:list",
            "taskforces:operations",
        ],
    ),
    ("Jail screening", ["cap:queue", "cap:facilities", "cap:stops"]),
    ("Agencies", ["agencies:list", "agencies:publiclist"]),
    ("Your account", ["accounts:profile", "api-docs"]),
]
_GROUP_OF = {name: heading for heading, names in GROUPS for name in names}
_GROUP_ORDER = dict(GROUPS)


def menu_for(user: Any, path: str) -> list[dict[str, Any]]:
    """The top-level entries: each is a link (``url``) or a group (``children``, each a link);
    ``current`` marks the page's own link and the group holding it."""
    links: list[dict[str, Any]] = [
        {"label": label, "name": name, "url": reverse(name), "current": False}
        for label, name, permission in MENU
        if not permission or (permission(user) if callable(permission) else user.can(permission))
    ]
    # The longest matching prefix is the current section ("/" only matches itself).
    matches = [
        i for i in links if path == i["url"] or (i["url"] != "/" and path.startswith(i["url"]))
    ]
    if matches:
        max(matches, key=lambda i: len(i["url"]))["current"] = True

    grouped: dict[str, list[dict[str, Any]]] = {}
    entries: list[dict[str, Any]] = []
    for link in links:
        heading = _GROUP_OF.get(link["name"])
        if heading is None:
            entries.append(link)
            continue
        if heading not in grouped:
            grouped[heading] = []
            entries.append({"label": heading, "children": grouped[heading]})
        grouped[heading].append(link)
    items = []
    for entry in entries:
        children = entry.get("children")
        if children is None:
            items.append(entry)
        elif len(children) == 1:
            items.append(children[0])
        else:
            order = _GROUP_ORDER[entry["label"]]
            children.sort(key=lambda link: order.index(link["name"]))
            entry["current"] = any(link["current"] for link in children)
            entry["id"] = "nav-" + entry["label"].lower().replace(" ", "-")
            items.append(entry)
    return items
