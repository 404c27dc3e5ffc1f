"""Criminal intelligence in a real browser: the list, entry (refused without reasonable
suspicion, then entered), the record, a release, the release log, the review queue and
validation; a liaison of another agency gets the 404 page. axe on every page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from tests.browser.conftest import assert_accessible, nav_link, sign_in
from tests.browser.test_officers import sign_out, warm_up
from tests.intelligence.conftest import (  # noqa: F401
    SUSPICION,
    agent,
    backdate,
    lead,
    make_task_force,
    outside_liaison,
    task_force,
)

from access.core.actors import SystemActor
from access.intelligence import actions
from access.intelligence.models import IntelligenceRecord, Release

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_enter_release_review_and_validate(
    page: Page,
    live_server,
    agent,  # noqa: F811
    lead,  # noqa: F811
    task_force,  # noqa: F811
    outside_liaison,  # noqa: F811
) -> None:
    warm_up(live_server)
    sign_in(page, live_server, agent)
    nav_link(page, "Criminal intelligence").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Criminal intelligence")
    assert_accessible(page)

    # Entry: refused without reasonable suspicion, nothing stored; then entered.
    page.get_by_role("link", name="Enter a record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New intelligence record")
    assert_accessible(page)
    page.get_by_label("Task force").select_option(label=task_force.name)
    page.get_by_label("Case number").fill("CCGTF-2026-0009")
    page.locator("#id_criminal_activity").select_option("drug_trafficking")
    page.get_by_label("Details of the activity").fill("Distribution of fentanyl pills, 2026.")
    page.locator("#id_subject_description").fill("Suspected supplier in the case.")
    page.locator("#id_source_type").select_option("investigation")
    page.get_by_label("Source reliability").select_option("reliable")
    page.locator("label[for=id_not_solely_protected_activity]").click()
    page.locator("#id_reasonable_suspicion").fill("He is a known gang member.")
    page.get_by_role("button", name="Enter the record").click()
    expect(page.get_by_text("State the facts that give reasonable suspicion")).to_be_visible()
    assert IntelligenceRecord.objects.count() == 0
    assert_accessible(page)
    page.locator("#id_reasonable_suspicion").fill(SUSPICION)
    if not page.get_by_label("This record does not rest", exact=False).is_checked():
        page.locator("label[for=id_not_solely_protected_activity]").click()
    page.get_by_role("button", name="Enter the record").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Intelligence record #")
    record = IntelligenceRecord.objects.get()
    expect(page.get_by_text("CCGTF-2026-0009")).to_be_visible()
    assert_accessible(page)

    # A release outside the task force, then the log.
    page.get_by_role("link", name="Record a release").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Release")
    assert_accessible(page)
    page.locator("#id_recipient_name").fill("Det. Jamie Ortiz")
    page.get_by_label("Recipient's agency").fill("Lee County Sheriff's Office")
    page.get_by_label("Need and right to know").fill(
        "Investigating a related shooting; needs the vehicle description."
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("cell", name="Det. Jamie Ortiz")).to_be_visible()
    assert Release.objects.get().recipient_agency == "Lee County Sheriff's Office"
    page.goto(f"{live_server.url}/intelligence/")
    page.get_by_role("link", name="Release log").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Intelligence release log")
    assert_accessible(page)
    sign_out(page)

    # The review queue: the lead validates the record the daily job queued.
    backdate(record, timezone.localdate() + dt.timedelta(days=30))
    actions.run_review(SystemActor("browser test: intelligence review"))
    sign_in(page, live_server, lead)
    page.get_by_role("link", name=f"Review intelligence record #{record.pk}", exact=False).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Intelligence record #{record.pk}")
    page.goto(f"{live_server.url}/intelligence/review/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Intelligence review queue")
    expect(page.get_by_role("link", name=f"#{record.pk}")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=f"#{record.pk}").click()
    page.get_by_role("link", name="Validate again").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Validate")
    assert_accessible(page)
    page.get_by_label("Why the record is still needed").fill(
        "Still the subject of an open investigation."
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Validated Intelligence record")).to_be_visible()
    record.refresh_from_db()
    assert record.validated_on == timezone.localdate() and record.queued_for_review_on is None
    sign_out(page)

    # A liaison of another agency: the 404 page, and no menu link.
    sign_in(page, live_server, outside_liaison)
    expect(
        page.get_by_role("navigation", name="Primary navigation").get_by_role(
            "link", name="Criminal intelligence"
        )
    ).to_have_count(0)
    response = page.goto(f"{live_server.url}/intelligence/{record.pk}/")
    assert response is not None and response.status == 404
    assert_accessible(page)
