"""Who serves on a task force: the people with a need and a right to know its intelligence.

A person serves on a task force while a membership of theirs is current (from its start date,
until its end date if any), as ICE staff (``Member.user``) or as an agency officer whose
officer record is linked to their account (``Member.officer.user``); the task force's ICE
lead serves on it too. Membership, not the agency, opens intelligence records: a liaison or
officer of a participating agency who is not a member sees none (28 CFR 23.20(d), (e))."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from access.taskforces.choices import MemberRole
from access.taskforces.models import Member, TaskForce

# Members who are told when records of their task force come up for review.
REVIEWER_ROLES = (MemberRole.ICE_LEAD, MemberRole.AGENCY_SUPERVISOR)


def current_members(on: dt.date | None = None) -> QuerySet[Member]:
    on = on or timezone.localdate()
    return Member._base_manager.filter(starts_on__lte=on).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=on)
    )


def _is_person(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "pk", None))


def served_task_forces(user: Any, on: dt.date | None = None) -> QuerySet[TaskForce]:
    """The task forces ``user`` serves on today (or ``on``)."""
    if not _is_person(user):
        return TaskForce._base_manager.none()
    members = current_members(on).filter(Q(user=user.pk) | Q(officer__user=user.pk))
    return TaskForce._base_manager.filter(
        Q(pk__in=members.values("task_force")) | Q(ice_lead=user.pk)
    )


def serves_on(user: Any, task_force: TaskForce, on: dt.date | None = None) -> bool:
    return served_task_forces(user, on).filter(pk=task_force.pk).exists()


def reviewers(task_force: TaskForce, on: dt.date | None = None) -> list[Any]:
    """The accounts told of a review: the ICE lead and the current members in a lead or
    supervisor role (through their own account or their linked officer record)."""
    from access.accounts.models import User

    members = current_members(on).filter(task_force=task_force, role__in=REVIEWER_ROLES)
    ids = set(members.exclude(user=None).values_list("user", flat=True))
    ids |= set(members.exclude(officer__user=None).values_list("officer__user", flat=True))
    if task_force.ice_lead_id:
        ids.add(task_force.ice_lead_id)
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("pk"))


def opens_intelligence(user: Any, permission: str = "intelligence.view_intelligencerecord") -> bool:
    """Whether the intelligence pages open for ``user`` at all: a scope ``all`` grant, or a
    scope ``team`` grant and a task force they serve on. Everyone else gets 404 on every
    intelligence page, lists included (and no menu link)."""
    scope = user.grant_scope(permission) if _is_person(user) else None
    return scope == "all" or (scope == "team" and served_task_forces(user).exists())
