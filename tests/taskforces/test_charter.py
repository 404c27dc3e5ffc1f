"""The charter, agencies and members: who may change what, and refusals that change nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone
from tests.taskforces.conftest import charter_for

from access.audit.models import AuditEvent
from access.partnerships.models import PartnershipType
from access.taskforces.actions import charter, members
from access.taskforces.actions.common import Refused
from access.taskforces.choices import MemberRole, TaskForceStatus
from access.taskforces.models import Member, Participation, TaskForce

pytestmark = pytest.mark.django_db


def test_opening_records_the_charter_lead_agency_ice_lead_and_objectives(task_force, agent):
    assert task_force.status == TaskForceStatus.PLANNED
    assert list(task_force.participations.values_list("agency", flat=True)) == [
        task_force.lead_agency_id
    ]
    lead = task_force.members.get()
    assert (lead.user, lead.role) == (agent, MemberRole.ICE_LEAD)
    assert task_force.objectives.get().measure == "Gang leaders charged"
    event = AuditEvent.objects.filter(action="taskforces.open").get()
    assert event.object_id == str(task_force.pk)


def test_a_bad_charter_is_refused_with_every_reason_and_nothing_stored(manager, agency_a):
    today = timezone.localdate()
    bad = charter_for(
        agency_a,
        partnership_type=PartnershipType.objects.get(code="287g_jem"),
        challenge="document_fraud",
        review_on=today - timedelta(days=60),
    )
    before = AuditEvent.objects.count()
    with pytest.raises(Refused) as refused:
        charter.open_task_force(manager, bad)
    assert set(refused.value.message_dict) == {"partnership_type", "review_on", "community_shield"}
    assert not TaskForce.objects.exists()
    assert AuditEvent.objects.count() == before


def test_only_program_staff_open_a_task_force(agent, agency_a, liaison):
    for who in (agent, liaison):
        with pytest.raises(Http404):
            charter.open_task_force(who, charter_for(agency_a, agent))
    assert not TaskForce.objects.exists()


def test_the_ice_lead_changes_the_charter_and_another_agent_may_not(task_force, agent, make_user):
    other = make_user("ice_field_agent", username="agent.two")
    with pytest.raises(Http404):
        charter.change_charter(other, task_force, area="Everywhere")
    task_force.refresh_from_db()
    assert task_force.area == "Alpha County"
    charter.change_charter(agent, task_force, area="Alpha and Bravo counties", status="active")
    task_force.refresh_from_db()
    assert (task_force.area, task_force.status) == ("Alpha and Bravo counties", "active")
    event = AuditEvent.objects.filter(action="taskforces.change_charter").get()
    assert event.before == {"area": "Alpha County", "status": "planned"}


def test_an_officer_member_belongs_to_a_participating_agency(
    task_force, manager, agency_b, make_agency, walk, people
):
    from tests.officers.conftest import make_agreement

    bravo_officer = walk("authorized", on=make_agreement(agency_b))
    start = timezone.localdate()
    with pytest.raises(Refused) as refused:
        members.add_member(
            manager, task_force, officer=bravo_officer, role="task_force_officer", starts_on=start
        )
    assert "does not take part" in str(refused.value)
    assert not Member.objects.filter(officer=bravo_officer).exists()
    members.add_agency(manager, task_force, agency=agency_b, joined_on=start)
    member = members.add_member(
        manager, task_force, officer=bravo_officer, role="task_force_officer", starts_on=start
    )
    assert member.officer == bravo_officer
    # When the agency leaves, its officers' memberships end the same day.
    participation = Participation.objects.get(task_force=task_force, agency=agency_b)
    members.end_agency(manager, participation, left_on=start, reason="Staffing")
    member.refresh_from_db()
    assert member.ends_on == start


def test_ice_roles_are_for_ice_accounts_and_officer_roles_for_officers(
    task_force, manager, liaison, officer_a
):
    today = timezone.localdate()
    with pytest.raises(Refused):
        members.add_member(manager, task_force, user=liaison, role="ice_agent", starts_on=today)
    with pytest.raises(Refused):
        members.add_member(manager, task_force, officer=officer_a, role="ice_lead", starts_on=today)
    assert task_force.members.count() == 1


def test_the_lead_agency_never_leaves(task_force, manager):
    lead = task_force.participations.get()
    with pytest.raises(Refused):
        members.end_agency(manager, lead, left_on=timezone.localdate(), reason="Done")
    lead.refresh_from_db()
    assert lead.left_on is None


def test_who_sees_a_task_force(task_force, agent, liaison, make_user, agency_b, manager):
    seen = lambda user: list(TaskForce.objects.restrict(user))  # noqa: E731
    assert seen(manager) == [task_force]
    assert seen(agent) == [task_force]  # the ICE lead, a member
    assert seen(liaison) == [task_force]  # agency A takes part
    assert seen(make_user("agency_liaison", agency_b)) == []
    assert seen(make_user("agency_officer", agency_b)) == []
    assert seen(make_user("ice_field_agent", username="not.a.member")) == []
    assert seen(make_user("oversight_auditor")) == [task_force]


def test_the_ice_lead_sees_a_charter_review_due_on_the_home_page(
    task_force, agent, client_as, manager
):
    page = client_as(agent).get("/").content.decode()
    assert f"Review the charter of {task_force.name}" not in page  # due in 335 days
    charter.change_charter(manager, task_force, review_on=timezone.localdate() + timedelta(days=10))
    page = client_as(agent).get("/").content.decode()
    assert f"Review the charter of {task_force.name}" in page
