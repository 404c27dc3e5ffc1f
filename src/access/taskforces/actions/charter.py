"""The charter: open a task force (challenge, area, agencies, ICE lead, objectives with
measures, dates, agreement), change it, and add objectives."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.http import Http404
from django.utils import timezone

from access.audit import events
from access.audit.events import audited
from access.partnerships.choices import Challenge
from access.taskforces.actions.common import Refused, add_error, is_ice_staff, require_manager
from access.taskforces.choices import TASK_FORCE_TYPES, MemberRole, TaskForceStatus
from access.taskforces.events import Event
from access.taskforces.models import Member, Objective, Participation, TaskForce

# Challenges a task force in Operation Community Shield may take on (violent gangs).
GANG_CHALLENGES = (Challenge.GANGS, Challenge.TRANSNATIONAL_GANGS)
CHARTER_FIELDS = (
    "name",
    "challenge",
    "area",
    "ice_lead",
    "agreement",
    "community_shield",
    "status",
    "mission",
    "starts_on",
    "review_on",
    "ends_on",
)


@dataclass
class Charter:
    """What opening a task force needs. ``agencies`` are the participating agencies besides
    the lead agency; ``objectives`` are (objective, measure) pairs."""

    name: str
    partnership_type: Any
    challenge: str
    area: str
    lead_agency: Any
    starts_on: date
    review_on: date
    ice_lead: Any = None
    agreement: Any = None
    access_request: Any = None
    community_shield: bool = False
    mission: str = ""
    ends_on: date | None = None
    agencies: list[Any] = field(default_factory=list)
    objectives: list[tuple[str, str]] = field(default_factory=list)


def _check(values: dict[str, Any], lead_agency: Any, errors: dict[str, list[str]]) -> None:
    """The rules of a charter, whether opened or changed."""
    if not str(values.get("name") or "").strip():
        add_error(errors, "name", "Give the task force a name.")
    elif (
        TaskForce.objects.filter(name__iexact=values["name"].strip())
        .exclude(pk=values.get("pk") or 0)
        .exists()
    ):
        add_error(errors, "name", "Another task force has this name.")
    if values.get("challenge") not in Challenge.values():
        add_error(errors, "challenge", "Choose the challenge the task force takes on.")
    if not str(values.get("area") or "").strip():
        add_error(errors, "area", "Name the counties, cities or region covered.")
    starts, review, ends = values.get("starts_on"), values.get("review_on"), values.get("ends_on")
    if starts and review and review <= starts:
        add_error(errors, "review_on", "The charter review comes after the start date.")
    if starts and ends and ends < starts:
        add_error(errors, "ends_on", "The end date is on or after the start date.")
    if values.get("community_shield") and values.get("challenge") not in GANG_CHALLENGES:
        add_error(
            errors,
            "community_shield",
            "Operation Community Shield is for task forces against gangs.",
        )
    lead = values.get("ice_lead")
    if lead is not None and not is_ice_staff(lead):
        add_error(errors, "ice_lead", "The ICE lead is an account of an ICE office.")
    agreement = values.get("agreement")
    if agreement is not None:
        if agreement.partnership_type.code not in TASK_FORCE_TYPES:
            add_error(errors, "agreement", "The agreement is not a task-force agreement.")
        elif agreement.agency_id != lead_agency.pk:
            add_error(errors, "agreement", "The agreement is the lead agency's.")
    if values.get("status") not in (None, *TaskForceStatus.values()):
        add_error(errors, "status", "Choose a status.")


@audited
def open_task_force(actor: Any, charter: Charter) -> TaskForce:
    """Open a task force with its charter; the lead agency and the others take part from the
    start date and the ICE lead becomes its first member. Program staff only."""
    if actor.grant_scope("taskforces.add_taskforce") != "all":
        raise Http404("Not found")
    return _open(charter, Event.OPEN)


def _open(charter: Charter, event: str) -> TaskForce:
    errors: dict[str, list[str]] = {}
    if charter.partnership_type.code not in TASK_FORCE_TYPES:
        add_error(errors, "partnership_type", "Choose a task-force partnership type.")
    _check(vars(charter), charter.lead_agency, errors)
    for n, (objective, measure) in enumerate(charter.objectives, start=1):
        if not objective.strip() or not measure.strip():
            add_error(errors, "objectives", f"Objective {n}: give the objective and its measure.")
    if errors:
        raise Refused(errors)
    task_force = TaskForce(
        name=charter.name.strip(),
        partnership_type=charter.partnership_type,
        challenge=charter.challenge,
        area=charter.area.strip(),
        lead_agency=charter.lead_agency,
        ice_lead=charter.ice_lead,
        agreement=charter.agreement,
        access_request=charter.access_request,
        community_shield=charter.community_shield,
        status=TaskForceStatus.PLANNED,
        mission=charter.mission.strip(),
        starts_on=charter.starts_on,
        review_on=charter.review_on,
        ends_on=charter.ends_on,
    )
    task_force.save()
    agencies = [charter.lead_agency, *[a for a in charter.agencies if a != charter.lead_agency]]
    for agency in dict.fromkeys(agencies):
        Participation(task_force=task_force, agency=agency, joined_on=charter.starts_on).save()
    if charter.ice_lead is not None:
        Member(
            task_force=task_force,
            user=charter.ice_lead,
            role=MemberRole.ICE_LEAD,
            starts_on=charter.starts_on,
        ).save()
    for objective, measure in charter.objectives:
        Objective(
            task_force=task_force, objective=objective.strip(), measure=measure.strip()
        ).save()
    events.record(
        event,
        obj=task_force,
        after=events.snapshot(task_force),
        details={
            "agencies": [a.pk for a in dict.fromkeys(agencies)],
            "objectives": len(charter.objectives),
            "request": charter.access_request.pk if charter.access_request else None,
        },
    )
    return task_force


@audited
def change_charter(actor: Any, task_force: TaskForce, **fields: Any) -> TaskForce:
    """Change the charter (``CHARTER_FIELDS``): program staff or the task force's ICE lead."""
    require_manager(actor, task_force)
    errors: dict[str, list[str]] = {}
    unknown = [name for name in fields if name not in CHARTER_FIELDS]
    for name in unknown:
        add_error(errors, name, "This cannot be changed here.")
    values = {name: getattr(task_force, name) for name in CHARTER_FIELDS}
    values.update({k: v for k, v in fields.items() if k in CHARTER_FIELDS})
    values["pk"] = task_force.pk
    _check(values, task_force.lead_agency, errors)
    if errors:
        raise Refused(errors)
    for text in ("name", "area", "mission"):
        values[text] = str(values[text] or "").strip()
    changed = [
        name
        for name in CHARTER_FIELDS
        if name in fields and getattr(task_force, name) != values[name]
    ]
    if not changed:
        return task_force
    names = [f"{n}_id" if n in ("ice_lead", "agreement") else n for n in changed]
    before = events.snapshot(task_force, names)
    for name in changed:
        setattr(task_force, name, values[name])
    task_force.save()
    if "ice_lead" in changed and task_force.ice_lead is not None:
        _ensure_lead_member(task_force)
    events.record(
        Event.CHANGE_CHARTER,
        obj=task_force,
        before=before,
        after=events.snapshot(task_force, names),
        details={"fields": changed},
    )
    return task_force


def _ensure_lead_member(task_force: TaskForce) -> None:
    """A new ICE lead joins as a member in the lead role (once)."""
    current = task_force.members.filter(user=task_force.ice_lead, ends_on__isnull=True)
    if not current.filter(role=MemberRole.ICE_LEAD).exists():
        Member(
            task_force=task_force,
            user=task_force.ice_lead,
            role=MemberRole.ICE_LEAD,
            starts_on=max(task_force.starts_on, timezone.localdate()),
        ).save()


@audited
def add_objective(actor: Any, task_force: TaskForce, *, objective: str, measure: str) -> Objective:
    require_manager(actor, task_force)
    errors: dict[str, list[str]] = {}
    if not objective.strip():
        add_error(errors, "objective", "State the objective.")
    if not measure.strip():
        add_error(errors, "measure", "State how the objective is measured.")
    if errors:
        raise Refused(errors)
    row = Objective(task_force=task_force, objective=objective.strip(), measure=measure.strip())
    row.save()
    events.record(
        Event.ADD_OBJECTIVE,
        obj=task_force,
        after={"objective": row.objective, "measure": row.measure},
        details={"objective_id": row.pk},
    )
    return row
