"""What people read on screen (issue 15): plain first versions, grouped navigation, the
keyboard on sign-in, readable audit values, the public page's pages and past dates."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from tests.browser.conftest import assert_accessible, sign_in
from tests.conftest import PASSWORD, otp_code

from access.agreements import actions as agreement_actions
from access.audit.models import AuditEvent
from access.partnerships.models import PartnershipType

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_version_one_of_an_agreement_reads_as_plain_text(
    page, live_server, make_user, agency_a, ice_office
):
    manager = make_user("ice_program_manager")
    agreement = agreement_actions.draft_agreement(
        manager,
        agency=agency_a,
        partnership_type=PartnershipType.objects.get(code="287g_jem"),
        supervising_office=ice_office,
        officer_limit=10,
    )
    sign_in(page, live_server, manager)
    page.goto(f"/agreements/{agreement.pk}/versions/1/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Version 1 of agreement #{agreement.pk}"
    )
    expect(page.get_by_text("The first version, shown as written.")).to_be_visible()
    expect(page.locator("main ins, main del")).to_have_count(0)
    expect(page.locator("main .usa-tag").filter(has_text="Changed")).to_have_count(0)
    expect(page.get_by_role("columnheader", name="Changed")).to_have_count(0)
    assert_accessible(page)


def test_enter_on_the_consent_box_does_not_submit_and_the_code_field_has_focus(
    page, live_server, make_user
):
    user = make_user("agency_liaison")
    page.goto("/accounts/login/")
    checkbox = page.get_by_label("I have read the notice above")
    checkbox.focus()
    page.keyboard.press("Space")
    expect(checkbox).to_be_checked()
    page.keyboard.press("Enter")
    # Not submitted: no errors, the box still ticked, the fields still to fill.
    expect(page.locator(".usa-error-message")).to_have_count(0)
    expect(checkbox).to_be_checked()
    expect(checkbox).to_be_focused()
    assert AuditEvent.objects.filter(action__startswith="auth.").count() == 0

    page.keyboard.press("Tab")
    page.keyboard.type(user.username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/login/verify/")
    expect(page.get_by_label("One-time code")).to_be_focused()
    assert_accessible(page)
    page.keyboard.type(otp_code(user))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")


def test_the_paste_a_message_form_shows_an_example(page, live_server, make_user, agency_a):
    officer = make_user("agency_officer", agency_a)
    sign_in(page, live_server, officer)
    page.goto("/inquiries/new/?mode=message")
    example = page.locator("#id_message-example code")
    expect(example).to_have_text(
        "IAQ.FL0000001.AX.TXT.PUR/C.ATN/DET R MILLER.PHN/555-010-0199.NAM/DOE,JOHN."
        "DOB/19850314.SEX/M.POB/MX.CUS/Y.OFF/1313.RSN/TRAFFIC STOP.CAS/24-00123."
    )
    assert_accessible(page)
