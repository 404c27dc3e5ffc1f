"""A task force from its charter to an operation's outcomes in a real browser, axe on every
page; another agency's liaison finds none of it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from tests.browser.conftest import assert_accessible, nav_link, sign_in
from tests.browser.test_officers import warm_up

from access.taskforces.models import Operation, TaskForce

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def tick(page: Page, field_id: str) -> None:
    """USWDS draws the box on the label and moves the input off-screen: click the label."""
    page.locator(f"label[for={field_id}]").click()
    expect(page.locator(f"#{field_id}")).to_be_checked()


def test_program_staff_open_a_task_force_and_record_an_operation(
    page: Page, live_server, make_user, agency_a, agency_b
):
    warm_up(live_server)
    manager = make_user("ice_program_manager", username="tf.manager")
    agent = make_user("ice_field_agent", username="tf.agent", first_name="Alex", last_name="Lead")
    sign_in(page, live_server, manager)
    nav_link(page, "Task forces").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Task forces")
    assert_accessible(page)

    page.get_by_role("link", name="Add").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New task force")
    assert_accessible(page)
    today = timezone.localdate()
    page.get_by_label("Partnership type").select_option(label="Local task force: gangs")
    page.get_by_label("Lead agency").select_option(value=str(agency_a.pk))
    page.get_by_label("Name").fill("Alpha Gang Task Force")
    page.get_by_label("Challenge").select_option(label="Gangs")
    page.get_by_label("Area of operation").fill("Alpha County")
    page.get_by_label("ICE lead").select_option(value=str(agent.pk))
    page.get_by_label("Start date").fill(today.isoformat())
    page.get_by_label("Next charter review").fill((today - timedelta(days=1)).isoformat())
    page.get_by_label("Objectives").fill("Dismantle violent gangs | Leaders charged")
    page.get_by_role("button", name="Save").click()
    # The review before the start is refused on its field, nothing stored.
    expect(page.get_by_text("The charter review comes after the start date.")).to_be_visible()
    assert not TaskForce.objects.exists()
    assert_accessible(page)
    page.get_by_label("Next charter review").fill((today + timedelta(days=365)).isoformat())
    tick(page, "id_community_shield")
    page.get_by_role("button", name="Save").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Alpha Gang Task Force")
    expect(page.get_by_role("cell", name="Leaders charged")).to_be_visible()
    assert_accessible(page)
    task_force = TaskForce.objects.get()

    page.get_by_role("link", name="Add an agency").click()
    assert_accessible(page)
    page.locator("#id_agency").select_option(value=str(agency_b.pk))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("cell", name=agency_b.name, exact=True)).to_be_visible()

    page.get_by_role("link", name="Add an objective").click()
    assert_accessible(page)
    page.locator("#id_objective").fill("Identify victims of trafficking")
    page.locator("#id_measure").fill("Victims identified")
    page.get_by_role("button", name="Save").click()

    page.get_by_role("link", name="Add a member").click()
    assert_accessible(page)
    page.get_by_role("link", name="Cancel").click()

    page.get_by_role("link", name="End the membership of Alex Lead").click()
    assert_accessible(page)
    page.get_by_role("link", name="Cancel").click()

    page.get_by_role("link", name=f"End the participation of {agency_b.name}").click()
    assert_accessible(page)
    page.get_by_role("link", name="Cancel").click()

    page.get_by_role("link", name="Change the charter").click()
    assert_accessible(page)
    page.locator("#id_status").select_option(label="Active")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Active", exact=True).first).to_be_visible()

    page.get_by_role("link", name="Plan an operation").click()
    assert_accessible(page)
    page.locator("#id_name").fill("Operation Northwind")
    page.locator("#id_area").fill("Alpha County, north")
    tick(page, "id_community_shield")
    page.get_by_label("Target cases").fill("AC-2026-7 | Armed robberies by a street gang")
    page.get_by_label("Alex Lead").select_option(label="Taking part")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Operation Northwind")
    assert_accessible(page)

    page.get_by_role("link", name="Cancel the operation").click()
    assert_accessible(page)
    page.get_by_role("link", name="Cancel", exact=True).click()
    page.get_by_role("link", name="Record the outcomes").click()
    assert_accessible(page)
    page.get_by_label("Arrests: felony charges, level 1").fill("3")
    page.get_by_label("Referrals for prosecution").fill("2")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Outcomes")).to_be_visible()
    assert Operation.objects.get().arrests == 3
    assert_accessible(page)

    page.get_by_role("link", name=task_force.name).click()
    page.get_by_role("link", name="Outcomes", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Outcomes of {task_force.name}")
    expect(page.get_by_role("img", name="Arrests by charge severity")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these counts (CSV)").click()
    assert "Arrests by charge severity,Felony,3" in Path(download.value.path()).read_text()

    page.goto(f"{live_server.url}/taskforces/community-shield/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Operation Community Shield")
    assert_accessible(page)
    nav_link(page, "Task-force operations").click()
    expect(page.get_by_role("link", name="Operation Northwind")).to_be_visible()
    assert_accessible(page)


def test_another_agency_finds_no_task_force(page: Page, live_server, make_user, agency_a, agency_b):
    from tests.taskforces.conftest import charter_for

    from access.taskforces.actions import charter

    warm_up(live_server)
    manager = make_user("ice_program_manager", username="tf.manager2")
    task_force = charter.open_task_force(manager, charter_for(agency_a))
    outsider = make_user("agency_liaison", agency_b, username="tf.outsider")
    sign_in(page, live_server, outsider)
    nav_link(page, "Task forces").click()
    expect(page.get_by_text("0 results")).to_be_visible()
    assert_accessible(page)
    response = page.goto(f"{live_server.url}/taskforces/{task_force.pk}/")
    assert response is not None and response.status == 404
