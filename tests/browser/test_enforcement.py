"""Encounters in a real browser, axe on every page: recording (a refusal, then a citizenship
stop), the supervisor's decision, identification by the officer and the supervisor, a dated
step, the stops list and the funnel."""

from __future__ import annotations

import urllib.request
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from tests.browser.conftest import assert_accessible, sign_in
from tests.enforcement.conftest import encounter_input, link
from tests.inquiries.conftest import _engine, model_file, pick_subject, population, store  # noqa: F401
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

from access.agencies.models import Facility
from access.core.actors import SystemActor, bound_actor
from access.enforcement import actions
from access.enforcement.models import Encounter

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def warm_up(live_server: Any) -> None:
    """The first request imports the URL conf (the matching engine: slow on a busy machine)."""
    urllib.request.urlopen(f"{live_server.url}/accounts/login/", timeout=180).read()  # nosec B310


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


@pytest.fixture
def setting(walk: Any, make_user: Any, agency_a: Any) -> dict[str, Any]:  # noqa: F811
    user = make_user("agency_officer", agency_a, username="deputy.a")
    officer = link(walk("authorized"), user)
    with bound_actor(SystemActor("browser test")):
        jail = Facility.objects.create(agency=agency_a, name="Alpha County Jail")
    return {"user": user, "officer": officer, "jail": jail}


def test_record_refuse_stop_and_decide(
    page: Page,
    live_server: Any,
    setting: dict[str, Any],
    supervisor: Any,  # noqa: F811
    make_user: Any,
) -> None:
    warm_up(live_server)
    sign_in(page, live_server, setting["user"])
    page.goto(f"{live_server.url}/encounters/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Encounters")
    assert_accessible(page)
    page.get_by_role("link", name="Add").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record an encounter")
    assert_accessible(page)
    # A minute ahead: the field has minutes only, and the supervisor was assigned seconds ago.
    when = (timezone.now() + timedelta(minutes=2)).strftime("%Y-%m-%dT%H:%M")
    page.get_by_label("Function exercised").select_option(value="interview")
    page.get_by_label("Time of the encounter (UTC)").fill(when)
    page.get_by_label("How the encounter arose").select_option(value="booking")
    page.get_by_label("Facility").select_option(label="Alpha County Jail")
    page.get_by_label("Family name").fill("Okafor")
    page.get_by_label("Given name").fill("Daniel")
    page.get_by_label("Date of birth given").fill("1990-02-03")
    page.get_by_label("Charge 1: NCIC offense code").fill("9999")
    page.get_by_label("Charge 1: severity").select_option(value="misdemeanor")
    page.get_by_role("button", name="Record the encounter").click()
    expect(page.get_by_text('unknown NCIC offense code "9999"')).to_be_visible()
    assert_accessible(page)
    assert not Encounter.objects.exists()

    page.get_by_label("Charge 1: NCIC offense code").fill("5404")
    page.locator("label[for=id_claims_us_citizenship]").click()
    page.get_by_role("button", name="Record the encounter").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Encounter #")
    expect(page.get_by_role("alert").filter(has_text="Citizenship stop")).to_be_visible()
    assert_accessible(page)
    encounter = Encounter.objects.get()
    sign_out(page)

    sign_in(page, live_server, supervisor)
    page.goto(f"{live_server.url}/encounters/citizenship-stops/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Encounter citizenship stops")
    assert_accessible(page)
    page.get_by_role("link", name=f"#{encounter.pk}").first.click()
    page.get_by_role("link", name="Decide the citizenship stop").click()
    assert_accessible(page)
    page.locator("label[for=id_decision_0]").click()
    page.get_by_label("Reasons for the decision").fill("Birth certificate seen and verified.")
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_text("Decision recorded.")).to_be_visible()
    encounter.refresh_from_db()
    assert encounter.status == "supervisor_decided"
    assert encounter.supervisor_decision == "citizen"
    sign_out(page)

    sign_in(page, live_server, make_user("ice_program_manager"))
    page.goto(f"{live_server.url}/encounters/funnel/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("funnel")
    expect(page.get_by_role("rowheader", name="Encountered")).to_be_visible()
    assert_accessible(page)


def test_identify_verify_confirm_and_a_step(
    page: Page,
    live_server: Any,
    store: None,  # noqa: F811
    setting: dict[str, Any],
    supervisor: Any,  # noqa: F811
) -> None:
    warm_up(live_server)
    subject = pick_subject(citizen=False)
    encounter = actions.record_encounter(
        setting["user"],
        encounter_input(
            facility_id=setting["jail"].pk,
            family_name=subject["family_name"],
            given_name=subject["given_name"],
            dates_of_birth=[subject["date_of_birth"]],
        ),
    )
    assert encounter.status == "candidates"
    candidate = encounter.candidates.order_by("rank").first()
    assert candidate is not None

    sign_in(page, live_server, setting["user"])
    page.goto(f"{live_server.url}/encounters/{encounter.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name=f"Compare record {candidate.record.record_id}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("beside record")
    assert_accessible(page)
    page.get_by_role("link", name="Back to the encounter").click()
    page.get_by_role("link", name="Verify the identification").click()
    assert_accessible(page)
    page.locator("label[for=id_candidate_0]").click()
    page.get_by_text("Date of birth", exact=True).click()
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_text("Verification recorded.")).to_be_visible()
    sign_out(page)

    sign_in(page, live_server, supervisor)
    page.goto(f"{live_server.url}/encounters/{encounter.pk}/")
    page.get_by_role("link", name="Confirm the identification").click()
    assert_accessible(page)
    page.get_by_role("link", name="Open the comparison").click()
    page.go_back()
    page.get_by_text("Fingerprints", exact=True).click()
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_text("Identification confirmed.")).to_be_visible()
    sign_out(page)

    sign_in(page, live_server, setting["user"])
    page.goto(f"{live_server.url}/encounters/{encounter.pk}/steps/new/")
    assert_accessible(page)
    page.locator("#id_kind").select_option(value="referral_to_ice")
    page.locator("#id_occurred_on").fill(str(timezone.localdate()))
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_text("Step recorded.")).to_be_visible()
    assert_accessible(page)
    assert encounter.steps.get().kind == "referral_to_ice"


def _made(setting: dict[str, Any], status: str, **fields: Any) -> Encounter:
    """An encounter already in ``status``, made directly (its earlier steps are tested above)."""
    officer = setting["officer"]
    with bound_actor(SystemActor("browser test")):
        encounter = Encounter(
            officer=officer,
            agency=officer.agency,
            partnership_type=officer.agreement.partnership_type,
            function="interview",
            facility=setting["jail"],
            occurred_at=timezone.now() - timedelta(days=3),
            origin="booking",
            recorded_by=setting["user"],
            family_name="MENSAH",
            given_name="KOFI",
            status=status,
            severity="misdemeanor",
            priority_level="3",
            searched_at=timezone.now() - timedelta(days=3),
            **fields,
        )
        encounter.save()
    return encounter


def test_not_identified_citizenship_report_and_removal(
    page: Page,
    live_server: Any,
    setting: dict[str, Any],
    supervisor: Any,  # noqa: F811
) -> None:
    """The remaining step pages: no candidate is the subject, a report of U.S. citizenship
    evidence, and ICE's removal, which the funnel then counts."""
    warm_up(live_server)
    no_match = _made(setting, "candidates")
    reported = _made(setting, "identified")
    removed = _made(setting, "identified")

    sign_in(page, live_server, setting["user"])
    page.goto(f"{live_server.url}/encounters/{no_match.pk}/")
    page.get_by_role("link", name="No candidate is the subject").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("No candidate is the subject")
    assert_accessible(page)
    page.get_by_role("button", name="Record").click()  # no reason given: refused
    expect(page.get_by_text("This field is required.")).to_be_visible()
    assert_accessible(page)
    no_match.refresh_from_db()
    assert no_match.status == "candidates"
    page.get_by_label("Why no candidate is the subject").fill("The photographs differ.")
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_text("Recorded: no record identified.")).to_be_visible()
    no_match.refresh_from_db()
    assert no_match.status == "not_identified"

    page.goto(f"{live_server.url}/encounters/{reported.pk}/")
    expect(page.get_by_role("link", name="Record the removal")).to_have_count(0)  # ICE's step
    page.get_by_role("link", name="Report a claim or evidence of U.S. citizenship").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Report a claim or evidence")
    assert_accessible(page)
    page.locator("label", has_text="Evidence of U.S. citizenship came to light").click()
    page.get_by_label("Describe the claim or the evidence").fill("A U.S. passport in his bag.")
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_text("The encounter is stopped for an ICE supervisor.")).to_be_visible()
    assert_accessible(page)
    reported.refresh_from_db()
    assert (reported.status, reported.stop_reasons) == ("citizenship_stop", ["evidence_reported"])
    sign_out(page)

    sign_in(page, live_server, supervisor)
    page.goto(f"{live_server.url}/encounters/{removed.pk}/")
    page.get_by_role("link", name="Record the removal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record the removal (ICE)")
    assert_accessible(page)
    page.get_by_label("Date of removal").fill(str(timezone.localdate() + timedelta(days=3)))
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_text("is in the future")).to_be_visible()
    assert_accessible(page)
    assert not removed.steps.exists()
    page.get_by_label("Date of removal").fill(str(timezone.localdate() - timedelta(days=1)))
    page.get_by_label("Form").select_option(value="I-205")
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_text("Removal recorded.")).to_be_visible()
    expect(page.get_by_role("cell", name="Removed from the United States")).to_be_visible()
    assert_accessible(page)
    assert removed.steps.get().kind == "removed"
    page.goto(f"{live_server.url}/encounters/funnel/")
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Removed"))
    expect(row).to_contain_text("1")
    assert_accessible(page)
