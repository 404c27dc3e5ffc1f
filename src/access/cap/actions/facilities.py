"""A facility's CAP settings and the team that covers it. Each change is audited with the
values before and after; a refusal names every bad field and changes nothing."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404

from access.audit import events
from access.audit.events import audited
from access.cap.choices import RemoteInterviews, RosterDelivery, RosterFrequency
from access.cap.events import Event
from access.cap.models import CapFacility, CapTeam

# The settings a CAP officer keeps for the facilities their team covers. The column mapping
# is saved by the roster import's preview (``actions.rosters``), not here.
EDITABLE = ("access_hours", "remote_interviews", "roster_delivery", "roster_frequency", "contacts")
CHOICE_FIELDS = {
    "remote_interviews": RemoteInterviews,
    "roster_delivery": RosterDelivery,
    "roster_frequency": RosterFrequency,
}
MAX_LENGTHS = {"access_hours": 200}


class Refused(ValidationError):
    """Bad input; nothing was changed."""


def may_change(actor: Any, cap_facility: CapFacility) -> bool:
    return CapFacility.objects.restrict(actor, "change").filter(pk=cap_facility.pk).exists()


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    for name, value in fields.items():
        if name not in EDITABLE:
            errors.setdefault(name, []).append("This setting cannot be changed here.")
            continue
        text = str(value if value is not None else "").strip()
        choices = CHOICE_FIELDS.get(name)
        if choices is not None and text not in choices.values():
            errors.setdefault(name, []).append(f'"{text}" is not one of the choices.')
            continue
        limit = MAX_LENGTHS.get(name)
        if limit and len(text) > limit:
            errors.setdefault(name, []).append(f"At most {limit} characters.")
            continue
        cleaned[name] = text
    if errors:
        raise Refused(errors)
    return cleaned


@audited
def change_facility(actor: Any, cap_facility: CapFacility, **fields: Any) -> CapFacility:
    """Change a facility's CAP settings (``EDITABLE``); needs ``cap.change_capfacility`` over
    the facility (a CAP officer: only for a facility their team covers; 404 otherwise)."""
    if not may_change(actor, cap_facility):
        raise Http404("Not found")
    cleaned = _clean(fields)
    changed = [name for name, value in cleaned.items() if getattr(cap_facility, name) != value]
    if not changed:
        return cap_facility
    before = events.snapshot(cap_facility, changed)
    for name in changed:
        setattr(cap_facility, name, cleaned[name])
    cap_facility.save()
    events.record(
        Event.CHANGE_FACILITY,
        obj=cap_facility,
        before=before,
        after=events.snapshot(cap_facility, changed),
        details={"facility": cap_facility.facility_id, "fields": changed},
    )
    return cap_facility


@audited
def assign_team(actor: Any, cap_facility: CapFacility, team: CapTeam | None) -> CapFacility:
    """Program staff (``cap.change_capfacility`` with scope ``all``) assign the CAP team that
    covers a facility. A team's own officers may not move a facility between teams."""
    if actor.grant_scope("cap.change_capfacility") != "all":
        raise Http404("Not found")
    if cap_facility.team_id == (team.pk if team else None):
        return cap_facility
    before = events.snapshot(cap_facility, ["team_id"])
    cap_facility.team = team
    cap_facility.save()
    events.record(
        Event.CHANGE_FACILITY,
        obj=cap_facility,
        before=before,
        after=events.snapshot(cap_facility, ["team_id"]),
        details={"facility": cap_facility.facility_id, "fields": ["team"]},
    )
    return cap_facility
