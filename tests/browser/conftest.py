"""Browser fixtures: one Chromium per session, a fresh context and page per test.

Tests drive the real app served by pytest-django's ``live_server`` (a transactional database,
flushed after each test), through Debian's Chromium: Playwright cannot download browsers here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import transaction
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Locator,
    Page,
    Playwright,
    expect,
    sync_playwright,
)
from tests.conftest import PASSWORD, otp_code

from access.accounts.models import User
from access.site.reference_data import seed_reference_data

CHROMIUM = "/usr/bin/chromium"
# No network here: without these flags Chromium keeps trying to reach Google's services.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TIMEOUT_MS = 15_000

_axe = Axe()


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def base_url(live_server: Any) -> str:
    """The live server's root, e.g. http://localhost:41234 (no trailing slash)."""
    return str(live_server.url)


@pytest.fixture
def context(browser: Browser, base_url: str) -> Iterator[BrowserContext]:
    context = browser.new_context(
        base_url=base_url, viewport=VIEWPORT, accept_downloads=True, locale="en-US"
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture(autouse=True)
def _seeded_roles(transactional_db: Any) -> None:
    """Roles, partnership types, settings and clause templates come from data migrations;
    a transactional test's flush removes them. One transaction: one commit, not hundreds."""
    with transaction.atomic():
        seed_reference_data()


def acknowledge(page: Page) -> None:
    """Tick the notice checkbox (if not yet ticked) as a person does: USWDS draws the box on
    the label and moves the input off-screen, so click the label."""
    checkbox = page.get_by_label("I have read the notice above")
    if not checkbox.is_checked():
        page.locator("label[for=id_acknowledge]").click()
    expect(checkbox).to_be_checked()


def sign_in(page: Page, live_server: Any, user: User) -> None:
    """Sign in through the real UI: notice, username, password, then the one-time code."""
    page.goto(f"{live_server.url}/accounts/login/")
    acknowledge(page)
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/accounts/login/verify/")
    page.get_by_label("One-time code").fill(otp_code(user))
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")


def assert_accessible(page: Page) -> None:
    """Run axe (WCAG 2.0/2.1 A and AA) on the current page; fail listing each violation."""
    results = _axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    violations = results.response["violations"]
    if violations:
        lines = [f"{len(violations)} axe violation(s) on {page.url}:"]
        for violation in violations:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            lines.extend(
                f"    {', '.join(map(str, node['target']))}" for node in violation["nodes"]
            )
        pytest.fail("\n".join(lines), pytrace=False)


def nav_link(page: Page, name: str) -> Locator:
    """A link of the primary navigation, shown: if it sits in a closed group (a USWDS dropdown),
    open the group first, as a person does."""
    nav = page.get_by_role("navigation", name="Primary navigation")
    link = nav.get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        # A hidden link is not in the accessibility tree: find its group by the link's text.
        submenu = nav.locator(".usa-nav__submenu").filter(
            has=page.locator("a").filter(has_text=re.compile(f"^{re.escape(name)}$"))
        )
        nav.locator(f"button[aria-controls='{submenu.get_attribute('id')}']").click()
    expect(link).to_be_visible()
    return link
