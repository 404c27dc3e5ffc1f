"""A JEM agreement from draft to active in a real browser, with axe on every page visited."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from tests.browser.conftest import TIMEOUT_MS, VIEWPORT, assert_accessible, sign_in

from access.agencies import actions as agency_actions
from access.agencies.models import Contact
from access.agreements.models import Agreement
from access.core.actors import SystemActor

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def small_pdf(tmp_path) -> str:
    """A real one-page PDF, made with WeasyPrint (already a dependency)."""
    import logging

    from weasyprint import HTML

    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

    path = tmp_path / "signed.pdf"
    path.write_bytes(HTML(string="<p>Signed copy</p>").write_pdf())
    return str(path)


def status_tag(page: Page):
    return page.locator("main p").filter(has_text="Status:").locator(".usa-tag").first


def take_step(page: Page, button: str, reason: str) -> None:
    page.get_by_label("Reason").fill(reason)
    page.get_by_role("button", name=button, exact=True).click()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


def sign_as_party(page: Page, party: str, name: str, title: str, day: str, pdf: str) -> None:
    page.get_by_role("link", name=f"Sign for {party}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sign agreement")
    assert_accessible(page)
    page.get_by_label("Signatory name").fill(name)
    page.get_by_label("Signatory title").fill(title)
    page.get_by_label("Date signed").fill(day)
    page.get_by_label("Signed agreement (PDF)").set_input_files(pdf)
    page.get_by_role("button", name="Record signature").click()
    expect(page.get_by_role("status").filter(has_text="Recorded the signature")).to_be_visible()


def test_a_jem_agreement_from_draft_to_active(
    page, browser, live_server, make_user, agency_a, ice_office, tmp_path
):
    manager = make_user("ice_program_manager")
    liaison = make_user("agency_liaison", agency_a)
    agency_actions.save_contact(
        SystemActor("test"), Contact(agency=agency_a), name="Dana Reyes", title="Chief Deputy"
    )
    pdf = small_pdf(tmp_path)

    # The program manager drafts the agreement.
    sign_in(page, live_server, manager)
    page.goto(f"{live_server.url}/agreements/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Agreements")
    assert_accessible(page)
    page.get_by_role("link", name="Add", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New agreement")
    assert_accessible(page)
    page.get_by_label("Agency *", exact=True).select_option(label=str(agency_a))
    page.get_by_label("Partnership type").select_option(label="287(g) Jail Enforcement Model")
    page.get_by_label("Supervising ICE office").select_option(label=str(ice_office))
    page.get_by_label("Officer limit").fill("10")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(agency_a.name)
    expect(status_tag(page)).to_have_text("Draft")
    assert_accessible(page)
    agreement = Agreement.objects.get()

    # An edit makes version 2; its page shows the difference.
    page.get_by_role("link", name="Edit text").click()
    assert_accessible(page)
    page.get_by_label("Reporting requirements").fill("The LEA reports to ICE every month.")
    page.get_by_label("What changed and why").fill("Monthly reporting")
    page.get_by_role("button", name="Save as a new version").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Version 2 of agreement #{agreement.pk}"
    )
    expect(page.get_by_text("Compared with version 1: 1 section changed.")).to_be_visible()
    expect(page.locator("ins").filter(has_text="month.")).to_have_count(1)
    assert_accessible(page)
    page.get_by_role("link", name="Back to the agreement").click()

    take_step(page, "Submit to ICE legal review", "Draft complete")
    expect(status_tag(page)).to_have_text("ICE legal review")
    take_step(page, "Approve ICE legal review", "Legal review found no issues")
    expect(status_tag(page)).to_have_text("Agency review")

    # The agency's liaison, in a browser of their own, approves and signs.
    other = browser.new_context(viewport=VIEWPORT, locale="en-US")
    other.set_default_timeout(TIMEOUT_MS)
    agency_page = other.new_page()
    sign_in(agency_page, live_server, liaison)
    agency_page.goto(f"{live_server.url}/agreements/{agreement.pk}/")
    assert_accessible(agency_page)
    take_step(agency_page, "Approve agency review", "The county attorney approved the text")
    expect(status_tag(agency_page)).to_have_text("Approved for signature")
    sign_as_party(agency_page, "Law enforcement agency", "Pat Doe", "Sheriff", "2025-07-01", pdf)
    expect(status_tag(agency_page)).to_have_text("Approved for signature")
    sign_out(agency_page)
    other.close()

    # ICE signs and activates.
    page.goto(f"{live_server.url}/agreements/{agreement.pk}/")
    sign_as_party(
        page,
        "U.S. Immigration and Customs Enforcement",
        "Kim Lee",
        "Field Office Director",
        "2025-07-03",
        pdf,
    )
    expect(status_tag(page)).to_have_text("Signed")
    take_step(page, "Activate", "Both parties signed")
    expect(status_tag(page)).to_have_text("Active")
    assert_accessible(page)

    agreement.refresh_from_db()
    assert agreement.status == "active"
    assert (str(agreement.effective_on), str(agreement.expires_on)) == ("2025-07-03", "2028-07-03")
    assert sorted(agreement.signatures.values_list("party", "name")) == [
        ("agency", "Pat Doe"),
        ("ice", "Kim Lee"),
    ]
