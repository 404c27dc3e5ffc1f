"""The joint task-force agreement template, and the intake hook: activating a task-force
agreement opens its task force, planned, linked to the request and the agreement."""

from __future__ import annotations

import pytest
from django.utils import timezone

from access.agreements import actions as agreement_actions
from access.agreements.models import Agreement, ClauseTemplate
from access.audit.models import AuditEvent
from access.core.actors import SystemActor, bound_actor
from access.partnerships.models import AccessRequest, PartnershipType
from access.taskforces.models import TaskForce

pytestmark = pytest.mark.django_db
SETUP = SystemActor("task-force intake tests")


def test_one_template_serves_the_three_task_force_types(manager, agency_a):
    template = ClauseTemplate.in_effect("JTF", timezone.localdate())
    keys = [s["key"] for s in template.sections]
    for key in ("charter", "members", "supervision", "information_sharing", "costs"):
        assert key in keys
    assert keys[-3:-1] == ["duration", "termination"]
    for code in ("tf_gangs", "tf_fraud", "ocs"):
        draft = agreement_actions.draft_agreement(
            manager,
            agency=agency_a,
            partnership_type=PartnershipType.objects.get(code=code),
        )
        text = " ".join(s["text"] for s in draft.current_version.sections)
        assert agency_a.name in text and "28 CFR Part 23" in text
        assert "{{" not in text


def test_activating_a_task_force_agreement_opens_its_task_force(manager, agency_a, liaison):
    with bound_actor(SETUP):
        request = AccessRequest.objects.create(
            agency=agency_a,
            filed_by=liaison,
            challenges=["gangs"],
            status="agreement_in_progress",
            assigned_agent=manager,
        )
    agreement = agreement_actions.draft_agreement(
        manager,
        agency=agency_a,
        partnership_type=PartnershipType.objects.get(code="ocs"),
        access_request=request,
    )
    Agreement.objects.filter(pk=agreement.pk).update(status="signed")
    agreement.refresh_from_db()
    assert not TaskForce.objects.exists()
    agreement_actions.apply_transition(manager, agreement, "activate", reason="Both signed")
    task_force = TaskForce.objects.get()
    assert (task_force.agreement, task_force.access_request) == (agreement, request)
    assert task_force.status == "planned" and task_force.community_shield
    assert task_force.challenge == "transnational_gangs"
    assert task_force.review_on > task_force.starts_on
    assert list(task_force.participations.values_list("agency", flat=True)) == [agency_a.pk]
    assert AuditEvent.objects.filter(action="taskforces.open_from_agreement").count() == 1


def test_a_287g_agreement_opens_no_task_force(manager, agency_a):
    agreement = agreement_actions.draft_agreement(
        manager, agency=agency_a, partnership_type=PartnershipType.objects.get(code="287g_wso")
    )
    Agreement.objects.filter(pk=agreement.pk).update(status="signed")
    agreement.refresh_from_db()
    agreement_actions.apply_transition(manager, agreement, "activate", reason="Both signed")
    assert not TaskForce.objects.exists()


def test_a_renewal_carries_the_task_force_onto_the_agreement_in_force(manager, agency_a):
    original = agreement_actions.draft_agreement(
        manager, agency=agency_a, partnership_type=PartnershipType.objects.get(code="tf_gangs")
    )
    Agreement.objects.filter(pk=original.pk).update(status="signed")
    original.refresh_from_db()
    agreement_actions.apply_transition(manager, original, "activate", reason="Both signed")
    task_force = TaskForce.objects.get()
    assert task_force.agreement == original
    renewal = agreement_actions.start_amendment(
        manager, original, kind="renewal", reason="A second term"
    )
    Agreement.objects.filter(pk=renewal.pk).update(status="signed")
    renewal.refresh_from_db()
    agreement_actions.apply_transition(manager, renewal, "activate", reason="Both signed")
    task_force.refresh_from_db()
    assert task_force.agreement == renewal
    assert TaskForce.objects.count() == 1  # moved, not opened again
    moved = AuditEvent.objects.get(action="taskforces.change_charter")
    assert moved.details["replaces"] == original.pk and moved.details["agreement"] == renewal.pk
    original.refresh_from_db()
    assert original.status == "superseded"
