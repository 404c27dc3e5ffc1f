"""The intake path in Chromium: request -> assignment -> assessment -> recommendation -> plan."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from tests.browser.conftest import acknowledge, assert_accessible, nav_link, sign_in
from tests.browser.test_agreements import sign_as_party, small_pdf, status_tag, take_step

from access.agreements.models import Agreement
from access.partnerships.models import AccessRequest

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in to ACCESS")).to_be_visible()
    acknowledge(page)  # leaves the form as a new visitor finds it once ticked


def test_from_the_agencys_request_to_an_active_agreement(
    page, live_server, make_user, agency_a, ice_office, tmp_path
):
    """The whole ACCESS path of issue 3: request, assignment, assessment, recommendation with
    reasons, plan, MOA drafted, both reviews, both signatures, active; axe on every page."""
    liaison = make_user("agency_liaison", agency_a, username="liaison.a")
    manager = make_user("ice_program_manager", username="manager.a")
    agent = make_user("ice_field_agent", username="agent.a")

    sign_in(page, live_server, liaison)
    nav_link(page, "Requests").click()
    assert_accessible(page)
    page.get_by_role("link", name="New request").click()
    page.locator("label", has_text="People in our jail who may be removable").click()
    page.locator("label", has_text="Gangs").first.click()
    page.get_by_label("Describe the challenges").fill("Many bookings need immigration screening.")
    page.locator("label", has_text="Our agency runs a jail").click()
    page.get_by_label("Staff your agency could commit").fill("4")
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Request #")
    assert_accessible(page)
    page.get_by_role("button", name="Submit request").click()
    expect(page.locator("main .usa-tag").first).to_have_text("Submitted")
    request_url = page.url
    sign_out(page)

    sign_in(page, live_server, manager)
    expect(
        page.get_by_role("link", name=f"Request #{AccessRequest.objects.get().pk} from")
    ).to_be_visible()
    page.goto(request_url)
    page.get_by_role("link", name="Assign").click()
    page.get_by_label("ICE field office").select_option(label=str(ice_office))
    page.get_by_label("Assigned agent").select_option(label=str(agent))
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main .usa-tag").first).to_have_text("Assigned")
    sign_out(page)

    sign_in(page, live_server, agent)
    page.get_by_role("link", name="Request #").first.click()
    page.get_by_role("link", name="Record needs assessment").click()
    page.get_by_label("Annual bookings").fill("15000")
    page.get_by_label("Share of bookings needing immigration screening (%)").fill("10")
    page.get_by_label("Staff the agency can sustain").fill("5")
    page.get_by_label("Annual budget the agency can sustain (USD)").fill("200000")
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Recommended partnerships")).to_be_visible()
    expect(
        page.get_by_text("about 1,500 bookings a year need immigration screening").first
    ).to_be_visible()
    assert_accessible(page)
    page.locator("label", has_text="287(g) Jail Enforcement Model").last.click()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Decision recorded.")).to_be_visible()
    page.get_by_role("link", name="Write the plan").click()
    page.get_by_label("Objectives").fill("Screen bookings; nominate and train four officers.")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Add a milestone").click()
    page.get_by_label("Milestone").fill("Nominate officers")
    page.get_by_label("Owner").select_option(label=str(agent))
    page.get_by_label("Due").fill("2027-01-15")
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Plan agreed with the agency").click()
    expect(page.locator("main .usa-tag").first).to_have_text("Plan of action agreed")
    page.get_by_role("button", name="Start the agreement").click()
    expect(page.locator("main .usa-tag").first).to_have_text("Agreement in progress")
    assert_accessible(page)
    assert AccessRequest.objects.get().status == "agreement_in_progress"

    # The MOA is drafted from the request, reviewed by ICE legal and the agency, signed, active.
    page.get_by_role("link", name="Draft the agreement: 287(g) Jail Enforcement Model").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New agreement")
    assert_accessible(page)
    page.get_by_label("Supervising ICE office").select_option(label=str(ice_office))
    page.get_by_label("Officer limit").fill("6")
    page.get_by_role("button", name="Save").click()
    expect(status_tag(page)).to_have_text("Draft")
    assert_accessible(page)
    agreement_url = page.url
    take_step(page, "Submit to ICE legal review", "Drafted from the agreed plan")
    expect(status_tag(page)).to_have_text("ICE legal review")
    sign_out(page)

    pdf = small_pdf(tmp_path)
    sign_in(page, live_server, manager)
    page.goto(agreement_url)
    take_step(page, "Approve ICE legal review", "No legal issues")
    expect(status_tag(page)).to_have_text("Agency review")
    sign_out(page)

    sign_in(page, live_server, liaison)
    page.goto(agreement_url)
    assert_accessible(page)
    take_step(page, "Approve agency review", "Approved by the county attorney")
    sign_as_party(page, "Law enforcement agency", "Pat Doe", "Sheriff", "2026-12-01", pdf)
    sign_out(page)

    # A second ICE official signs for ICE (and codes work once per 30 s for the first one).
    sign_in(page, live_server, make_user("ice_program_manager", username="director.a"))
    page.goto(agreement_url)
    sign_as_party(
        page,
        "U.S. Immigration and Customs Enforcement",
        "Kim Lee",
        "Field Office Director",
        "2026-12-02",
        pdf,
    )
    take_step(page, "Activate", "Both parties signed")
    expect(status_tag(page)).to_have_text("Active")
    assert_accessible(page)
    agreement = Agreement.objects.get()
    assert agreement.status == "active" and agreement.access_request == AccessRequest.objects.get()
