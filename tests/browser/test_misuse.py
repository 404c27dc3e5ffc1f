"""Misuse review in Chromium: oversight configures a rule and closes a flag with a finding; the
agency case register (add, import with a row report, close); the account address page. Every
page axe-clean and operated by keyboard."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect
from tests.browser.conftest import assert_accessible, nav_link, sign_in
from tests.inquiries.conftest import BASE

from access.audit.models import AuditEvent
from access.inquiries import actions
from access.inquiries.choices import Channel
from access.inquiries.message import check
from access.inquiries.models import AgencyCase, MisuseFlag, MisuseRule

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def field(page: Page, label: str):
    """The form field whose label starts with ``label`` (a required field's label ends in *)."""
    return page.get_by_label(re.compile("^" + re.escape(label)))


def type_into(page: Page, label: str, text: str) -> None:
    """Focus a field and type into it with the keyboard, as a person without a mouse does."""
    box = field(page, label)
    box.focus()
    expect(box).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def press_button(page: Page, name: str) -> None:
    """Move focus to a button and activate it with Enter."""
    button = page.get_by_role("button", name=name)
    button.focus()
    expect(button).to_be_focused()
    page.keyboard.press("Enter")


def choose(page: Page, label: str) -> None:
    """Select a radio button with the keyboard (USWDS keeps the input focusable)."""
    radio = page.get_by_label(label)
    radio.focus()
    page.keyboard.press("Space")
    expect(radio).to_be_checked()


def test_oversight_adds_a_rule_and_closes_its_flag_with_a_finding(
    page, live_server, make_user, agency_a
):
    auditor = make_user("oversight_auditor", username="auditor.m")
    officer = make_user("agency_officer", agency_a, username="officer.m")
    sign_in(page, live_server, auditor)
    nav_link(page, "Misuse flags").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Misuse flags")
    assert_accessible(page)

    page.goto("/inquiries/misuse/rules/")
    assert_accessible(page)
    choose(page, "The case number is not an open case in the inquiring agency's case register")
    press_button(page, "Add the rule")
    expect(page.get_by_role("status")).to_contain_text("Rule added.")
    assert_accessible(page)
    rule = MisuseRule.objects.get()
    assert rule.kind == "no_matching_case" and rule.created_by_name.startswith("auditor.m")

    # The officer's inquiry names a case the agency's register does not hold.
    data = check({**BASE, "a_number": "A12345678", "case_number": "24-77777"})
    inquiry = actions.submit_inquiry(officer, data, channel=Channel.API)
    flag = MisuseFlag.objects.get()

    page.goto("/inquiries/misuse/flags/")
    page.get_by_role("link", name=f"Flag #{flag.pk}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Misuse flag #{flag.pk}")
    evidence = page.get_by_role("table", name="The flag and its evidence")
    expect(evidence).to_contain_text("24-77777")
    expect(evidence).to_contain_text("no case with this number")
    expect(evidence).to_contain_text(f"Inquiry #{inquiry.pk}")
    assert_accessible(page)

    # Without reasons the flag stays open and the error is announced.
    choose(page, "No misuse, but the user needs training")
    press_button(page, "Close the flag")
    expect(page.locator(".usa-error-message").first).to_be_visible()
    assert_accessible(page)
    flag.refresh_from_db()
    assert flag.status == "open"

    choose(page, "Misuse: referred for action")
    type_into(page, "Reasons for the finding", "No case was ever opened; referred to the agency.")
    press_button(page, "Close the flag")
    expect(page.get_by_role("status")).to_contain_text(f"Flag #{flag.pk} closed.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Misuse flags")
    assert_accessible(page)
    flag.refresh_from_db()
    assert (flag.status, flag.finding, flag.closed_by) == ("closed", "misuse", auditor)
    assert AuditEvent.objects.filter(action="misuseflag.close").count() == 1


def test_the_liaison_keeps_the_agency_case_register(
    page, live_server, make_user, agency_a, tmp_path
):
    liaison = make_user("agency_liaison", agency_a, username="liaison.m")
    sign_in(page, live_server, liaison)
    nav_link(page, "Case register").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Case register")
    assert_accessible(page)

    type_into(page, "Case number", "24-00123")
    field(page, "Opened on").fill("2024-01-05")
    type_into(page, "Description", "Burglary series")
    press_button(page, "Add the case")
    expect(page.get_by_role("status")).to_contain_text("Case 24-00123 added.")
    expect(page.get_by_role("table")).to_contain_text("Burglary series")
    assert_accessible(page)

    bad = tmp_path / "bad.csv"
    bad.write_text("case_number,opened_on\n24-00200,2024-02-01\n24-00201,01/02/2024\n")
    field(page, "Case file (CSV)").set_input_files(str(bad))
    press_button(page, "Import the file")
    expect(page.get_by_role("alert")).to_contain_text("Nothing was imported")
    report = page.get_by_role("table", name="Problems in the file")
    expect(report).to_contain_text("opened_on")
    expect(report).to_contain_text("Write the date as YYYY-MM-DD.")
    assert_accessible(page)
    assert AgencyCase.objects.count() == 1

    good = tmp_path / "good.csv"
    good.write_text("case_number,opened_on,description\n24-00200,2024-02-01,Fraud\n")
    field(page, "Case file (CSV)").set_input_files(str(good))
    press_button(page, "Import the file")
    expect(page.get_by_role("status")).to_contain_text("1 cases imported")
    assert_accessible(page)

    link = page.get_by_role("link", name="Close case 24-00123")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Close case 24-00123")
    assert_accessible(page)
    field(page, "Closed on").fill("2024-06-30")
    press_button(page, "Close the case")
    expect(page.get_by_role("status")).to_contain_text("Case 24-00123 closed.")
    assert_accessible(page)
    case = AgencyCase.objects.get(case_number="24-00123")
    assert case.closed_on == date(2024, 6, 30)
    assert set(
        AuditEvent.objects.filter(action__startswith="agencycase.").values_list("action", flat=True)
    ) == {"agencycase.create", "agencycase.import", "agencycase.close"}


def test_an_officer_records_their_address_on_the_account_page(
    page, live_server, make_user, agency_a
):
    officer = make_user("agency_officer", agency_a, username="officer.addr")
    sign_in(page, live_server, officer)
    nav_link(page, "Your account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    assert_accessible(page)

    type_into(page, "Street address", "120 Main Street Apt 4")
    page.keyboard.press("Tab")
    expect(field(page, "City")).to_be_focused()
    page.keyboard.type("Naples")
    type_into(page, "State", "Florida")
    type_into(page, "ZIP code", "34102")
    press_button(page, "Save the address")
    expect(field(page, "State")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".usa-error-message")).to_contain_text("two-letter state code")
    assert_accessible(page)
    officer.refresh_from_db()
    assert officer.address_street == ""

    type_into(page, "State", "FL")
    press_button(page, "Save the address")
    expect(page.get_by_role("status")).to_contain_text("Address saved.")
    expect(page.locator(".usa-summary-box")).to_contain_text(
        "120 Main Street Apt 4, Naples, FL, 34102"
    )
    assert_accessible(page)
    officer.refresh_from_db()
    assert officer.address_display == "120 Main Street Apt 4, Naples, FL, 34102"
    assert AuditEvent.objects.filter(action="account.address_changed").count() == 1
