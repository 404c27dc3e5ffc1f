"""The agency case register in Chromium shows 25 cases a page (issue 15 item 21): the caption
counts every case, the pager moves by keyboard, every page axe-clean."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect
from tests.browser.conftest import assert_accessible, nav_link, sign_in

from access.inquiries import cases

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_the_register_pages_through_its_cases(page, live_server, make_user, agency_a):
    liaison = make_user("agency_liaison", agency_a, username="liaison.pages")
    for n in range(27):
        cases.add_case(
            liaison, agency=agency_a, case_number=f"24-{n:05d}", opened_on=date(2024, 1, 1)
        )
    sign_in(page, live_server, liaison)
    nav_link(page, "Case register").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Case register")
    table = page.get_by_role("table").first
    expect(table.locator("caption")).to_have_text("27 cases, 27 open (page 1 of 2)")
    expect(table.locator("tbody tr")).to_have_count(25)
    pager = page.get_by_role("navigation", name="Pages of the case register")
    expect(pager).to_contain_text("Page 1 of 2")
    assert_accessible(page)

    pager.get_by_role("link", name="Next page").focus()
    page.keyboard.press("Enter")
    expect(table.locator("caption")).to_have_text("27 cases, 27 open (page 2 of 2)")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(pager.get_by_role("link", name="Previous page")).to_be_visible()
    assert_accessible(page)
