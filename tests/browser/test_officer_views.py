"""Officer queues, charts, the officer's own record and the supervisor's officers in a real
browser, axe on every page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from tests.browser.conftest import assert_accessible, nav_link, sign_in
from tests.browser.test_officers import sign_out, warm_up
from tests.officers.conftest import (  # noqa: F401 (fixtures used by the test below)
    agent,
    agreement,
    director,
    liaison,
    manager,
    people,
    supervisor,
    walk,
)

from access.officers.models import Authorization, Officer

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_queues_charts_own_record_and_supervised_officers(
    page: Page,
    live_server,
    make_user,
    agency_a,
    people,  # noqa: F811
    walk,  # noqa: F811
) -> None:
    warm_up(live_server)
    today = timezone.localdate()
    ending = walk("authorized")
    Authorization.objects.filter(officer=ending).update(valid_until=today + timedelta(days=20))
    overdue = walk("nominated")
    Officer.objects.filter(pk=overdue.pk).update(nominated_on=today - timedelta(days=45))
    account = make_user("agency_officer", agency_a, username="officer.own")

    # The program manager: queues with counts, the charts with their tables, by agency.
    sign_in(page, live_server, people["manager"])
    queues = page.get_by_role("table", name="Officers waiting on a step")
    expect(queues).to_contain_text("Authorizations ending within 30 days")
    expect(page.get_by_role("img", name="Officers by status, all agencies")).to_be_visible()
    expect(page.get_by_role("table", name="Officers by agency")).to_contain_text(agency_a.name)
    assert_accessible(page)
    # Keyboard: focus the queue's link and press Enter.
    queues.get_by_role("link", name="Authorizations ending within 30 days").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/officers/?queue=ending_30")
    expect(page.get_by_role("main")).to_contain_text(ending.badge_number)
    expect(page.get_by_role("main")).not_to_contain_text(overdue.badge_number)
    assert_accessible(page)
    page.goto(f"{live_server.url}/agencies/{agency_a.pk}/")
    expect(page.get_by_role("img", name="Officers by training currency")).to_be_visible()
    expect(page.get_by_role("table", name="Officers by status: the numbers")).to_contain_text(
        "Authorized"
    )
    assert_accessible(page)
    sign_out(page)

    # The liaison links the officer's account from the officer page.
    sign_in(page, live_server, people["liaison"])
    expect(page.get_by_role("table", name="Officers waiting on a step")).to_contain_text(
        "Nominations waiting on the ICE background check"
    )
    assert_accessible(page)
    page.goto(f"{live_server.url}/officers/{ending.pk}/")
    page.get_by_role("link", name="Link the officer's account").click()
    assert_accessible(page)
    page.get_by_label("The officer's account").select_option(value=str(account.pk))
    page.get_by_label("Reason").fill("The officer's own account")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").filter(has_text="Linked to the account")).to_be_visible()
    sign_out(page)

    # The officer: My record, with today's authority and the documents.
    sign_in(page, live_server, account)
    nav_link(page, "My record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My officer record")
    expect(page.get_by_role("main")).to_contain_text(ending.badge_number)
    expect(page.get_by_role("main")).to_contain_text("Allowed")
    expect(page.get_by_role("link", name="Download PDF of certificate")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # The supervisor: the queues of their officers and the My officers page.
    sign_in(page, live_server, people["supervisor"])
    expect(page.get_by_role("table", name="Officers waiting on a step")).to_contain_text(
        "officers you supervise"
    )
    page.get_by_role("link", name="My officers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My officers")
    expect(page.get_by_role("main")).to_contain_text(ending.badge_number)
    assert_accessible(page)
