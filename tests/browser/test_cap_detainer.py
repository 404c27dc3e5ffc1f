"""A CAP officer, in a real browser with axe on every page: from a removable interview
outcome, "Record the encounter and issue a detainer" leads to detention's issue page with the
roster's release time entered, and the detainer's hold clock starts from it."""

# ruff: noqa: F811  (each test's arguments shadow the imported fixtures)

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.test_enforcement import warm_up
from tests.cap.conftest import q_candidate, q_facility, q_officer, q_team  # noqa: F401
from tests.cap.encounter_fixtures import cap_agreement, interviewed, sworn  # noqa: F401
from tests.officers.conftest import (  # noqa: F401
    agent,
    agreement,
    director,
    liaison,
    manager,
    people,
    supervisor,
    walk,
)

from access.cap.models import Booking, ScreeningCandidate
from access.detention.models import Detainer
from access.enforcement.models import Encounter

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_a_removable_outcome_becomes_an_encounter_and_a_detainer(
    page: Page,
    live_server: Any,
    sworn: Any,
    q_candidate: Any,
    q_officer: Any,
) -> None:
    warm_up(live_server)
    candidate = interviewed(q_candidate, q_officer)
    release = timezone.now() + timedelta(hours=2)
    Booking.objects.filter(pk=candidate.booking_id).update(release_date=release)

    sign_in(page, live_server, q_officer)
    page.goto(f"{live_server.url}/cap/candidates/{candidate.pk}/")
    expect(page.get_by_role("heading", name="Encounter and detainer")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Record the encounter and issue a detainer").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Issue a detainer")
    encounter = Encounter.objects.get()
    assert ScreeningCandidate.objects.get(pk=candidate.pk).encounter_id == encounter.pk
    expect(page.get_by_text("it is entered below as the release time")).to_be_visible()
    local = release.astimezone(ZoneInfo("America/New_York"))
    expect(page.get_by_label("Would otherwise be released", exact=False)).to_have_value(
        f"{local:%Y-%m-%dT%H:%M}"
    )
    assert_accessible(page)

    now = timezone.now().astimezone(ZoneInfo("America/New_York"))
    page.locator("label", has_text="A final order of removal").click()
    page.get_by_label("Evidence the probable cause rests on").fill("Final order on file.")
    page.get_by_label("Served on the subject", exact=False).fill(f"{now:%Y-%m-%dT%H:%M}")
    page.locator("label", has_text="In person by the issuing officer").click()
    page.get_by_role("button", name="Issue the detainer").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Detainer #")
    detainer = Detainer.objects.get()
    assert detainer.encounter_id == encounter.pk and detainer.deadline is not None
    expect(page.get_by_test_id("clock")).to_contain_text("left")
    assert_accessible(page)

    # The candidate page now links the encounter instead of offering the step again.
    page.goto(f"{live_server.url}/cap/candidates/{candidate.pk}/")
    expect(page.get_by_role("link", name=f"encounter #{encounter.pk}")).to_be_visible()
    expect(
        page.get_by_role("button", name="Record the encounter and issue a detainer")
    ).to_have_count(0)
    assert_accessible(page)
