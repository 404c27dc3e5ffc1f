"""Training classes in a real browser: schedule, enrol, attendance, the roster's scores with a
row-level error, then the liaison's view; axe on every page."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.test_officers import sign_out, warm_up
from tests.officers.conftest import check_data, make_agreement, nomination

from access.officers import actions
from access.officers.models import ExamAttempt, Officer, TrainingClass

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _cleared(liaison: Any, agent: Any, agreement: Any, first: str, badge: str) -> Officer:
    officer = actions.nominate(
        liaison,
        agreement=agreement,
        reason="Jail unit",
        **nomination(first_name=first, badge_number=badge),
    )
    actions.record_background_check(
        agent, officer, outcome="cleared", reason="Nothing disqualifying", **check_data()
    )
    return officer


def test_a_class_from_scheduling_to_scores(page, live_server, make_user, agency_a):
    warm_up(live_server)
    agreement = make_agreement(agency_a)
    liaison = make_user("agency_liaison", agency_a)
    agent = make_user("ice_field_agent", username="trainer")
    avery = _cleared(liaison, agent, agreement, "Avery", "CC-1")
    blake = _cleared(liaison, agent, agreement, "Blake", "CC-2")
    today = timezone.localdate()

    sign_in(page, live_server, agent)
    page.goto(f"{live_server.url}/officers/")
    page.get_by_role("link", name="Training classes").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Training classes")
    assert_accessible(page)
    page.get_by_role("link", name="Schedule a class").click()
    assert_accessible(page)
    page.get_by_label("Course").select_option(
        label="287(g) Jail Enforcement Model basic course (four weeks) "
        "(287(g) Jail Enforcement Model, 160 hours)"
    )
    page.get_by_label("First day").fill(str(today - timedelta(days=3)))
    page.get_by_label("Last day").fill(str(today - timedelta(days=5)))
    page.get_by_label("Delivery").select_option(value="in_person")
    page.get_by_label("Location").fill("Charleston, SC")
    page.get_by_label("Capacity").fill("10")
    page.get_by_label("Instructor").select_option(label="Test Ice_Field_Agent (trainer)")
    page.get_by_label("Note").fill("Spring cohort")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".usa-error-message")).to_contain_text("is before the first day")
    assert_accessible(page)
    page.get_by_label("Last day").fill(str(today - timedelta(days=1)))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").filter(has_text="Scheduled")).to_be_visible()
    session = TrainingClass.objects.get()

    page.get_by_role("link", name="Enrol officers").click()
    assert_accessible(page)
    for officer in (avery, blake):
        page.locator("label").filter(
            has_text=f"{officer.full_name} ({officer.badge_number})"
        ).click()
    page.get_by_label("Note").fill("Cleared by ICE")
    page.get_by_role("button", name="Enrol").click()
    expect(page.get_by_role("status").filter(has_text="Enrolled 2 officers")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Attendance of Avery Lee").select_option(value="attended")
    page.get_by_label("Attendance of Blake Lee").select_option(value="absent")
    page.locator("#id_attendance-reason").fill("Sign-in sheet")
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_role("status").filter(has_text="Attendance recorded")).to_be_visible()

    page.get_by_label("Score of Avery Lee (%)").fill("88")
    page.get_by_label("Score of Blake Lee (%)").fill("75")
    page.locator("#id_scores-reason").fill("Final exam")
    page.get_by_role("button", name="Save scores").click()
    expect(page.locator(".usa-error-message")).to_contain_text("did not attend")
    assert not ExamAttempt.objects.exists()
    assert_accessible(page)
    page.get_by_label("Score of Blake Lee (%)").fill("")
    page.locator("#id_scores-reason").fill("Final exam")
    page.get_by_role("button", name="Save scores").click()
    expect(page.get_by_role("status").filter(has_text="Exam scores recorded")).to_be_visible()
    expect(page.get_by_role("table", name="Officers enrolled")).to_contain_text("88%, passed")
    assert_accessible(page)
    sign_out(page)

    sign_in(page, live_server, liaison)
    page.goto(f"{live_server.url}/officers/{avery.pk}/")
    page.get_by_role("link", name=str(session)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("basic course")
    expect(page.get_by_role("table", name="Officers enrolled")).to_contain_text("Avery Lee")
    expect(page.get_by_role("button", name="Save scores")).to_have_count(0)
    assert_accessible(page)
