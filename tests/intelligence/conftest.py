"""Intelligence fixtures: a gang task force of Alpha County and ICE, with members of each
role, a second task force the members do not serve on, and an entry that meets the rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from tests.conftest import FIXTURE_ACTOR

from access.accounts.models import User
from access.agencies.models import Agency
from access.core.actors import bound_actor
from access.intelligence import actions
from access.intelligence.models import IntelligenceRecord
from access.partnerships.models import PartnershipType
from access.taskforces.choices import MemberRole, TaskForceStatus
from access.taskforces.models import Member, Participation, TaskForce

SUSPICION = (
    "A controlled purchase on 2026-10-02 by a task force officer was arranged through the "
    "subject's phone number, and lab results confirmed fentanyl in the pills bought."
)


def entry(**overrides: Any) -> dict[str, Any]:
    """An entry that meets every rule of 28 CFR 23.20(a), (b)."""
    return {
        "case_number": "CCGTF-2026-0001",
        "subject_name": "Test Subject",
        "subject_birth_date": dt.date(1990, 5, 1),
        "subject_description": "Suspected supplier in case CCGTF-2026-0001.",
        "criminal_activity": "drug_trafficking",
        "activity_detail": "Distribution of fentanyl pills, Naples, 2026.",
        "reasonable_suspicion": SUSPICION,
        "not_solely_protected_activity": True,
        "source_type": "investigation",
        "source_reliability": "reliable",
        "source_detail": "",
        **overrides,
    }


@pytest.fixture
def make_task_force(db: Any) -> Callable[..., TaskForce]:
    def make(name: str, agency: Agency, code: str = "tf_gangs", **fields: Any) -> TaskForce:
        with bound_actor(FIXTURE_ACTOR):
            task_force = TaskForce(
                name=name,
                partnership_type=PartnershipType.objects.get(code=code),
                challenge="gangs",
                area="Collier County",
                lead_agency=agency,
                status=TaskForceStatus.ACTIVE,
                starts_on=dt.date(2025, 1, 1),
                review_on=dt.date(2027, 1, 1),
                **fields,
            )
            task_force.save()
            Participation(
                task_force=task_force, agency=agency, joined_on=dt.date(2025, 1, 1)
            ).save()
        return task_force

    return make


def add_member(task_force: TaskForce, user: User, role: str, **fields: Any) -> Member:
    with bound_actor(FIXTURE_ACTOR):
        member = Member(
            task_force=task_force, user=user, role=role, starts_on=dt.date(2025, 1, 1), **fields
        )
        member.save()
    return member


@pytest.fixture
def task_force(make_task_force: Callable[..., TaskForce], agency_a: Agency) -> TaskForce:
    return make_task_force("Alpha County Gang Task Force", agency_a)


@pytest.fixture
def other_task_force(make_task_force: Callable[..., TaskForce], agency_b: Agency) -> TaskForce:
    return make_task_force("Bravo Fraud Task Force", agency_b, code="tf_fraud")


@pytest.fixture
def lead(make_user: Callable[..., User], task_force: TaskForce) -> User:
    """An ICE supervisor who is the task force's ICE lead (no membership row needed)."""
    user = make_user("ice_supervisor")
    with bound_actor(FIXTURE_ACTOR):
        task_force.ice_lead = user
        task_force.save()
    return user


@pytest.fixture
def agent(make_user: Callable[..., User], task_force: TaskForce) -> User:
    user = make_user("ice_field_agent")
    add_member(task_force, user, MemberRole.ICE_AGENT)
    return user


@pytest.fixture
def tf_officer(make_user: Callable[..., User], task_force: TaskForce, agency_a: Agency) -> User:
    """An agency officer of Alpha County serving on the task force."""
    user = make_user("agency_officer", agency_a)
    add_member(task_force, user, MemberRole.TASK_FORCE_OFFICER)
    return user


@pytest.fixture
def outside_liaison(make_user: Callable[..., User], agency_b: Agency) -> User:
    """A liaison of Bravo PD, which does not take part in the task force."""
    return make_user("agency_liaison", agency_b)


@pytest.fixture
def record(agent: User, task_force: TaskForce) -> IntelligenceRecord:
    return actions.submit_record(agent, task_force, **entry())


def backdate(record: IntelligenceRecord, review_due: dt.date) -> IntelligenceRecord:
    """Move a record's review date (as if entered five years before it)."""
    IntelligenceRecord._base_manager.filter(pk=record.pk).update(
        review_due=review_due, entered_on=review_due.replace(year=review_due.year - 5)
    )
    record.refresh_from_db()
    return record


def today() -> dt.date:
    return timezone.localdate()
