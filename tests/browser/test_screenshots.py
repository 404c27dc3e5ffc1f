"""Screenshots of the main pages for docs/screenshots/, taken on the demo data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect
from tests.browser.conftest import VIEWPORT, sign_in
from tests.conftest import PASSWORD

from access.accounts.models import User
from access.agencies.models import Agency
from access.core.actors import SystemActor
from access.site.demo import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

# `make screenshots` points this at docs/screenshots; a plain test run keeps the tree clean.
SCREENSHOTS = Path(
    os.environ.get(
        "ACCESS_SCREENSHOTS", Path(__file__).resolve().parents[2] / "var" / "screenshots"
    )
)
MAX_BYTES = 300 * 1024


def test_screenshots_of_login_home_and_agencies(page, live_server):
    load_demo(SystemActor("demo data"))
    manager = User.objects.get(username="manager")
    manager.set_password(PASSWORD)
    manager.save(update_fields=["password"])
    collier = Agency.objects.get(ori="FL0110000")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert page.viewport_size == VIEWPORT

    def shoot(name: str) -> None:
        path = SCREENSHOTS / name
        page.screenshot(path=path, animations="disabled", caret="hide")
        assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
        assert path.stat().st_size < MAX_BYTES, f"{name} is {path.stat().st_size} bytes"

    page.goto(live_server.url + "/accounts/login/")
    expect(page.get_by_role("heading", name="System use notification")).to_be_visible()
    shoot("login.png")

    sign_in(page, live_server, manager)
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Morgan Manager")
    shoot("home.png")

    page.goto(live_server.url + "/agencies/")
    expect(page.get_by_role("status")).to_have_text("8 results")
    shoot("agencies.png")

    page.goto(f"{live_server.url}/agencies/{collier.pk}/")
    expect(page.get_by_role("cell", name="Naples Jail Center", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name="Pat Rivera", exact=True)).to_be_visible()
    shoot("agency-detail.png")
