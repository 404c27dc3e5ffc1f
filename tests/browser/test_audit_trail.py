"""The audit trail as people read it in Chromium (issue 15 items 6 and 8): coded values shown
with their labels, and the lists people scan fit a 1280 px window without scrolling sideways."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect
from tests.browser.conftest import VIEWPORT, assert_accessible, sign_in
from tests.browser.test_screens import _right_edges_in_view

from access.agencies.publiclist.ice287g import load_snapshot
from access.agencies.publiclist.importer import import_snapshots
from access.audit import events
from access.core.actors import SystemActor
from access.officers.choices import OfficerStatus

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

# ICE's published files, beside the repository (a worktree sits one level deeper than main).
DATA = next(
    (
        parent / "shared" / "data" / "ice-287g"
        for parent in Path(__file__).resolve().parents
        if (parent / "shared" / "data" / "ice-287g").is_dir()
    ),
    Path("shared/data/ice-287g"),
)
# The columns people scan first, per list.
KEY_COLUMNS = {
    "/audit/": ["Event", "Time (UTC)", "Actor", "Agency", "Action", "Object", "Outcome"],
    "/agreements/": ["Agreement", "Agency", "Type", "Status", "Signed", "Expires"],
    "/agencies/": ["Name", "Kind", "State", "County", "ORI"],
}


def _long_events(user) -> None:
    """Events with the longest values the trail shows: a long actor name and agency, the
    longest declared label, and an object text of the full 300 characters."""
    for _ in range(3):
        events.record(
            "inquiry.details_recorded",
            actor=user,
            object_type="inquiries.inquiry",
            object_id=123456,
            object_repr="Inquiry #123456 (" + "2026-CR-0000123456789 " * 20 + ")",
            details={"purpose_code": "C"},
        )
        events.record(
            "access.denied",
            actor=user,
            object_type="route",
            object_repr="GET /partnerships/requests/<int:pk>/assessment/recommendation/settings/",
            outcome="denied",
            details={"status": 404},
        )


def test_the_event_page_shows_coded_values_by_their_labels(page, live_server, make_user):
    auditor = make_user("oversight_auditor")
    event = events.record(
        "officer.clear_check",
        actor=SystemActor("test"),
        object_type="officers.officer",
        object_id=7,
        details={"from": "nominated", "to": "cleared", "purpose_code": "F"},
    )
    inquiry_event = events.record(
        "inquiry.viewed",
        actor=SystemActor("test"),
        object_type="inquiries.inquiry",
        object_id=8,
        details={"purpose_code": "C"},
    )
    sign_in(page, live_server, auditor)
    page.goto(f"/audit/{event.pk}/")
    details = page.locator("table").filter(has=page.get_by_text("Details", exact=True))
    expect(details.get_by_role("row", name="From")).to_contain_text(
        OfficerStatus.label("nominated")
    )
    expect(details.get_by_role("row", name="To")).to_contain_text(OfficerStatus.label("cleared"))
    assert_accessible(page)
    page.goto(f"/audit/{inquiry_event.pk}/")
    details = page.locator("table").filter(has=page.get_by_text("Details", exact=True))
    expect(details.get_by_role("row", name="Purpose code")).to_contain_text("Criminal justice")
    expect(details).not_to_contain_text("Purpose code C")


def _fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= VIEWPORT["width"], f"{page.url} is {width} px wide"


@pytest.mark.parametrize("url", ["/audit/", "/agreements/", "/agencies/"])
def test_staff_lists_fit_1280_px(url, page, live_server, make_user, agency_a, agency_b):
    auditor = make_user(
        "oversight_auditor",
        username="oversight.auditor.with.a.long.name",
        first_name="Maximiliana",
        last_name="Featherstonehaugh-Vanderbilt",
    )
    _long_events(auditor)
    sign_in(page, live_server, auditor)
    page.goto(url)
    table = page.locator("main table.usa-table").first
    expect(table).to_be_visible()
    _fits(page)
    _right_edges_in_view(page, table, KEY_COLUMNS[url])
    # Nor does the table scroll inside its own box.
    box = page.locator("main .usa-table-container--scrollable").first
    assert box.evaluate("e => e.scrollWidth <= e.clientWidth"), "the table scrolls sideways"
    assert_accessible(page)


def test_the_public_page_fits_1280_px(page, live_server):
    files = sorted(p for f in sorted(DATA.glob("*"))[:2] if f.is_dir() for p in f.glob("*.xlsx"))
    if not files:
        pytest.fail(f"ICE 287(g) downloads not found at {DATA}")
    import_snapshots(SystemActor("test"), [load_snapshot(p) for p in files])
    page.goto("/transparency/")
    expect(page.locator("main table").first).to_be_visible()
    _fits(page)
