"""Every step that waits on someone puts an item in their home queue and notifies them."""

from __future__ import annotations

from datetime import date

import pytest
from tests.agreements.conftest import advance, pdf_upload

from access.agreements import actions
from access.audit.models import AuditEvent
from access.messaging.models import Notification
from access.site.queues import queues_for


def _titles(user) -> list[str]:
    return [item["title"] for queue in queues_for(user) for item in queue["items"]]


def _told(user) -> list[str]:
    return list(
        Notification.objects.filter(recipient=user, kind="awaiting_action")
        .order_by("pk")
        .values_list("subject", flat=True)
    )


@pytest.fixture
def legal(make_user):
    return make_user("ice_program_manager", username="legal.reviewer")


def test_each_waiting_state_of_an_agreement_reaches_who_must_act(
    draft, manager, liaison, legal, client_as
):
    people = {"manager": manager, "liaison": liaison}
    agreement = draft()
    pk = agreement.pk
    assert f"Complete agreement #{pk} and submit it to ICE legal review" in _titles(manager)
    actions.apply_transition(manager, agreement, "submit_for_legal_review", reason="Ready")
    review = f"Review agreement #{pk} for ICE legal sufficiency"
    assert _told(legal) == [review] and review in _titles(legal)
    assert _told(manager) == []  # the actor is not told about their own step
    event = AuditEvent.objects.filter(action="agreement.submit_for_legal_review").get()
    assert event.details["notified"] == ["legal.reviewer"]
    assert _titles(liaison) == []
    actions.apply_transition(legal, agreement, "approve_legal_review", reason="Sufficient")
    agency_review = f"Review agreement #{pk} for your agency"
    assert _told(liaison) == [agency_review]
    page = client_as(liaison).get("/").content.decode()
    assert agency_review in page
    # Returned to draft: the drafter is told and has it again.
    actions.apply_transition(liaison, agreement, "return_from_agency_review", reason="Clause 4")
    complete = f"Complete agreement #{pk} and submit it to ICE legal review"
    assert _told(manager) == [complete] and complete in _titles(manager)
    agreement = advance(agreement, people, until="sign")
    sign = f"Sign agreement #{pk}"
    assert sign in _titles(liaison) and sign in _titles(manager) and sign in _titles(legal)
    # The liaison approved it (and so is not told again); each ICE signer is told.
    assert sign in _told(manager) and sign in _told(legal) and sign not in _told(liaison)
    actions.sign(
        liaison,
        agreement,
        name="Pat Doe",
        title="Sheriff",
        signed_on=date(2025, 7, 1),
        document=pdf_upload(),
    )
    assert sign not in _titles(liaison) and sign in _titles(manager)
    actions.sign(
        manager,
        agreement,
        name="Robin Hale",
        title="FOD",
        signed_on=date(2025, 7, 3),
        document=pdf_upload(),
    )
    activate = f"Activate agreement #{pk}: both parties have signed"
    assert activate in _titles(legal) and activate in _told(legal)
    assert activate in _titles(manager)
    actions.apply_transition(manager, agreement, "activate", reason="Signed")
    for person in (manager, liaison, legal):
        assert not any(f"agreement #{pk}" in t for t in _titles(person) if "Renew" not in t)


def test_each_waiting_state_of_a_request_reaches_who_must_act(
    client_as, make_user, agency_a, ice_office
):
    from tests.partnerships.test_intake import ASSESSMENT

    agent = make_user("ice_field_agent", username="agent.two")
    manager = make_user("ice_program_manager", username="pm.two")
    liaison = client_as("agency_liaison", agency_a)
    liaison.post(
        "/requests/new/",
        {"challenges": ["gangs"], "has_jail": "on", "jail_name": "J", "staff_committable": "2"},
    )
    from access.partnerships.models import AccessRequest, PartnershipType

    req = AccessRequest.objects.get()
    liaison.post(f"/requests/{req.pk}/submit/")
    assign = f"Assign request #{req.pk} to a field office and an agent"
    assert _told(manager) == [assign]
    assert f"Request #{req.pk} from {agency_a.name} is submitted" in _titles(manager)
    client_as(manager).post(
        f"/requests/{req.pk}/assign/", {"field_office": ice_office.pk, "agent": agent.pk}
    )
    assert _told(agent) == [f"Assess the needs of request #{req.pk}"]
    as_agent = client_as(agent)
    as_agent.post(f"/requests/{req.pk}/assessment/", ASSESSMENT)
    as_agent.post(
        f"/requests/{req.pk}/decision/",
        {"chosen": [PartnershipType.objects.get(code="287g_jem").pk]},
    )
    as_agent.post(f"/requests/{req.pk}/plan/", {"objectives": "Screen bookings."})
    as_agent.post(
        f"/requests/{req.pk}/plan/milestones/new/",
        {"title": "Nominate", "owner": agent.pk, "due_on": date.today().isoformat()},
    )
    as_agent.post(f"/requests/{req.pk}/agree-plan/")
    as_agent.post(f"/requests/{req.pk}/start-agreement/")
    req.refresh_from_db()
    assert req.status == "agreement_in_progress"
    # The agent's own steps tell nobody else; the request stays in their queue until drafted.
    assert any(f"Request #{req.pk}" in t for t in _titles(agent))
