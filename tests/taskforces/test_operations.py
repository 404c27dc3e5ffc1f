"""Operations: the 287(g) authority check for members who used it, targets by case, outcomes
and their roll-ups (counts only)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from access.audit.models import AuditEvent
from access.taskforces import rollups
from access.taskforces.actions import members, operations
from access.taskforces.actions.common import Refused
from access.taskforces.actions.operations import OperationInput
from access.taskforces.models import Operation

pytestmark = pytest.mark.django_db


@pytest.fixture
def crew(task_force, manager, officer_a):
    today = timezone.localdate()
    officer = members.add_member(
        manager, task_force, officer=officer_a, role="task_force_officer", starts_on=today
    )
    return {"lead": task_force.members.get(role="ice_lead"), "officer": officer}


def plan(**overrides):
    values = {
        "name": "Operation Northwind",
        "starts_on": timezone.localdate(),
        "area": "Alpha County",
        "targets": [("AC-2026-0042", "Armed robberies by a street gang")],
    }
    values.update(overrides)
    return OperationInput(**values)


def test_a_member_using_287g_authority_passes_the_check(task_force, agent, crew):
    data = plan(participants=[(crew["lead"], ""), (crew["officer"], "interview")])
    operation = operations.plan_operation(agent, task_force, data)
    assert operation.participants.get(member=crew["officer"]).function == "interview"
    event = AuditEvent.objects.get(action="taskforces.plan_operation")
    assert event.details["authority_checks"][0]["allowed"] is True


def test_a_refused_authority_check_refuses_the_operation_with_nothing_stored(
    task_force, agent, crew
):
    before = AuditEvent.objects.count()
    # The officer serves under the Jail Enforcement Model, which has no warrantless arrest.
    data = plan(participants=[(crew["officer"], "arrest")])
    with pytest.raises(Refused) as refused:
        operations.plan_operation(agent, task_force, data)
    assert "authority check" in str(refused.value)
    assert not Operation.objects.exists()
    assert AuditEvent.objects.count() == before


def test_a_suspended_officer_fails_the_check_too(task_force, agent, crew, people):
    from access.officers import actions as officer_actions

    officer_actions.suspend(people["director"], crew["officer"].officer, reason="Under review")
    with pytest.raises(Refused) as refused:
        operations.plan_operation(
            agent, task_force, plan(participants=[(crew["officer"], "interview")])
        )
    assert "suspended" in str(refused.value)
    assert not Operation.objects.exists()


def test_ice_staff_use_no_287g_function_and_targets_are_cases(task_force, agent, crew):
    with pytest.raises(Refused) as refused:
        operations.plan_operation(
            agent,
            task_force,
            plan(participants=[(crew["lead"], "interview")], targets=[("", "Members of a group")]),
        )
    errors = refused.value.message_dict
    assert "participants" in errors and "targets" in errors
    assert not Operation.objects.exists()


def test_a_non_member_agent_may_not_plan(task_force, crew, make_user):
    other = make_user("ice_field_agent", username="agent.three")
    with pytest.raises(Http404):
        operations.plan_operation(other, task_force, plan(participants=[(crew["lead"], "")]))
    assert not Operation.objects.exists()


def test_outcomes_roll_up_per_task_force_and_nationally_for_community_shield(
    task_force, agent, crew, manager, agency_a
):
    today = timezone.localdate()
    shield = operations.plan_operation(
        agent,
        task_force,
        plan(
            participants=[(crew["lead"], "")],
            community_shield=True,
            starts_on=today - timedelta(days=3),
        ),
    )
    local = operations.plan_operation(
        agent,
        task_force,
        plan(
            name="Operation Local",
            participants=[(crew["lead"], "")],
            starts_on=today - timedelta(days=2),
        ),
    )
    operations.record_outcomes(
        agent,
        shield,
        completed_on=today,
        arrests=[("felony", "1", 3), ("misdemeanor", "2", 1)],
        seizures=2,
        prosecution_referrals=3,
        victims_identified=1,
    )
    operations.record_outcomes(
        agent, local, completed_on=today, arrests=[("felony", "1", 5)], seizures=1
    )
    ours = rollups.rollup(Operation.objects.filter(task_force=task_force))
    assert ours.operations == 2 and ours.arrests == 9
    assert dict(ours.by_severity)["Felony"] == 8
    assert dict(ours.totals)["Seizures"] == 3
    national = rollups.community_shield()
    assert national.operations == 1 and national.arrests == 4
    assert dict(national.by_level) == {"Level 1": 3, "Level 2": 1, "Level 3": 0}
    # A completed operation is not completed twice.
    with pytest.raises(Refused):
        operations.record_outcomes(agent, shield, completed_on=today, arrests=[])


def test_community_shield_operations_need_a_task_force_that_joined(manager, agent, agency_a):
    from tests.taskforces.conftest import charter_for

    from access.taskforces.actions import charter

    fraud = charter.open_task_force(
        manager,
        charter_for(
            agency_a, agent, name="Fraud TF", challenge="document_fraud", community_shield=False
        ),
    )
    lead = fraud.members.get()
    with pytest.raises(Refused) as refused:
        operations.plan_operation(
            agent, fraud, plan(participants=[(lead, "")], community_shield=True)
        )
    assert "community_shield" in refused.value.message_dict
