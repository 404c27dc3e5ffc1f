"""An officer from nomination to authorization in a real browser, axe on every page."""

from __future__ import annotations

import urllib.request
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from tests.browser.conftest import assert_accessible, sign_in
from tests.officers.conftest import make_agreement

from access.officers.models import Officer

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


def warm_up(live_server) -> None:
    """The first request imports the URL conf (numba and the matching engine: 15 s or more
    on a loaded machine), longer than the browser's 15 s timeout; load it once first."""
    urllib.request.urlopen(f"{live_server.url}/accounts/login/", timeout=180).read()  # nosec B310


def test_an_officer_from_nomination_to_authorization(page, live_server, make_user, agency_a):
    warm_up(live_server)
    agreement = make_agreement(agency_a)
    liaison = make_user("agency_liaison", agency_a)
    agent = make_user("ice_field_agent")
    director = make_user("ice_field_office_director")
    make_user("ice_supervisor", username="sup.one")
    today = timezone.localdate()

    # The liaison nominates one officer; the roster page is there too.
    sign_in(page, live_server, liaison)
    page.goto(f"{live_server.url}/officers/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Officers")
    assert_accessible(page)
    page.get_by_role("link", name="Nominate from a roster file").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("roster file")
    assert_accessible(page)
    page.goto(f"{live_server.url}/officers/nominate/")
    assert_accessible(page)
    page.get_by_label("Agreement").select_option(value=str(agreement.pk))
    page.get_by_label("First name").fill("Avery")
    page.get_by_label("Last name").fill("Stone")
    page.get_by_label("Badge or employee number").fill("CC-42")
    page.get_by_label("Position").fill("Detention deputy")
    page.get_by_label("Date of hire").fill(str(today - timedelta(days=900)))
    page.locator("label[for=id_citizenship_attested]").click()
    page.get_by_label("Agency background check date").fill(str(today - timedelta(days=30)))
    page.get_by_label("Agency background check result").select_option(value="passed")
    page.get_by_label("Why this officer is nominated").fill("Joins the jail unit")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Avery Stone (CC-42)")
    assert_accessible(page)
    officer = Officer.objects.get(badge_number="CC-42")
    page.get_by_role("link", name="Report a disciplinary event").click()
    assert_accessible(page)
    page.get_by_label("Date of the event").fill(str(today - timedelta(days=2)))
    page.get_by_label("What happened").fill("Citizen complaint about a booking")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").filter(has_text="Reported")).to_be_visible()
    sign_out(page)

    # ICE staff record the background check and the exam, then certify.
    sign_in(page, live_server, agent)
    page.goto(f"{live_server.url}/officers/{officer.pk}/")
    page.get_by_label("Review note").fill("Reviewed with the agency")
    page.get_by_role("button", name="Acknowledge").click()
    expect(page.get_by_role("status").filter(has_text="Report acknowledged")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Record the ICE background check").click()
    assert_accessible(page)
    page.get_by_label("Fingerprints submitted").fill(str(today - timedelta(days=10)))
    page.get_by_label("Fingerprint result").select_option(value="passed")
    page.get_by_label("Personal history review").fill("Reviewed")
    page.get_by_label("Disciplinary review").fill("No sustained complaints")
    page.get_by_label("Outcome").select_option(value="cleared")
    page.get_by_label("Reason (the agency sees this)").fill("Nothing disqualifying")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").filter(has_text="Background check recorded")).to_be_visible()
    page.get_by_role("link", name="Record an exam").click()
    assert_accessible(page)
    page.get_by_label("Course").select_option(
        label="287(g) Jail Enforcement Model basic course (four weeks)"
    )
    page.get_by_label("Exam date").fill(str(today - timedelta(days=1)))
    page.get_by_label("Location").fill("Charleston, SC")
    page.get_by_label("Score (%)").fill("84")
    page.get_by_label("Note").fill("Final exam")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").filter(has_text="84%, passed")).to_be_visible()
    page.get_by_label("Reason").fill("Passed the basic course")
    page.get_by_role("button", name="Certify").click()
    expect(page.get_by_role("status").filter(has_text="Certified")).to_be_visible()
    sign_out(page)

    # The field office director authorizes.
    sign_in(page, live_server, director)
    page.goto(f"{live_server.url}/officers/{officer.pk}/")
    page.get_by_role("link", name="Authorize").click()
    assert_accessible(page)
    # USWDS draws the box on the label and moves the input off-screen: click the label.
    for function in (
        "Interview people about their immigration status",
        "Issue immigration detainers",
    ):
        page.locator("label").filter(has_text=function).click()
        expect(page.get_by_label(function)).to_be_checked()
    page.get_by_label("Supervising ICE officer").select_option(
        label="Test Ice_Supervisor (sup.one)"
    )
    page.get_by_label("Reason").fill("Completed training")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main p").filter(has_text="Status:").locator(".usa-tag")).to_have_text(
        "Authorized"
    )
    expect(page.get_by_role("table", name="What the authority check answers")).to_contain_text(
        "Allowed"
    )
    assert_accessible(page)
