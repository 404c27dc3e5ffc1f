"""The workflow pages changed for issue 15, in a real browser with axe: recommendation settings
as a form, starting a modification of an agreement in force and signing it with the changes
shown, and the request page that names the agreement already in force."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect
from tests.agreements.conftest import PATH_TO_ACTIVE, pdf_upload
from tests.browser.conftest import assert_accessible, nav_link, sign_in

from access.agreements import actions
from access.agreements.models import Agreement, ClauseTemplate
from access.core.actors import SystemActor, bound_actor
from access.partnerships import actions as intake
from access.partnerships.models import (
    AccessRequest,
    PartnershipDecision,
    PartnershipType,
    RecommendationSettings,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
SETUP = SystemActor("browser test set-up")


def _walk(agreement: Agreement, people: dict, until: str | None = None) -> Agreement:
    for who, step in PATH_TO_ACTIVE:
        if step == until:
            break
        if step == "sign":
            actions.sign(
                people[who],
                agreement,
                name="A Signer",
                title="Title",
                signed_on=date(2025, 7, 1),
                document=pdf_upload(),
            )
        else:
            actions.apply_transition(people[who], agreement, step, reason=step)
    return Agreement.objects.get(pk=agreement.pk)


def test_settings_form_modification_and_request_page(
    page: Page, live_server, make_user, agency_a, ice_office
):
    manager = make_user("ice_program_manager")
    liaison = make_user("agency_liaison", agency_a)
    people = {"manager": manager, "liaison": liaison}
    jem = PartnershipType.objects.get(code="287g_jem")
    active = _walk(
        actions.draft_agreement(
            manager, agency=agency_a, partnership_type=jem, supervising_office=ice_office
        ),
        people,
    )
    sign_in(page, live_server, manager)

    # Recommendation settings: reached from the navigation, a form rather than JSON.
    nav_link(page, "Recommendation settings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recommendation rules and weights")
    assert_accessible(page)
    page.get_by_label("Effective from (UTC)").fill("2030-01-01T00:00")
    page.get_by_label("What changed and why").fill("Weigh benefit higher")
    page.get_by_label("Weight of benefit").fill("0.7")
    page.get_by_role("button", name="Save a new version").click()
    expect(
        page.get_by_role("status").filter(has_text="New recommendation settings")
    ).to_be_visible()
    assert RecommendationSettings.objects.order_by("-pk").first().settings["benefit_weight"] == 0.7

    # A modification of the agreement in force starts from its page.
    page.goto(f"{live_server.url}/agreements/{active.pk}/")
    expect(page.get_by_role("heading", name="Modify or renew")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Why it is needed").fill("Raise the officer limit")
    page.get_by_role("button", name="Start", exact=True).click()
    modification = Agreement.objects.get(amends=active)
    expect(
        page.get_by_role("heading", level=2, name=f"Modification of agreement #{active.pk}")
    ).to_be_visible()
    assert_accessible(page)
    first = modification.current_version.sections[0]
    actions.edit_sections(manager, modification, {first["key"]: first["text"] + " Amended."}, "x")
    _walk(modification, people, until="sign")
    page.goto(f"{live_server.url}/agreements/{modification.pk}/sign/")
    expect(page.get_by_role("table", name="Changes from the text in force")).to_be_visible()
    expect(page.locator("ins").filter(has_text="Amended.")).to_have_count(1)
    assert_accessible(page)

    # The request page names the agreement in force and offers no draft that would fail.
    with bound_actor(SETUP):
        # A type with no template in effect: the joint task-force template withdrawn here.
        ClauseTemplate.objects.filter(model_code="JTF").delete()
        request = AccessRequest.objects.create(
            agency=agency_a,
            filed_by=liaison,
            challenges=["gangs"],
            status="agreement_in_progress",
            assigned_agent=manager,
        )
        decision = PartnershipDecision.objects.create(
            request=request,
            ranking=[],
            differs_from_recommendation=False,
            decided_by=manager,
            settings_version=intake.effective_settings(),
        )
        decision.chosen.set([jem, PartnershipType.objects.get(code="tf_gangs")])
    page.goto(f"{live_server.url}/requests/{request.pk}/")
    expect(page.locator("#held-agreements")).to_contain_text(f"agreement #{active.pk}")
    expect(page.get_by_role("link", name="Draft the agreement")).to_have_count(0)
    expect(page.locator("#draft-options")).to_contain_text("no clause template exists")
    assert_accessible(page)
