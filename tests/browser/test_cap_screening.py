"""The roster page in Chromium: the progress element updating in place (htmx) until the
screening is done, cancelling with a reason from the keyboard, and the results, each state
checked with axe."""

# The fixtures come from tests.cap.screening_support (imported: the CAP parts keep no shared
# conftest), so each test's arguments shadow the imported names.
# ruff: noqa: F811

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from tests.browser.conftest import assert_accessible, sign_in
from tests.cap.screening_support import (  # noqa: F401
    _engine,
    cap_facility,
    cap_officer,
    make_roster,
    model_file,
    population,
    store,
)

from access.cap import screening
from access.cap.choices import RosterStatus
from access.cap.models import Roster

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_the_progress_element_updates_without_a_reload(
    page, live_server, cap_officer, cap_facility, make_roster
):
    roster = make_roster(cap_facility, present=0, absent=3)
    Roster.objects.filter(pk=roster.pk).update(
        status=RosterStatus.SCREENING, progress_done=1500, progress_total=5000
    )
    sign_in(page, live_server, cap_officer)
    page.goto(f"{live_server.url}/cap/rosters/{roster.pk}/")
    bar = page.get_by_role("progressbar", name="Screening")
    expect(bar).to_have_attribute("value", "1500")
    expect(bar).to_have_attribute("max", "5000")
    expect(page.get_by_test_id("progress-text")).to_contain_text(
        "1,500 of 5,000 bookings screened (30%)"
    )
    expect(page.get_by_role("status").filter(has_text="30% of bookings screened")).to_have_count(1)
    assert_accessible(page)

    page.evaluate("window.notReloaded = true")
    Roster.objects.filter(pk=roster.pk).update(progress_done=4000)
    expect(page.get_by_test_id("progress-text")).to_contain_text(
        "4,000 of 5,000 bookings screened (80%)"
    )
    Roster.objects.filter(pk=roster.pk).update(status=RosterStatus.SCREENED, progress_done=5000)
    expect(page.get_by_test_id("progress-text")).to_contain_text(
        "5,000 of 5,000 bookings screened (100%)"
    )
    expect(page.get_by_test_id("roster-status")).to_have_text("Screened")
    expect(page.get_by_role("link", name="See the results")).to_be_visible()
    assert page.evaluate("window.notReloaded") is True  # updated in place, no reload
    assert_accessible(page)


def test_cancelling_from_the_keyboard(page, live_server, cap_officer, cap_facility, make_roster):
    roster = make_roster(cap_facility, present=0, absent=2)
    sign_in(page, live_server, cap_officer)
    page.goto(f"{live_server.url}/cap/rosters/{roster.pk}/")
    reason = page.get_by_label("Reason for cancelling")
    reason.focus()
    page.keyboard.type("The jail sent the wrong day's roster")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Cancel screening")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("roster-status")).to_have_text("Screening cancelled")
    expect(page.get_by_role("button", name="Screen again")).to_be_visible()
    assert Roster.objects.get(pk=roster.pk).status == RosterStatus.CANCELLED
    assert_accessible(page)


def test_the_results_of_a_screened_roster(
    page, live_server, cap_officer, cap_facility, make_roster, store
):
    roster = make_roster(cap_facility, present=3, absent=2)
    screening.screen(roster.pk)
    sign_in(page, live_server, cap_officer)
    page.goto(f"{live_server.url}/cap/rosters/{roster.pk}/")
    expect(page.get_by_role("heading", name="Results per booked person")).to_be_visible()
    expect(page.get_by_role("heading", name="Screened, no result (2)")).to_be_visible()
    expect(page.get_by_role("link", name="Candidate 1")).to_have_count(3)
    expect(page.get_by_role("progressbar", name="Screening")).to_have_attribute("value", "5")
    assert_accessible(page)
