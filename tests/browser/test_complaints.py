"""A complaint from the public form to OPR's resolution in a real browser, axe on every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.test_officers import warm_up
from tests.complaints.conftest import (  # noqa: F401  (fixtures shared with the officers tests)
    agent,
    director,
    liaison,
    manager,
    people,
    supervisor,
    walk,
)
from tests.officers.conftest import make_agreement

from access.complaints.models import Complaint

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def agreement(agency_a):
    return make_agreement(agency_a)


def test_a_member_of_the_public_files_and_follows_a_complaint(page: Page, live_server, agreement):
    warm_up(live_server)
    page.goto(f"{live_server.url}/complaints/file/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("File a complaint")
    assert_accessible(page)
    # the honeypot is out of reach of keyboard and screen reader users
    expect(page.get_by_label("Leave this field empty")).to_be_hidden()
    page.get_by_role("button", name="Send the complaint").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Agency complained about").select_option(value=str(agreement.agency_id))
    page.get_by_label("What happened").fill("Held after my release time without a reason.")
    page.get_by_label("What happened").press("Tab")
    page.keyboard.press("Tab")
    page.get_by_role("button", name="Send the complaint").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your complaint was received")
    assert_accessible(page)
    code = page.locator("#receipt-code").inner_text()
    assert code == Complaint.objects.get().display_code

    page.get_by_role("link", name="complaint status page").click()
    assert_accessible(page)
    page.get_by_label("Receipt code").fill(code.lower())
    page.get_by_role("button", name="Show the status").click()
    expect(page.get_by_role("heading", name=f"Complaint {code}")).to_be_visible()
    expect(
        page.get_by_text("Referred to ICE's Office of Professional Responsibility")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Receipt code").fill("ZZZZ-ZZZZ-ZZZZ")
    page.get_by_role("button", name="Show the status").click()
    expect(page.get_by_text("No complaint has that receipt code")).to_be_visible()
    assert_accessible(page)


def test_opr_assigns_suspends_and_resolves(page: Page, live_server, make_user, agreement, walk):  # noqa: F811
    warm_up(live_server)
    from access.complaints import actions

    opr = make_user("opr_investigator", username="opr.one")
    officer = walk("authorized")
    complaint = actions.file_by_staff(
        opr,
        agency=agreement.agency,
        narrative="Force during transport.",
        officer_description="Deputy",
    )
    sign_in(page, live_server, opr)
    expect(page.get_by_text(f"{complaint} about")).to_be_visible()
    page.goto(f"{live_server.url}/complaints/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Complaints")
    assert_accessible(page)
    page.get_by_role("link", name=complaint.display_code).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(str(complaint))
    assert_accessible(page)

    page.get_by_role("link", name="Assign").click()
    assert_accessible(page)
    page.get_by_label("OPR investigator").select_option(value=str(opr.pk))
    page.get_by_label("Officer complained about").select_option(value=str(officer.pk))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Under investigation")).to_be_visible()

    page.get_by_role("link", name="Suspend the officer while pending").click()
    assert_accessible(page)
    page.get_by_label("Why the officer's authority is suspended").fill("Allegation of force")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("(in force)")).to_be_visible()

    page.get_by_role("link", name="Resolve").click()
    assert_accessible(page)
    page.get_by_label("Finding").select_option(value="not_sustained")
    page.get_by_label("Resolution (for the record)").fill("Video inconclusive.")
    page.get_by_label("Notice to the complainant").fill("Your complaint was not sustained.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Resolved; the complainant was notified")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/complaints/record/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Record a complaint")
    assert_accessible(page)
