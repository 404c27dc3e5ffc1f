"""Home-page queue items of the enforcement app (wired in ``site/queues.py``)."""

from __future__ import annotations

from typing import Any

from django.utils.timesince import timesince

from access.enforcement.choices import EncounterStatus
from access.enforcement.models import Encounter

Item = dict[str, str]


def supervisor_items(user: Any) -> list[Item]:
    """ICE supervisors: encounters stopped for citizenship, then identifications to confirm."""
    if user.grant_scope("enforcement.decide_encounter") != "all":
        return []
    stopped = (
        Encounter.objects.filter(status=EncounterStatus.CITIZENSHIP_STOP)
        .select_related("agency")
        .order_by("stopped_at")[:50]
    )
    items = [
        {
            "title": f"Citizenship stop: encounter #{e.pk} at {e.agency.name}",
            "url": e.get_absolute_url(),
            "detail": f"Waiting {timesince(e.stopped_at or e.created_at)} for your decision",
        }
        for e in stopped
    ]
    if user.grant_scope("enforcement.confirm_encounter") == "all":
        waiting = (
            Encounter.objects.filter(status=EncounterStatus.AWAITING_SUPERVISOR)
            .select_related("agency")
            .order_by("updated_at")[:50]
        )
        items += [
            {
                "title": f"Identification to confirm: encounter #{e.pk} at {e.agency.name}",
                "url": e.get_absolute_url(),
                "detail": f"Verified by the officer {timesince(e.updated_at)} ago",
            }
            for e in waiting
        ]
    return items
