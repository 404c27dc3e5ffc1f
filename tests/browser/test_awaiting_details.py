"""A standard Nlets IAQ (no reason, no case number) in Chromium: the analyst queue lists it as
awaiting details; the analyst records them from a call (keyboard only); axe on every page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from tests.browser.conftest import assert_accessible, sign_in

from access.inquiries import actions, nlets
from access.inquiries.choices import Channel

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

STANDARD = (
    "IAQ.FL0000001.AX.TXT.PUR/C.ATN/DET R MILLER.PHN/555-010-0199."
    "NAM/GARCIA LOPEZ,JOSE LUIS.DOB/19850314.SEX/M.CUS/Y."
)


def type_into(page: Page, label: str, text: str) -> None:
    box = page.get_by_label(re.compile("^" + re.escape(label)))
    box.focus()
    expect(box).to_be_focused()
    page.keyboard.type(text)


def test_the_analyst_records_missing_details_from_a_call(page, live_server, make_user, agency_a):
    officer = make_user("agency_officer", agency_a, username="officer.d")
    inquiry = actions.submit_inquiry(
        officer, nlets.parse(STANDARD), channel=Channel.NLETS_TEXT, raw_message=STANDARD
    )
    analyst = make_user("lesc_analyst", username="analyst.d")
    sign_in(page, live_server, analyst)
    page.goto("/inquiries/queue/")
    expect(page.get_by_role("heading", name="Awaiting details from the agency")).to_be_visible()
    assert_accessible(page)
    link = page.get_by_role("link", name=f"#{inquiry.pk}")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("No record has been searched")).to_be_visible()
    assert_accessible(page)
    record = page.get_by_role("link", name="Record the reason and case number from a call")
    record.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Reason and case number")
    assert_accessible(page)
    type_into(page, "Reason for the inquiry", "Traffic stop")
    type_into(page, "Case number", "24-00123")
    type_into(page, "Who gave them, and when", "Call from Det. Miller, 14:05")
    button = page.get_by_role("button", name="Record")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Details recorded; the inquiry was searched.")).to_be_visible()
    assert_accessible(page)
    inquiry.refresh_from_db()
    assert inquiry.status == "awaiting_analyst" and inquiry.case_number == "24-00123"
