"""Detainers in a real browser: issue, start the clock, the overdue queue, the outcome; axe
on every page."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.test_officers import sign_out, warm_up
from tests.detention.conftest import (  # noqa: F401
    agent,
    agreement,
    director,
    jail,
    jem_officer,
    liaison,
    make_encounter,
    manager,
    officer_user,
    people,
    supervisor,
    walk,
)

from access.core.actors import SystemActor
from access.detention import actions
from access.detention.models import Detainer

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_issue_clock_overdue_and_outcome(
    page: Page,
    live_server,
    make_encounter,  # noqa: F811
    officer_user,  # noqa: F811
    supervisor,  # noqa: F811
    jail,  # noqa: F811
) -> None:
    warm_up(live_server)
    encounter = make_encounter()
    local = timezone.now().astimezone(ZoneInfo(jail.time_zone))

    sign_in(page, live_server, officer_user)
    # The encounter page offers the detainer to the officer who may issue one.
    page.goto(f"{live_server.url}/encounters/{encounter.pk}/")
    page.get_by_role("link", name="Issue a detainer").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Issue a detainer")
    assert_accessible(page)
    page.locator("label", has_text="A final order of removal").click()
    page.get_by_label("Evidence the probable cause rests on").fill("Final order on file.")
    page.get_by_label("Served on the subject", exact=False).fill(f"{local:%Y-%m-%dT%H:%M}")
    page.locator("label", has_text="In person by the issuing officer").click()
    page.get_by_role("button", name="Issue the detainer").click()
    # Wait for the answer before reading the database (the click does not wait for it).
    expect(page.get_by_role("heading", level=1)).to_contain_text("Detainer #")
    detainer = Detainer.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Detainer #{detainer.pk}")
    expect(page.get_by_test_id("clock")).to_contain_text("Not started")
    assert_accessible(page)

    # The release time starts the clock, shown in the facility's time.
    release = local - timedelta(hours=1)
    page.get_by_label("Would otherwise be released", exact=False).fill(f"{release:%Y-%m-%dT%H:%M}")
    page.get_by_role("button", name="Start the clock").click()
    expect(page.get_by_test_id("clock")).to_contain_text("left")
    page.goto(f"{live_server.url}/detainers/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Detainers")
    assert_accessible(page)
    sign_out(page)

    # Past the deadline: flagged, on the supervisor's home queue until an outcome.
    Detainer.objects.filter(pk=detainer.pk).update(deadline=timezone.now() - timedelta(hours=1))
    actions.check_clocks(SystemActor("browser test clock"))
    sign_in(page, live_server, supervisor)
    expect(
        page.get_by_text(f"Detainer #{detainer.pk} at Alpha County Jail: OVERDUE")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=f"Detainer #{detainer.pk}", exact=False).first.click()
    expect(page.get_by_role("alert")).to_contain_text("Past the hold deadline")
    assert_accessible(page)
    page.locator("label", has_text="ICE assumed custody").click()
    page.get_by_label("Reason").fill("ERO took custody at the jail.")
    page.get_by_role("button", name="Record the outcome").click()
    expect(page.get_by_text("Outcome recorded.")).to_be_visible()
    detainer.refresh_from_db()
    assert detainer.status == "custody_assumed"
    assert_accessible(page)
