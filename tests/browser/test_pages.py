"""The other pages, each checked with axe: audit trail, accounts, API tokens, password, API docs."""

from __future__ import annotations

import re

import pytest
from knox.models import AuthToken
from playwright.sync_api import expect
from tests.browser.conftest import assert_accessible, nav_link, sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_audit_trail_list_and_event_detail(page, live_server, make_user):
    auditor = make_user("oversight_auditor")
    sign_in(page, live_server, auditor)
    nav_link(page, "Audit trail").click()
    expect(page).to_have_url(live_server.url + "/audit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Audit trail")
    expect(nav_link(page, "Audit trail")).to_have_attribute("aria-current", "page")
    rows = page.locator("table.usa-table tbody tr")
    expect(rows.first.get_by_role("cell").nth(4)).to_have_text("Audit trail viewed")
    expect(page.get_by_role("cell", name="Signed in", exact=True)).to_have_count(1)
    assert_accessible(page)

    login_row = rows.filter(has=page.get_by_role("cell", name="Signed in", exact=True))
    event_link = login_row.get_by_role("link")
    event_id = event_link.inner_text().strip()
    event_link.click()
    expect(page).to_have_url(f"{live_server.url}/audit/{event_id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Audit event #{event_id}")
    details = page.get_by_role("table", name="Event details")
    expect(details.get_by_role("row", name=re.compile(r"^Action "))).to_contain_text(
        "auth.login_success"
    )
    expect(details.get_by_role("row", name=re.compile(r"^Actor "))).to_contain_text(
        auditor.username
    )
    assert_accessible(page)


def test_accounts_list_detail_and_request_form(page, live_server, make_user, agency_a):
    admin = make_user("system_administrator")
    other = make_user("agency_liaison", agency=agency_a, username="riley.liaison")
    sign_in(page, live_server, admin)
    nav_link(page, "Accounts").click()
    expect(page).to_have_url(live_server.url + "/accounts/users/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Accounts")
    table = page.get_by_role("table", name="All accounts")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table.get_by_role("row", name=re.compile(r"^riley\.liaison "))).to_contain_text(
        "Alpha County Sheriff's Office"
    )
    assert_accessible(page)

    table.get_by_role("link", name=other.username).click()
    expect(page).to_have_url(f"{live_server.url}/accounts/users/{other.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Account riley.liaison")
    expect(page.get_by_role("checkbox", name="Agency liaison")).to_be_checked()
    expect(page.get_by_role("button", name="Disable account")).to_be_visible()
    assert_accessible(page)

    nav_link(page, "Accounts").click()
    page.get_by_role("link", name="Request an account").click()
    expect(page).to_have_url(live_server.url + "/accounts/users/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Request an account")
    assert_accessible(page)
    page.get_by_label("Username").fill("not a valid name")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#id_username-error")).to_have_text(
        "Use letters, digits, dots, dashes and underscores only."
    )
    expect(page.locator("#id_roles-error")).to_have_text("This field is required.")
    assert_accessible(page)


def test_api_tokens_issue_shows_the_token_once(page, live_server, make_user):
    user = make_user("ice_field_agent")
    sign_in(page, live_server, user)
    page.get_by_role("link", name="API tokens").click()
    expect(page).to_have_url(live_server.url + "/accounts/tokens/")
    expect(page.get_by_role("heading", level=1)).to_have_text("API tokens")
    expect(page.get_by_role("cell", name="You have no active tokens.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Issue a token").click()
    expect(page.get_by_role("heading", name="Your new token")).to_be_visible()
    token = page.locator("#new-token").inner_text().strip()
    assert re.fullmatch(r"[0-9a-f]{64}", token)
    issued = AuthToken.objects.get(user=user)
    assert token.startswith(issued.token_key)
    tokens_table = page.get_by_role("table", name="Your active tokens")
    expect(tokens_table.locator("tbody tr")).to_have_count(1)
    expect(tokens_table.locator("tbody tr code")).to_have_text(issued.token_key)
    assert_accessible(page)

    page.goto(live_server.url + "/accounts/tokens/")
    expect(page.locator("#new-token")).to_have_count(0)
    expect(page.get_by_role("heading", name="Your new token")).to_have_count(0)
    assert token not in page.content()
    expect(tokens_table.locator("tbody tr code")).to_have_text(issued.token_key)


def test_change_password_page(page, live_server, make_user):
    user = make_user("ice_supervisor")
    sign_in(page, live_server, user)
    page.get_by_role("link", name="Change password").click()
    expect(page).to_have_url(live_server.url + "/accounts/password/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Change your password")
    assert_accessible(page)

    page.get_by_label("Current password").fill(PASSWORD)
    page.get_by_label(re.compile(r"^New password")).fill("a brand new passphrase 1")
    page.get_by_label("Confirm new password").fill("a different passphrase 2")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator("#id_confirm_password-error")).to_have_text(
        "The two new passwords do not match."
    )
    assert_accessible(page)


def test_api_docs_page(page, live_server, make_user):
    user = make_user("lesc_analyst")
    sign_in(page, live_server, user)
    nav_link(page, "API").click()
    expect(page).to_have_url(live_server.url + "/api/docs/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(r"^ACCESS API\s+v1\.0\.0$")
    )
    operations = page.get_by_role("table", name="Operations")
    expect(operations.get_by_role("cell", name="/api/agencies/", exact=True).first).to_be_visible()
    expect(page.get_by_role("link", name="/api/schema/")).to_be_visible()
    assert_accessible(page)


def test_weekly_audit_review_from_the_home_queue(page, live_server, make_user):
    sign_in(page, live_server, make_user("oversight_auditor"))
    page.get_by_role("link", name=re.compile(r"^Weekly audit review:")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Weekly audit review")
    assert_accessible(page)
    page.get_by_role("button", name="Record the review").click()
    expect(page.get_by_role("alert")).to_contain_text("Write what the review found")
    assert_accessible(page)
    page.get_by_label("Findings").fill("Nothing to report.")
    page.get_by_role("button", name="Record the review").click()
    expect(page.get_by_text("Review recorded.")).to_be_visible()
    expect(page.get_by_role("cell", name="Nothing to report.")).to_be_visible()
