"""What the task-force actions share: the refusal, and who may manage a task force."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404

from access.agencies.choices import AgencyKind
from access.taskforces.models import TaskForce


class Refused(ValidationError):
    """Bad input or a rule not met; nothing was changed."""


def may_manage(actor: Any, task_force: TaskForce) -> bool:
    """Program staff (``taskforces.change_taskforce`` over every task force) and the task
    force's own ICE lead change its charter, agencies and members."""
    scope = actor.grant_scope("taskforces.change_taskforce")
    if scope == "all":
        return True
    if scope is None or task_force.ice_lead_id != getattr(actor, "pk", None):
        return False
    return TaskForce.objects.restrict(actor, "change").filter(pk=task_force.pk).exists()


def require_manager(actor: Any, task_force: TaskForce) -> None:
    """404 for a task force out of the actor's sight, as the pages answer."""
    if not may_manage(actor, task_force):
        raise Http404("Not found")


def is_ice_staff(user: Any) -> bool:
    """ICE staff are the accounts of an ICE (federal) office: they join as ``user`` members;
    officers of the local agencies join as ``officer`` members."""
    agency = getattr(user, "agency", None)
    return bool(agency is not None and agency.kind == AgencyKind.FEDERAL and user.is_active)


def add_error(errors: dict[str, list[str]], field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)
