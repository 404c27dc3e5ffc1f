"""Seed reference data: each model's functions and its courses (DOMAIN.md section 3).

Configuration, not code: a change is a new row with a later ``effective_from`` (and the old
row closed with ``effective_until``), added by a data migration that calls ``seed``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

# (partnership type code, function code, name, effective from, effective until)
FUNCTIONS: list[tuple[str, str, str, date, date | None]] = [
    (
        "287g_jem",
        "interview",
        "Interview people about their immigration status",
        date(2006, 1, 1),
        None,
    ),
    (
        "287g_jem",
        "process",
        "Process for removal (charging documents, records, fingerprints)",
        date(2006, 1, 1),
        None,
    ),
    ("287g_jem", "detainer", "Issue immigration detainers", date(2006, 1, 1), None),
    ("287g_jem", "serve_warrant", "Serve ICE administrative warrants", date(2006, 1, 1), None),
    ("287g_jem", "transport", "Detain and transport to ICE custody", date(2006, 1, 1), None),
    (
        "287g_tfm",
        "interview",
        "Interview people about their immigration status",
        date(2006, 1, 1),
        None,
    ),
    (
        "287g_tfm",
        "arrest",
        "Arrest without a warrant for immigration violations",
        date(2006, 1, 1),
        None,
    ),
    ("287g_tfm", "serve_warrant", "Serve ICE administrative warrants", date(2006, 1, 1), None),
    (
        "287g_tfm",
        "process",
        "Process for removal (charging documents, records, fingerprints)",
        date(2006, 1, 1),
        None,
    ),
    ("287g_tfm", "transport", "Detain and transport to ICE custody", date(2006, 1, 1), None),
    # WSO: administrative warrants in the agency's jail only; no interviews, no detainers.
    ("287g_wso", "serve_warrant", "Serve ICE administrative warrants", date(2019, 5, 1), None),
    # CAP: ICE officers screening a jail interview and issue detainers; recorded here so the
    # one authority check (agreement in force, certified, authorized, trained, supervised)
    # applies to them as to every officer who records an encounter or issues a detainer.
    (
        "cap_team",
        "interview",
        "Interview people about their immigration status",
        date(2006, 1, 1),
        None,
    ),
    ("cap_team", "detainer", "Issue immigration detainers", date(2006, 1, 1), None),
    ("lesc_training", "lesc_query", "Query LESC about immigration status", date(2006, 1, 1), None),
]

# code, partnership type, name, kind, delivery, hours, pass mark, retakes, months, from, until
COURSES: list[dict[str, Any]] = [
    {
        "code": "jem-initial-4wk",
        "partnership_type": "287g_jem",
        "name": "287(g) Jail Enforcement Model basic course (four weeks)",
        "kind": "initial",
        "delivery": "in_person",
        "hours": 160,
        "effective_from": date(2006, 1, 1),
        "effective_until": None,
    },
    {
        "code": "tfm-initial-4wk",
        "partnership_type": "287g_tfm",
        "name": "287(g) Task Force Model basic course (four weeks)",
        "kind": "initial",
        "delivery": "in_person",
        "hours": 160,
        "effective_from": date(2006, 1, 1),
        "effective_until": date(2024, 12, 31),
    },
    {
        "code": "tfm-initial-40h",
        "partnership_type": "287g_tfm",
        "name": "287(g) Task Force Model course (40 hours, 2025)",
        "kind": "initial",
        "delivery": "in_person",
        "hours": 40,
        "effective_from": date(2025, 1, 1),
        "effective_until": None,
    },
    {
        "code": "wso-initial-8h",
        "partnership_type": "287g_wso",
        "name": "287(g) Warrant Service Officer course (8 hours, online)",
        "kind": "initial",
        "delivery": "online",
        "hours": 8,
        "effective_from": date(2019, 5, 1),
        "effective_until": None,
    },
    {
        "code": "lesc-query",
        "partnership_type": "lesc_training",
        "name": "LESC query training (online)",
        "kind": "initial",
        "delivery": "online",
        "hours": 4,
        "effective_from": date(2006, 1, 1),
        "effective_until": None,
    },
    {
        "code": "cap-initial",
        "partnership_type": "cap_team",
        "name": "Criminal Alien Program jail screening course",
        "kind": "initial",
        "delivery": "in_person",
        "hours": 40,
        "effective_from": date(2006, 1, 1),
        "effective_until": None,
    },
    {
        "code": "jem-refresher",
        "partnership_type": "287g_jem",
        "name": "287(g) Jail Enforcement Model annual refresher",
        "kind": "refresher",
        "delivery": "online",
        "hours": 8,
        "effective_from": date(2006, 1, 1),
        "effective_until": None,
    },
    {
        "code": "tfm-refresher",
        "partnership_type": "287g_tfm",
        "name": "287(g) Task Force Model annual refresher",
        "kind": "refresher",
        "delivery": "online",
        "hours": 8,
        "effective_from": date(2006, 1, 1),
        "effective_until": None,
    },
    {
        "code": "wso-refresher",
        "partnership_type": "287g_wso",
        "name": "287(g) Warrant Service Officer annual refresher",
        "kind": "refresher",
        "delivery": "online",
        "hours": 4,
        "effective_from": date(2019, 5, 1),
        "effective_until": None,
    },
    {
        "code": "lesc-refresher",
        "partnership_type": "lesc_training",
        "name": "LESC query annual refresher",
        "kind": "refresher",
        "delivery": "online",
        "hours": 2,
        "effective_from": date(2006, 1, 1),
        "effective_until": None,
    },
]


def seed(apps: Any, schema_editor: Any) -> None:
    """Data-migration step (idempotent, historical models)."""
    partnership_type = apps.get_model("partnerships", "PartnershipType")
    function_model = apps.get_model("officers", "ModelFunction")
    course_model = apps.get_model("officers", "Course")
    types = {t.code: t for t in partnership_type.objects.all()}
    for type_code, code, name, start, until in FUNCTIONS:
        function_model.objects.update_or_create(
            partnership_type=types[type_code],
            code=code,
            effective_from=start,
            defaults={"name": name, "effective_until": until},
        )
    for spec in COURSES:
        values = {k: v for k, v in spec.items() if k not in ("code", "partnership_type")}
        course_model.objects.update_or_create(
            code=spec["code"],
            defaults={**values, "partnership_type": types[spec["partnership_type"]]},
        )
