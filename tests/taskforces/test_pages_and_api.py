"""Pages and API: who gets what, 404 outside the task forces one takes part in, denied writes
that change nothing, the roll-up pages with their CSV, and the one error shape."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from access.audit.models import AuditEvent
from access.taskforces.actions import operations
from access.taskforces.actions.operations import OperationInput
from access.taskforces.models import Member, Operation, TaskForce

pytestmark = pytest.mark.django_db


@pytest.fixture
def operation(task_force, agent):
    return operations.plan_operation(
        agent,
        task_force,
        OperationInput(
            name="Operation Northwind",
            starts_on=timezone.localdate(),
            area="Alpha County",
            participants=[(task_force.members.get(), "")],
            targets=[("AC-1", "Armed robberies")],
        ),
    )


def urls_of(task_force, operation):
    return [
        f"/taskforces/{task_force.pk}/",
        f"/taskforces/{task_force.pk}/edit/",
        f"/taskforces/{task_force.pk}/outcomes/",
        f"/taskforces/{task_force.pk}/outcomes/?format=csv",
        f"/taskforces/{task_force.pk}/members/add/",
        f"/taskforces/{task_force.pk}/operations/new/",
        f"/taskforces/operations/{operation.pk}/",
        f"/taskforces/operations/{operation.pk}/outcomes/",
        "/taskforces/community-shield/",
        f"/api/taskforces/{task_force.pk}/",
        f"/api/taskforces/{task_force.pk}/members/",
        f"/api/taskforces/{task_force.pk}/operations/",
    ]


@pytest.mark.parametrize("role", ["agency_liaison", "agency_officer"])
def test_another_agency_gets_404_on_every_task_force_url(
    role, client_as, agency_b, task_force, operation
):
    client = client_as(role, agency_b)
    for url in urls_of(task_force, operation):
        assert client.get(url).status_code == 404, url
    listing = client.get("/taskforces/")
    assert listing.status_code == 200 and task_force.name not in listing.content.decode()
    assert client.get("/api/taskforces/").json()["results"] == []


def test_program_staff_see_every_page(client_as, task_force, operation):
    client = client_as("ice_program_manager")
    for url in [
        *urls_of(task_force, operation),
        "/taskforces/",
        "/taskforces/new/",
        "/taskforces/operations/",
        "/taskforces/community-shield/?format=csv",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    csv = client.get(f"/taskforces/{task_force.pk}/outcomes/?format=csv").content.decode()
    assert csv.splitlines()[0] == "Measure,Category,Count"
    assert "AC-1" not in csv  # counts only
    # Each download is audited (two in the loop, one read here).
    assert AuditEvent.objects.filter(action="taskforces.export_outcomes").count() == 3


def test_a_participating_liaison_reads_but_does_not_change(
    client_as, agency_a, task_force, operation
):
    client = client_as("agency_liaison", agency_a)
    assert client.get(f"/taskforces/{task_force.pk}/").status_code == 200
    assert client.get(f"/taskforces/operations/{operation.pk}/").status_code == 200
    before = AuditEvent.objects.count()
    response = client.post(f"/taskforces/{task_force.pk}/edit/", {"name": "Renamed"})
    assert response.status_code == 404
    assert (
        client.post(
            f"/taskforces/{task_force.pk}/objectives/add/", {"objective": "x", "measure": "y"}
        ).status_code
        == 404
    )
    task_force.refresh_from_db()
    assert task_force.name == "Alpha County Gang Task Force"
    assert task_force.objectives.count() == 1
    assert AuditEvent.objects.count() == before
    assert client.get("/taskforces/community-shield/").status_code == 404


def test_the_open_page_opens_a_task_force(client_as, agency_a, agency_b, agent):
    client = client_as("ice_program_manager")
    from access.partnerships.models import PartnershipType

    today = timezone.localdate()
    response = client.post(
        "/taskforces/new/",
        {
            "partnership_type": PartnershipType.objects.get(code="tf_fraud").pk,
            "lead_agency": agency_a.pk,
            "name": "Fraud Task Force",
            "challenge": "document_fraud",
            "area": "Alpha County",
            "ice_lead": agent.pk,
            "starts_on": today.isoformat(),
            "review_on": (today + timedelta(days=365)).isoformat(),
            "agencies": [agency_b.pk],
            "objectives": "Close document mills | Mills closed\n",
        },
    )
    assert response.status_code == 302
    created = TaskForce.objects.get(name="Fraud Task Force")
    assert set(created.participations.values_list("agency", flat=True)) == {
        agency_a.pk,
        agency_b.pk,
    }
    assert created.objectives.get().objective == "Close document mills"
    # A field agent may not open one: 404, nothing stored.
    denied = client_as("ice_field_agent").post("/taskforces/new/", {"name": "Another"})
    assert denied.status_code == 404
    assert TaskForce.objects.count() == 1


def test_the_plan_page_checks_each_member(client_as, task_force, agent, operation):
    client = client_as(agent)
    lead = task_force.members.get()
    response = client.post(
        f"/taskforces/{task_force.pk}/operations/new/",
        {
            "name": "Operation Second",
            "starts_on": timezone.localdate().isoformat(),
            "area": "Alpha County",
            "targets": "AC-2 | Extortion",
            f"member_{lead.pk}": "none",
        },
    )
    assert response.status_code == 302
    second = Operation.objects.get(name="Operation Second")
    assert list(second.participants.values_list("member", "function")) == [(lead.pk, "")]
    outcome = client.post(
        f"/taskforces/operations/{second.pk}/outcomes/",
        {
            "completed_on": timezone.localdate().isoformat(),
            "seizures": 1,
            "prosecution_referrals": 2,
            "victims_identified": 0,
            "arrests_felony_1": 2,
            **{f"arrests_{s}_{lv}": 0 for s in ("misdemeanor", "infraction") for lv in "123"},
            **{f"arrests_felony_{lv}": 0 for lv in "23"},
        },
    )
    assert outcome.status_code == 302
    second.refresh_from_db()
    assert second.status == "completed" and second.arrests == 2


def test_api_lists_shows_and_opens(client_as, agency_a, task_force, agent):
    manager = client_as("ice_program_manager")
    listed = manager.get("/api/taskforces/").json()["results"]
    assert [row["name"] for row in listed] == [task_force.name]
    detail = manager.get(f"/api/taskforces/{task_force.pk}/").json()
    assert detail["agencies"][0]["agency"] == agency_a.pk
    today = timezone.localdate()
    body = {
        "name": "API Task Force",
        "partnership_type": "tf_fraud",
        "challenge": "document_fraud",
        "area": "Alpha County",
        "lead_agency": agency_a.pk,
        "starts_on": today.isoformat(),
        "review_on": (today + timedelta(days=300)).isoformat(),
        "objectives": [{"objective": "Close mills", "measure": "Mills closed"}],
    }
    created = manager.post("/api/taskforces/", body, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["objectives"] == [{"objective": "Close mills", "measure": "Mills closed"}]
    bad = manager.post(
        "/api/taskforces/",
        {**body, "name": "Bad", "review_on": today.isoformat()},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert bad.json()["error"]["code"] == "invalid"
    assert "review_on" in bad.json()["error"]["fields"]
    assert not TaskForce.objects.filter(name="Bad").exists()
    denied = client_as("ice_field_agent").post(
        "/api/taskforces/", {**body, "name": "Denied"}, content_type="application/json"
    )
    assert denied.status_code == 404
    assert not TaskForce.objects.filter(name="Denied").exists()


def test_api_members_list_and_add(client_as, task_force, agent, make_user, agency_a):
    lead_client = client_as(agent)
    rows = lead_client.get(f"/api/taskforces/{task_force.pk}/members/").json()
    assert [r["role"] for r in rows] == ["ice_lead"]
    analyst = make_user("ice_field_agent", username="analyst.ice")
    added = lead_client.post(
        f"/api/taskforces/{task_force.pk}/members/",
        {"user": analyst.pk, "role": "analyst", "starts_on": timezone.localdate().isoformat()},
        content_type="application/json",
    )
    assert added.status_code == 201, added.content
    # A participating agency's liaison reads but may not add.
    liaison = client_as("agency_liaison", agency_a)
    assert liaison.get(f"/api/taskforces/{task_force.pk}/members/").status_code == 200
    denied = liaison.post(
        f"/api/taskforces/{task_force.pk}/members/",
        {"user": analyst.pk, "role": "analyst", "starts_on": timezone.localdate().isoformat()},
        content_type="application/json",
    )
    assert denied.status_code == 404
    assert Member.objects.filter(task_force=task_force).count() == 2


def test_api_operations_list_targets_participants_and_outcomes(
    client_as, agency_a, task_force, operation
):
    rows = client_as("ice_program_manager").get(f"/api/taskforces/{task_force.pk}/operations/")
    assert rows.status_code == 200
    (row,) = rows.json()
    assert row["id"] == operation.pk and row["name"] == "Operation Northwind"
    assert row["status"] == "planned" and row["arrests"] == []
    assert row["targets"] == [{"case_number": "AC-1", "description": "Armed robberies"}]
    assert [p["member"] for p in row["participants"]] == [task_force.members.get().pk]
    # A liaison of a participating agency reads them too; nothing is written by a GET.
    liaison = client_as("agency_liaison", agency_a)
    assert liaison.get(f"/api/taskforces/{task_force.pk}/operations/").json()[0]["id"] == (
        operation.pk
    )
    assert liaison.post(f"/api/taskforces/{task_force.pk}/operations/", {}).status_code == 405
