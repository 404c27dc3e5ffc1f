"""The CAP officer's work in a real browser, axe on every page: the home queue, the referral
queue, a candidate beside its booking (a refusal, then verify, refer, schedule), the
interview's outcome, the booking, the facilities and their settings; then the supervisor's
citizenship stops and decision."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect
from tests.browser.conftest import assert_accessible, nav_link, sign_in
from tests.browser.test_enforcement import sign_out, warm_up
from tests.cap.conftest import (  # noqa: F401  (fixtures shared with the CAP tests)
    q_candidate,
    q_citizen_candidate,
    q_facility,
    q_officer,
    q_supervisor,
    q_team,
)

from access.cap.models import CapFacility, Interview, ScreeningCandidate

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def tick(form: Locator, label: str) -> None:
    """USWDS draws checkboxes and radios on the label: click it, as a person does."""
    form.locator("label", has_text=label).first.click()


def test_a_cap_officer_works_the_queue(
    page: Page,
    live_server: Any,
    q_candidate: Any,  # noqa: F811
    q_officer: Any,  # noqa: F811
) -> None:
    warm_up(live_server)
    sign_in(page, live_server, q_officer)
    expect(page.get_by_text("Jail screening referrals, soonest release first")).to_be_visible()
    assert_accessible(page)
    nav_link(page, "CAP referral queue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("CAP referral queue")
    assert_accessible(page)
    page.get_by_role("link", name=f"#{q_candidate.pk}", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Candidate #{q_candidate.pk}")
    expect(page.get_by_text("This view is logged")).to_be_visible()
    assert_accessible(page)

    # Names alone are refused, with the reason beside the checkboxes; nothing changes.
    verify = page.locator("form", has=page.get_by_role("button", name="Verify"))
    tick(verify, "Name")
    verify.get_by_role("button", name="Verify").click()
    expect(page.get_by_text("Name what you checked beyond the name")).to_be_visible()
    assert ScreeningCandidate.objects.get(pk=q_candidate.pk).status == "pending"
    assert_accessible(page)
    verify = page.locator("form", has=page.get_by_role("button", name="Verify"))
    tick(verify, "Date of birth")
    tick(verify, "Photograph")
    verify.get_by_role("button", name="Verify").click()
    expect(page.get_by_text("Verified.")).to_be_visible()
    page.get_by_role("button", name="Refer for interview").click()
    expect(page.get_by_text("Referred for interview.")).to_be_visible()
    assert_accessible(page)

    schedule = page.locator("form", has=page.get_by_role("button", name="Schedule"))
    expect(schedule.get_by_label("How")).to_contain_text("By phone")
    schedule.get_by_label("How").select_option("phone")
    when = (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    schedule.get_by_label("Date and time (UTC)").fill(when)
    schedule.get_by_label("Interpreter language").fill("Spanish")
    schedule.get_by_role("button", name="Schedule").click()
    expect(page.get_by_text("Interview scheduled.")).to_be_visible()
    interview = Interview.objects.get()
    page.get_by_role("link", name=f"#{interview.pk}", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Interview #{interview.pk}")
    assert_accessible(page)
    outcome = page.locator("form", has=page.get_by_role("button", name="Record the outcome"))
    tick(outcome, "Amenable to removal")
    outcome.get_by_label("Held at (UTC)").fill(timezone.now().strftime("%Y-%m-%dT%H:%M"))
    outcome.get_by_role("button", name="Record the outcome").click()
    expect(page.get_by_text("Outcome recorded.")).to_be_visible()
    assert Interview.objects.get().outcome == "removable"
    assert_accessible(page)

    page.get_by_role("link", name="Candidate #").first.click()
    page.get_by_role("link", name="B-1001").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Booking B-1001")
    assert_accessible(page)

    nav_link(page, "CAP facilities").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("CAP facilities")
    assert_accessible(page)
    page.get_by_role("link", name="Alpha County Jail").click()
    expect(page.get_by_role("heading", name="Saved column mapping")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Edit the CAP settings").click()
    assert_accessible(page)
    page.get_by_label("Remote interviews").select_option("phone_and_video")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("In person, by phone or by video")).to_be_visible()
    facility = CapFacility.objects.get(pk=q_candidate.booking.facility_id)
    assert facility.remote_interviews == "phone_and_video"


def test_a_supervisor_decides_a_screening_stop(
    page: Page,
    live_server: Any,
    q_citizen_candidate: Any,  # noqa: F811
    q_officer: Any,  # noqa: F811
    q_supervisor: Any,  # noqa: F811
) -> None:
    from access.cap.actions import queue as actions

    warm_up(live_server)
    actions.view_candidate(q_officer, q_citizen_candidate)
    actions.verify(q_officer, q_citizen_candidate, fields_checked=["date_of_birth"])
    sign_in(page, live_server, q_supervisor)
    nav_link(page, "Screening citizenship stops").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Screening citizenship stops")
    assert_accessible(page)
    page.get_by_role("link", name=f"Decide candidate #{q_citizen_candidate.pk}").click()
    expect(page.get_by_text("Nothing else happens until an ICE supervisor decides")).to_be_visible()
    assert_accessible(page)
    decide = page.locator("form", has=page.get_by_role("button", name="Record the decision"))
    tick(decide, "Citizenship not established")
    decide.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("This field is required.")).to_be_visible()
    assert ScreeningCandidate.objects.get(pk=q_citizen_candidate.pk).status == "stopped"
    assert_accessible(page)
    decide = page.locator("form", has=page.get_by_role("button", name="Record the decision"))
    tick(decide, "Citizenship not established")
    decide.get_by_label("Reasons for the decision").fill("The record is of another person.")
    decide.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Decision recorded.")).to_be_visible()
    assert ScreeningCandidate.objects.get(pk=q_citizen_candidate.pk).status == "cleared"
    assert_accessible(page)
    sign_out(page)
