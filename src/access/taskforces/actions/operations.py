"""Operations: plan one (dates, area, participating members, targets by case), record its
outcomes when completed (arrests by charge severity and priority level, seizures, referrals
for prosecution, victims identified), or cancel it.

A member who used 287(g) authority on the operation passes ``officers.authority.check`` for
that function on the operation's date; one refused check refuses the whole operation, with
every reason, and nothing is stored."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.http import Http404
from django.utils import timezone

from access.audit import events
from access.audit.events import audited
from access.enforcement.choices import PriorityLevel, Severity
from access.officers import authority
from access.taskforces.actions.common import Refused, add_error
from access.taskforces.choices import OperationStatus, TaskForceStatus
from access.taskforces.events import Event
from access.taskforces.models import (
    ArrestCount,
    Operation,
    OperationMember,
    OperationTarget,
    TaskForce,
)


@dataclass
class OperationInput:
    """``participants``: (member, 287(g) function code or "") pairs; ``targets``: (case
    number, case description) pairs."""

    name: str
    starts_on: date
    area: str
    ends_on: date | None = None
    summary: str = ""
    community_shield: bool = False
    participants: list[tuple[Any, str]] = field(default_factory=list)
    targets: list[tuple[str, str]] = field(default_factory=list)


def may_add(actor: Any, task_force: TaskForce) -> bool:
    """Program staff for any task force; an ICE member for their own."""
    scope = actor.grant_scope("taskforces.add_operation")
    if scope == "all":
        return True
    if scope == "team":
        return task_force.members.filter(user=actor.pk, ends_on__isnull=True).exists()
    return False


def may_change(actor: Any, operation: Operation) -> bool:
    """As ``may_add``: a member whose time on the task force ended no longer records."""
    if not Operation.objects.restrict(actor, "change").filter(pk=operation.pk).exists():
        return False
    return may_add(actor, operation.task_force)


def moment(on: date) -> datetime:
    """The time an operation's authority is checked: now for today, else midday of its date."""
    if on == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.combine(on, time(12)))


def _check_participants(
    task_force: TaskForce, data: OperationInput, errors: dict[str, list[str]]
) -> list[dict[str, Any]]:
    checks: list[dict[str, Any]] = []
    seen: set[int] = set()
    when = moment(data.starts_on)
    for member, function in data.participants:
        who = str(member)
        if member.task_force_id != task_force.pk:
            add_error(errors, "participants", f"{who} is not a member of this task force.")
            continue
        if member.pk in seen:
            add_error(errors, "participants", f"{who} is listed twice.")
            continue
        seen.add(member.pk)
        if member.starts_on > data.starts_on or (
            member.ends_on is not None and member.ends_on < data.starts_on
        ):
            add_error(errors, "participants", f"{who} is not a member on {data.starts_on}.")
            continue
        if not function:
            continue
        if member.officer_id is None:
            add_error(
                errors,
                "participants",
                f"{who}: ICE staff act under their own authority, not a 287(g) function.",
            )
            continue
        try:
            decision = authority.check(member.officer, function, when=when)
        except authority.UnknownFunction:
            add_error(errors, "participants", f'{who}: "{function}" is not a 287(g) function.')
            continue
        for reason in decision.reasons:
            add_error(errors, "participants", f"{who}: authority check: {reason}")
        checks.append(decision.as_dict())
    return checks


@audited
def plan_operation(actor: Any, task_force: TaskForce, data: OperationInput) -> Operation:
    if not may_add(actor, task_force):
        raise Http404("Not found")
    errors: dict[str, list[str]] = {}
    if task_force.status == TaskForceStatus.CLOSED:
        add_error(errors, "name", "The task force is closed.")
    if not data.name.strip():
        add_error(errors, "name", "Name the operation.")
    if not data.area.strip():
        add_error(errors, "area", "Give the area of the operation.")
    if data.starts_on < task_force.starts_on:
        add_error(errors, "starts_on", "The operation starts on or after the task force.")
    if data.ends_on is not None and data.ends_on < data.starts_on:
        add_error(errors, "ends_on", "The end date is on or after the start date.")
    if data.community_shield and not task_force.community_shield:
        add_error(
            errors,
            "community_shield",
            "Only a task force that joined Operation Community Shield runs its operations.",
        )
    if not data.participants:
        add_error(errors, "participants", "Choose the members taking part.")
    if not data.targets:
        add_error(errors, "targets", "Name at least one target case.")
    for n, (case_number, description) in enumerate(data.targets, start=1):
        if not case_number.strip() or not description.strip():
            add_error(
                errors,
                "targets",
                f"Target {n}: a target is a case: give its number and the criminal activity.",
            )
    checks = _check_participants(task_force, data, errors)
    if errors:
        raise Refused(errors)
    operation = Operation(
        task_force=task_force,
        name=data.name.strip(),
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        area=data.area.strip(),
        summary=data.summary.strip(),
        community_shield=data.community_shield,
    )
    operation.save()
    for member, function in data.participants:
        OperationMember(operation=operation, member=member, function=function or "").save()
    for case_number, description in data.targets:
        OperationTarget(
            operation=operation, case_number=case_number.strip(), description=description.strip()
        ).save()
    events.record(
        Event.PLAN_OPERATION,
        obj=operation,
        after=events.snapshot(operation),
        details={
            "task_force": task_force.pk,
            "members": [m.pk for m, _ in data.participants],
            "targets": len(data.targets),
            "authority_checks": checks,
        },
    )
    return operation


@audited
def record_outcomes(
    actor: Any,
    operation: Operation,
    *,
    completed_on: date,
    arrests: list[tuple[str, str, int]],
    seizures: int = 0,
    seizure_note: str = "",
    prosecution_referrals: int = 0,
    victims_identified: int = 0,
) -> Operation:
    """Complete a planned operation with its outcomes (counts only, no names).
    ``arrests``: (charge severity, priority level, count) rows."""
    if not may_change(actor, operation):
        raise Http404("Not found")
    errors: dict[str, list[str]] = {}
    if operation.status != OperationStatus.PLANNED:
        add_error(errors, "completed_on", "Only a planned operation is completed.")
    if completed_on < operation.starts_on:
        add_error(errors, "completed_on", "The operation completes on or after its start.")
    if completed_on > timezone.localdate():
        add_error(errors, "completed_on", "Outcomes are recorded once the operation is over.")
    cells: dict[tuple[str, str], int] = {}
    for severity, level, count in arrests:
        if severity not in Severity.values() or level not in PriorityLevel.values():
            add_error(errors, "arrests", "Each arrest count needs a charge severity and a level.")
        elif count < 0:
            add_error(errors, "arrests", "Counts are zero or more.")
        else:
            cells[(severity, level)] = cells.get((severity, level), 0) + count
    for name, value in (
        ("seizures", seizures),
        ("prosecution_referrals", prosecution_referrals),
        ("victims_identified", victims_identified),
    ):
        if value < 0:
            add_error(errors, name, "Counts are zero or more.")
    if errors:
        raise Refused(errors)
    before = events.snapshot(operation, ["status"])
    operation.status = OperationStatus.COMPLETED
    operation.completed_on = completed_on
    operation.seizures = seizures
    operation.seizure_note = seizure_note.strip()
    operation.prosecution_referrals = prosecution_referrals
    operation.victims_identified = victims_identified
    operation.save()
    for (severity, level), count in sorted(cells.items()):
        if count:
            ArrestCount(
                operation=operation, severity=severity, priority_level=level, count=count
            ).save()
    events.record(
        Event.RECORD_OUTCOMES,
        obj=operation,
        before=before,
        after=events.snapshot(
            operation,
            [
                "status",
                "completed_on",
                "seizures",
                "prosecution_referrals",
                "victims_identified",
            ],
        ),
        details={"arrests": [[s, lv, c] for (s, lv), c in sorted(cells.items()) if c]},
    )
    return operation


@audited
def cancel_operation(actor: Any, operation: Operation, *, reason: str) -> Operation:
    if not may_change(actor, operation):
        raise Http404("Not found")
    if operation.status != OperationStatus.PLANNED:
        raise Refused({"reason": ["Only a planned operation is cancelled."]})
    if not reason.strip():
        raise Refused({"reason": ["Give a reason."]})
    operation.status = OperationStatus.CANCELLED
    operation.save()
    events.record(
        Event.CANCEL_OPERATION,
        obj=operation,
        before={"status": OperationStatus.PLANNED},
        after={"status": operation.status},
        details={"reason": reason.strip()},
    )
    return operation
