"""The partnership types offered under ACCESS (DOMAIN.md section 2). Seeded by a migration."""

from __future__ import annotations

from typing import Any

TYPES: list[dict[str, Any]] = [
    {
        "code": "287g_jem",
        "name": "287(g) Jail Enforcement Model",
        "family": "287g",
        "requires_jail": True,
        "public_list_label": "Jail Enforcement Model",
        "description": "Trained jail officers identify and process removable people booked into the agency's jail.",
    },
    {
        "code": "287g_tfm",
        "name": "287(g) Task Force Model",
        "family": "287g",
        "requires_jail": False,
        "public_list_label": "Task Force Model",
        "description": "Trained officers may question and arrest for immigration violations during field duties.",
    },
    {
        "code": "287g_wso",
        "name": "287(g) Warrant Service Officer",
        "family": "287g",
        "requires_jail": True,
        "public_list_label": "Warrant Service Officer",
        "description": "Officers serve ICE administrative warrants on people already in the agency's jail; no interviews, no detainers.",
    },
    {
        "code": "tf_gangs",
        "name": "Local task force: gangs",
        "family": "task_force",
        "requires_jail": False,
        "public_list_label": "",
        "description": "A joint ICE and agency task force against gangs.",
    },
    {
        "code": "tf_fraud",
        "name": "Local task force: document and benefit fraud",
        "family": "task_force",
        "requires_jail": False,
        "public_list_label": "",
        "description": "A joint ICE and agency task force against document and benefit fraud.",
    },
    {
        "code": "ocs",
        "name": "Operation Community Shield",
        "family": "task_force",
        "requires_jail": False,
        "public_list_label": "",
        "description": "ICE's national initiative against violent transnational gangs, joined by local task forces.",
    },
    {
        "code": "cap_team",
        "name": "Criminal Alien Program team",
        "family": "cap",
        "requires_jail": True,
        "public_list_label": "",
        "description": "ICE officers screen people held in the agency's jail (booking lists and interviews).",
    },
    {
        "code": "lesc_training",
        "name": "LESC access and training",
        "family": "lesc",
        "requires_jail": False,
        "public_list_label": "",
        "description": "Officers learn to query the Law Enforcement Support Center about immigration and criminal history.",
    },
]


def seed_types(model: Any) -> None:
    for data in TYPES:
        model.objects.update_or_create(
            code=data["code"], defaults={k: v for k, v in data.items() if k != "code"}
        )
