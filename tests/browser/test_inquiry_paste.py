"""In Chromium: an officer pastes an Nlets message (errors beside it, nothing lost, then sent);
a supervisor reads an escalation notice. Keyboard only where a person would use it; axe on
every page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from tests.browser.conftest import assert_accessible, sign_in
from tests.inquiries.conftest import _engine, inquiry_data  # noqa: F401  (fixture by name)

from access.inquiries import actions
from access.inquiries.choices import Channel
from access.inquiries.escalation import escalate_confirmation
from access.inquiries.models import Inquiry
from access.inquiries.tasks import ESCALATION
from access.messaging.models import Notification

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

GOOD = (
    "IAQ.FL0000001.AX.TXT.PUR/C.ATN/DET R MILLER.PHN/555-010-0199."
    "NAM/GARCIA LOPEZ,JOSE LUIS.DOB/19850314.SEX/M.POB/MX.CUS/Y.OFF/1313."
    "RSN/TRAFFIC STOP.CAS/24-00123."
)
BROKEN = GOOD.replace("DOB/19850314", "DOB/19851345").replace("ATN/DET R MILLER.", "")


def press(page: Page, name: str | re.Pattern[str], role: str = "link") -> None:
    """Reach a control from the keyboard and activate it with Enter."""
    target = page.get_by_role(role, name=name)  # type: ignore[arg-type]
    target.focus()
    expect(target).to_be_focused()
    page.keyboard.press("Enter")


def test_officer_pastes_an_nlets_message(page, live_server, make_user, agency_a):
    officer = make_user("agency_officer", agency_a, username="officer.paste")
    sign_in(page, live_server, officer)
    page.goto("/inquiries/new/")
    expect(page.get_by_role("link", name="Fill in the fields")).to_have_attribute(
        "aria-current", "page"
    )
    press(page, "Paste a message")
    page.wait_for_url(re.compile(r"/inquiries/new/\?mode=message$"))
    box = page.get_by_label("Nlets text or NIEM XML message")
    expect(box).to_be_visible()
    assert_accessible(page)

    box.fill(BROKEN)
    page.get_by_role("button", name="Send the inquiry").click()
    errors = page.locator("#id_message-error")
    expect(errors).to_contain_text("Date of birth (DOB): 19851345 is not a calendar date.")
    expect(errors).to_contain_text("Requesting officer (ATN): The requesting officer is required.")
    expect(box).to_have_value(BROKEN)  # nothing lost
    expect(box).to_have_attribute("aria-invalid", "true")
    assert "19851345" not in page.url and Inquiry.objects.count() == 0
    assert_accessible(page)

    box.fill(GOOD)
    box.focus()
    page.keyboard.press("Tab")  # the send button follows the message
    expect(page.get_by_role("button", name="Send the inquiry")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Inquiry #")
    inquiry = Inquiry.objects.get()
    assert page.url.endswith(f"/inquiries/{inquiry.pk}/")  # ids only in the URL
    assert inquiry.channel == "nlets_text" and inquiry.family_name == "GARCIA LOPEZ"
    expect(page.get_by_text("as Nlets text IAQ")).to_be_visible()
    assert_accessible(page)


def test_the_notifications_page_is_accessible_and_keyboard_usable(
    page, live_server, make_user, agency_a
):
    officer = make_user("agency_officer", agency_a, username="officer.notice")
    supervisor = make_user("ice_supervisor", username="supervisor.notice")
    data = inquiry_data(hit_confirmation=True, ncic_number="W123456789")
    inquiry = actions.submit_inquiry(officer, data, channel=Channel.WEB)
    Inquiry.objects.filter(pk=inquiry.pk).update(created_at=timezone.now() - timedelta(minutes=12))
    inquiry.refresh_from_db()
    escalate_confirmation(ESCALATION, inquiry, [supervisor])

    sign_in(page, live_server, supervisor)
    header_link = page.locator("#notifications-link")
    expect(header_link).to_contain_text("1 unread")
    assert_accessible(page)
    header_link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/notifications/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    subject = f"Hit confirmation overdue: inquiry #{inquiry.pk}"
    expect(page.get_by_role("link", name=subject)).to_be_visible()
    assert_accessible(page)

    press(page, re.compile(rf"^Mark as read\W+{re.escape(subject)}$"), role="button")
    expect(page.get_by_text("Notification marked as read.")).to_be_visible()
    expect(page.locator("#notifications-link")).to_have_text("Notifications")
    assert Notification.objects.get().read_at is not None
    assert_accessible(page)
    press(page, subject)
    page.wait_for_url(re.compile(rf"/inquiries/{inquiry.pk}/$"))
    expect(page.get_by_text("Overdue: escalated")).to_be_visible()
