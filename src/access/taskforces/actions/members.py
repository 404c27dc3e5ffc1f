"""Participating agencies and members: who takes part, from and until when.

An officer member belongs to an agency taking part on the day they start; ICE staff join
as accounts of an ICE office. Using 287(g) authority on an operation is checked per
operation (``actions.operations``), not here."""

from __future__ import annotations

from datetime import date
from typing import Any

from access.audit import events
from access.audit.events import audited
from access.officers.choices import OfficerStatus
from access.taskforces.actions.common import Refused, add_error, is_ice_staff, require_manager
from access.taskforces.choices import MemberRole
from access.taskforces.events import Event
from access.taskforces.models import Member, Participation, TaskForce

OFFICER_ROLES = (MemberRole.AGENCY_SUPERVISOR, MemberRole.TASK_FORCE_OFFICER, MemberRole.ANALYST)
ICE_ROLES = (MemberRole.ICE_LEAD, MemberRole.ICE_AGENT, MemberRole.ANALYST)
# Officers whose path ended: they may not join a task force.
OFF_THE_PATH = (
    OfficerStatus.REJECTED,
    OfficerStatus.DISQUALIFIED,
    OfficerStatus.REVOKED,
    OfficerStatus.WITHDRAWN,
)


def taking_part(task_force: TaskForce, on: date) -> Any:
    """The participations of ``task_force`` on day ``on``."""
    return task_force.participations.filter(joined_on__lte=on).exclude(left_on__lt=on)


@audited
def add_agency(actor: Any, task_force: TaskForce, *, agency: Any, joined_on: date) -> Participation:
    """An agency joins (or joins again after leaving)."""
    require_manager(actor, task_force)
    row = task_force.participations.filter(agency=agency).first()
    if row is not None and row.left_on is None:
        raise Refused({"agency": [f"{agency} already takes part."]})
    if agency.kind == "federal":
        raise Refused({"agency": ["ICE offices take part through their staff, as members."]})
    before = events.snapshot(row, ["joined_on", "left_on"]) if row else None
    row = row or Participation(task_force=task_force, agency=agency)
    row.joined_on, row.left_on = joined_on, None
    row.save()
    events.record(
        Event.ADD_AGENCY,
        obj=task_force,
        before=before,
        after={"agency": agency.pk, "joined_on": joined_on},
        details={"agency": agency.pk, "participation": row.pk},
    )
    return row


@audited
def end_agency(
    actor: Any, participation: Participation, *, left_on: date, reason: str
) -> Participation:
    """An agency leaves; its officers' memberships end the same day. The lead agency stays."""
    task_force = participation.task_force
    require_manager(actor, task_force)
    errors: dict[str, list[str]] = {}
    if participation.agency_id == task_force.lead_agency_id:
        add_error(errors, "agency", "The lead agency cannot leave its own task force.")
    if participation.left_on is not None:
        add_error(errors, "agency", "The agency has already left.")
    if left_on < participation.joined_on:
        add_error(errors, "left_on", "The agency leaves on or after the day it joined.")
    if not reason.strip():
        add_error(errors, "reason", "Give a reason.")
    if errors:
        raise Refused(errors)
    participation.left_on = left_on
    participation.save()
    ended = []
    for member in task_force.members.filter(
        officer__agency=participation.agency_id, ends_on__isnull=True
    ):
        member.ends_on = max(left_on, member.starts_on)
        member.save()
        ended.append(member.pk)
    events.record(
        Event.END_AGENCY,
        obj=task_force,
        after={"agency": participation.agency_id, "left_on": left_on},
        details={"reason": reason.strip(), "members_ended": ended},
    )
    return participation


@audited
def add_member(
    actor: Any,
    task_force: TaskForce,
    *,
    role: str,
    starts_on: date,
    officer: Any = None,
    user: Any = None,
) -> Member:
    """Add an officer of a participating agency or an ICE staff member, with a role."""
    require_manager(actor, task_force)
    errors: dict[str, list[str]] = {}
    if (officer is None) == (user is None):
        add_error(errors, "officer", "Choose an officer of an agency or an ICE account (one).")
    if role not in MemberRole.values():
        add_error(errors, "role", "Choose a role.")
    if officer is not None:
        if role not in OFFICER_ROLES:
            add_error(errors, "role", f"{MemberRole.label(role)} is a role for ICE staff.")
        if not taking_part(task_force, starts_on).filter(agency=officer.agency_id).exists():
            add_error(
                errors,
                "officer",
                f"{officer.agency} does not take part in the task force on {starts_on}.",
            )
        if officer.status in OFF_THE_PATH:
            add_error(errors, "officer", f"The officer is {OfficerStatus.label(officer.status)}.")
        if task_force.members.filter(officer=officer, ends_on__isnull=True).exists():
            add_error(errors, "officer", "The officer is already a member.")
    if user is not None:
        if not is_ice_staff(user):
            add_error(errors, "user", "Only accounts of an ICE office join as ICE staff.")
        if role not in ICE_ROLES:
            add_error(errors, "role", f"{MemberRole.label(role)} is a role for agency officers.")
        if task_force.members.filter(user=user, ends_on__isnull=True).exists():
            add_error(errors, "user", "The account is already a member.")
    if starts_on < task_force.starts_on:
        add_error(errors, "starts_on", "Members start on or after the task force's start date.")
    if errors:
        raise Refused(errors)
    member = Member(
        task_force=task_force, officer=officer, user=user, role=role, starts_on=starts_on
    )
    member.save()
    events.record(
        Event.ADD_MEMBER,
        obj=task_force,
        after={
            "member": member.pk,
            "officer": officer.pk if officer else None,
            "user": user.pk if user else None,
            "role": role,
            "starts_on": starts_on,
        },
        details={"member": member.pk},
    )
    return member


@audited
def end_member(actor: Any, member: Member, *, ends_on: date, reason: str) -> Member:
    require_manager(actor, member.task_force)
    errors: dict[str, list[str]] = {}
    if member.ends_on is not None:
        add_error(errors, "ends_on", "The membership has already ended.")
    elif ends_on < member.starts_on:
        add_error(errors, "ends_on", "A membership ends on or after its start.")
    if not reason.strip():
        add_error(errors, "reason", "Give a reason.")
    if errors:
        raise Refused(errors)
    member.ends_on = ends_on
    member.save()
    events.record(
        Event.END_MEMBER,
        obj=member.task_force,
        after={"member": member.pk, "ends_on": ends_on},
        details={"member": member.pk, "reason": reason.strip()},
    )
    return member
