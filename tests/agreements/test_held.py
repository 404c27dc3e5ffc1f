"""An agency that holds an agreement in force under a type gets no second one: the conflict is
caught when the partnership is chosen and when a draft is started, naming that agreement."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from tests.agreements.conftest import advance

from access.agreements.models import Agreement, ClauseTemplate
from access.audit.models import AuditEvent
from access.core.actors import SystemActor, bound_actor
from access.partnerships import actions as intake
from access.partnerships.models import (
    AccessRequest,
    NeedsAssessment,
    PartnershipDecision,
    PartnershipType,
)

SETUP = SystemActor("test setup")


@pytest.fixture
def active(draft, manager, liaison) -> Agreement:
    return advance(draft(), {"manager": manager, "liaison": liaison})


def _sentence(agreement: Agreement) -> str:
    return (
        "Alpha County Sheriff's Office already holds a 287(g) Jail Enforcement Model agreement "
        f"in force: agreement #{agreement.pk}, Active. Start a modification or a renewal of "
        "that agreement instead of a new one."
    )


def test_a_draft_for_a_type_held_in_force_is_refused_naming_the_agreement(
    active, draft, client_as, manager, agency_a, ice_office, jem
):
    count = Agreement.objects.count()
    with pytest.raises(ValidationError) as refused:
        draft()
    assert refused.value.messages == [_sentence(active)]
    response = client_as(manager).post(
        "/agreements/new/",
        {
            "agency": agency_a.pk,
            "partnership_type": jem.pk,
            "supervising_office": ice_office.pk,
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["partnership_type"] == [_sentence(active)]
    assert Agreement.objects.count() == count
    # Another type is still open to the same agency.
    assert draft(code="287g_wso").status == "draft"


def _request_at(status: str, agency, manager, agent) -> AccessRequest:
    """A request already at ``status`` (set up directly: the steps are tested elsewhere)."""
    with bound_actor(SETUP):
        return _create(status, agency, manager, agent)


def _create(status: str, agency, manager, agent) -> AccessRequest:
    request = AccessRequest.objects.create(
        agency=agency,
        filed_by=manager,
        challenges=["gangs"],
        has_jail=True,
        status=status,
        assigned_agent=agent,
    )
    NeedsAssessment.objects.create(
        request=request,
        jail_average_daily_population=900,
        annual_bookings=15000,
        screening_share_percent=10,
        gang_indicator=1,
        sustainable_staff=5,
        sustainable_budget=200000,
    )
    return request


def test_choosing_a_type_held_in_force_is_refused_and_nothing_is_recorded(
    active, manager, agency_a, jem
):
    request = _request_at("assessing", agency_a, manager, manager)
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        intake.decide(manager, request, [jem], reason="")
    assert refused.value.messages == [_sentence(active)]
    assert not PartnershipDecision.objects.exists() and AuditEvent.objects.count() == events


def test_the_request_page_offers_drafting_only_where_it_can_work(
    active, client_as, manager, agency_a, jem
):
    request = _request_at("agreement_in_progress", agency_a, manager, manager)
    task_force = PartnershipType.objects.get(code="tf_gangs")
    wso = PartnershipType.objects.get(code="287g_wso")
    with bound_actor(SETUP):
        # A type with no template in effect: the joint task-force template withdrawn here.
        ClauseTemplate.objects.filter(model_code="JTF").delete()
        decision = PartnershipDecision.objects.create(
            request=request,
            ranking=[],
            differs_from_recommendation=False,
            decided_by=manager,
            settings_version=intake.effective_settings(),
        )
        decision.chosen.set([jem, task_force, wso])
    page = client_as(manager).get(f"/requests/{request.pk}/").content.decode()
    assert f"partnership_type={wso.pk}&amp;access_request={request.pk}" in page
    assert f"partnership_type={jem.pk}&amp;" not in page
    assert f"partnership_type={task_force.pk}&amp;" not in page
    assert f'<a class="usa-link" href="/agreements/{active.pk}/">agreement #{active.pk}</a>' in page
    assert "open it to start a modification or a renewal" in page
    assert f"{task_force.name}: no clause template exists" in page
