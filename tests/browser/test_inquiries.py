"""LESC inquiries in Chromium: officer submits -> analyst verifies -> officer reads the IAR;
and the citizenship stop. axe on every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.test_intake import sign_out
from tests.inquiries.conftest import (  # noqa: F401  (fixtures used by name)
    _engine,
    model_file,
    pick_subject,
    population,
    store,
)

from access.inquiries.models import Inquiry

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def tick(page: Page, text: str) -> None:
    """USWDS draws checkboxes and radios on the label; click the label as a person does."""
    page.locator("label", has_text=text).first.click()


def send_inquiry(
    page: Page, subject: dict[str, str], claims: bool = False, in_custody: bool = True
) -> None:
    page.goto("/inquiries/")
    assert_accessible(page)
    page.get_by_role("link", name="Send an inquiry").click()
    page.get_by_label("Reason for the inquiry").fill("Traffic stop, no licence")
    page.get_by_label("Case number").fill("24-00123")
    page.get_by_label("Requesting officer").fill("DET R MILLER")
    for label, field in (
        ("Family name", "family_name"),
        ("Given name", "given_name"),
        ("Date of birth", "date_of_birth"),
        ("A-number", "a_number"),
    ):
        if subject.get(field):
            page.get_by_label(label, exact=True).fill(subject[field])
    if in_custody:
        tick(page, "The subject is in custody")
    if claims:
        tick(page, "The subject claims U.S. citizenship")
    assert_accessible(page)
    page.get_by_role("button", name="Send the inquiry").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Inquiry #")
    assert_accessible(page)


def test_officer_submits_analyst_verifies_officer_reads_the_iar(
    page,
    live_server,
    make_user,
    agency_a,
    store,  # noqa: F811
):
    officer = make_user("agency_officer", agency_a, username="officer.a")
    analyst = make_user("lesc_analyst", username="analyst.a")
    subject = pick_subject(citizen=False)

    sign_in(page, live_server, officer)
    send_inquiry(page, subject)
    expect(page.locator(".usa-tag").first).to_have_text("Awaiting an analyst")
    inquiry_url = page.url
    sign_out(page)

    sign_in(page, live_server, analyst)
    page.goto("/inquiries/queue/")
    assert_accessible(page)
    page.get_by_role("link", name="#").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Compare record").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("beside record")
    assert_accessible(page)
    page.get_by_role("link", name="Back to the inquiry").click()
    page.get_by_role("link", name="Record the determination").click()
    tick(page, "Record found and verified")
    page.get_by_label("Verified record").select_option(index=1)
    tick(page, "DHS immigration indices")
    tick(page, "Side-by-side comparison")
    page.get_by_label("Notes on the evidence").fill("Name, date of birth and A-file agree.")
    assert_accessible(page)
    page.get_by_role("button", name="Record").click()
    expect(page.locator(".usa-tag").first).to_have_text("Answered")
    sign_out(page)

    sign_in(page, live_server, officer)
    page.goto(inquiry_url)
    page.get_by_role("link", name="Read the response (IAR)").click()
    expect(page.get_by_text("Record found and verified").first).to_be_visible()
    expect(page.locator("#iar-text")).to_contain_text("DET/RECORD FOUND AND VERIFIED.")
    assert_accessible(page)
    assert Inquiry.objects.get().determination == "found_verified"


def test_a_citizenship_claim_waits_for_the_supervisor(page, live_server, make_user, agency_a):
    officer = make_user("agency_officer", agency_a, username="officer.b")
    supervisor = make_user("ice_supervisor", username="supervisor.b")

    sign_in(page, live_server, officer)
    send_inquiry(page, {"a_number": "A012345678"}, claims=True)
    expect(page.get_by_role("alert")).to_contain_text("Citizenship stop")
    expect(page.get_by_role("link", name="Read the response (IAR)")).to_have_count(0)
    inquiry_url = page.url
    sign_out(page)

    sign_in(page, live_server, supervisor)
    page.goto("/inquiries/citizenship-stops/")
    assert_accessible(page)
    page.get_by_role("link", name="#").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Record the supervisor's decision").click()
    tick(page, "U.S. citizenship indicated: no immigration action")
    page.get_by_label("Reasons").fill("Birth certificate from Texas confirmed.")
    assert_accessible(page)
    page.get_by_role("button", name="Record").click()
    expect(page.locator(".usa-tag").first).to_have_text("Supervisor decided")
    sign_out(page)

    sign_in(page, live_server, officer)
    page.goto(inquiry_url)
    page.get_by_role("link", name="Read the response (IAR)").click()
    expect(page.locator("#iar-text")).to_contain_text("U S CITIZENSHIP IS INDICATED")
    assert_accessible(page)


def test_oversight_configures_a_rule_and_closes_its_flag(page, live_server, make_user, agency_a):
    oversight = make_user("oversight_auditor", username="oversight.c")
    officer = make_user("agency_officer", agency_a, username="officer.c")

    sign_in(page, live_server, oversight)
    page.goto("/inquiries/misuse/rules/")
    assert_accessible(page)
    tick(page, "An inquiry with no charge")
    page.get_by_role("button", name="Add the rule").click()
    expect(page.get_by_text("Rule added.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    sign_in(page, live_server, officer)
    send_inquiry(page, {"a_number": "A012345678"}, in_custody=False)
    sign_out(page)

    sign_in(page, live_server, oversight)
    page.goto("/inquiries/misuse/flags/")
    assert_accessible(page)
    page.get_by_role("link", name="Flag #").first.click()
    assert_accessible(page)
    tick(page, "No misuse: a legitimate purpose was documented")
    page.get_by_label("Reasons for the finding").fill("Charge pending entry; purpose documented.")
    page.get_by_role("button", name="Close the flag").click()
    expect(page.get_by_text("closed.")).to_be_visible()
    assert_accessible(page)
