"""ICE's public 287(g) list in the browser: transparency page, staff overview, upload flow."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect
from tests.browser.conftest import assert_accessible, sign_in

from access.agencies.models import PublicListUpload, PublishedSnapshot
from access.agencies.publiclist import tasks
from access.agencies.publiclist.ice287g import load_snapshot
from access.agencies.publiclist.importer import import_snapshots
from access.core.actors import SystemActor

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

# ICE's published files, beside the repository (a worktree sits one level deeper than main).
DATA = next(
    (
        parent / "shared" / "data" / "ice-287g"
        for parent in Path(__file__).resolve().parents
        if (parent / "shared" / "data" / "ice-287g").is_dir()
    ),
    Path(__file__).resolve().parents[3] / "shared" / "data" / "ice-287g",
)
# Checking and importing read ICE's real spreadsheets: seconds on an idle 2-core machine, but
# past the default 15 s when the machine is shared (seen in a CI run beside a benchmark)
IMPORT_MS = 60_000


@pytest.fixture
def folders() -> list[Path]:
    found = sorted(p for p in DATA.glob("*") if p.is_dir())
    if not found:
        pytest.skip(f"ICE 287(g) downloads not found at {DATA}")
    return found


def test_the_transparency_page_without_signing_in(page, live_server, folders):
    snapshots = [load_snapshot(p) for f in folders[:3] for p in sorted(f.glob("*.xlsx"))]
    import_snapshots(SystemActor("test"), snapshots)
    page.goto(f"{live_server.url}/transparency/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("287(g) agreements")
    expect(page.locator("canvas[data-chart]")).to_be_visible()
    expect(
        page.get_by_role("table", name="Participating rows per day (last file of each day)")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("State", exact=True).select_option("TEXAS")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("status")).to_contain_text("rows shown")
    states = page.locator(
        "table[class*=usa-table--striped] tbody tr td:first-child"
    ).all_inner_texts()
    assert states and {s.strip() for s in states if s.strip() in ("TEXAS", "FLORIDA")} == {"TEXAS"}
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").first.click()
    assert download.value.suggested_filename.startswith("287g-participating-")


def test_upload_preview_and_confirm_as_a_program_manager(page, live_server, make_user, folders):
    sign_in(page, live_server, make_user("ice_program_manager"))
    page.goto(f"{live_server.url}/agencies/public-list/import/")
    assert_accessible(page)
    files = sorted(folders[0].glob("*.xlsx"))
    page.get_by_label("ICE list files").set_input_files([str(p) for p in files])
    page.get_by_label("Published as of (UTC)").fill("2025-05-19T02:49")
    page.get_by_role("button", name="Check files").click(timeout=IMPORT_MS)
    preview = page.get_by_role("heading", name="Preview: nothing has been written yet")
    expect(preview).to_be_visible(timeout=IMPORT_MS)
    assert PublishedSnapshot.objects.count() == 0
    assert_accessible(page)
    page.get_by_role("button", name="Confirm import").click(timeout=IMPORT_MS)
    expect(page.get_by_role("heading", name="Imported")).to_be_visible(timeout=IMPORT_MS)
    expect(page.get_by_role("status")).to_contain_text("663 added")
    assert PublishedSnapshot.objects.count() == 2
    assert_accessible(page)
    page.get_by_role("link", name="The public list and its change log").click()
    entry_link = page.locator("a[href*='/agencies/public-list/entries/']").first
    entry_link.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Published entry #")
    assert_accessible(page)


def test_the_upload_page_follows_the_job_until_the_preview(
    page, live_server, make_user, folders, monkeypatch
):
    """The request only stores the files; the page says the job is working and shows the
    preview by itself once the job has run (here: run by the test, as the worker would)."""
    queued: list[str] = []
    check = tasks.check_upload
    monkeypatch.setattr(tasks, "check_upload", SimpleNamespace(enqueue=queued.append))
    sign_in(page, live_server, make_user("ice_program_manager"))
    page.goto(f"{live_server.url}/agencies/public-list/import/")
    files = sorted(folders[0].glob("*.xlsx"))
    page.get_by_label("ICE list files").set_input_files([str(p) for p in files])
    page.get_by_label("Published as of (UTC)").fill("2025-05-19T02:49")
    page.get_by_role("button", name="Check files").click()
    expect(page.get_by_role("heading", name="Checking the files")).to_be_visible()
    assert_accessible(page)
    assert len(queued) == 1 and PublicListUpload.objects.get().report is None
    check.call(queued[0])
    preview = page.get_by_role("heading", name="Preview: nothing has been written yet")
    expect(preview).to_be_visible(timeout=IMPORT_MS)
    expect(page.get_by_role("button", name="Confirm import")).to_be_visible()
    assert PublishedSnapshot.objects.count() == 0
    assert_accessible(page)


def test_a_malformed_upload_shows_the_reason(page, live_server, make_user, tmp_path):
    bad = tmp_path / "participatingAgencies07202025am.csv"
    bad.write_text("STATE,LAW ENFORCEMENT AGENCY\nTEXAS,X\n")
    sign_in(page, live_server, make_user("ice_program_manager"))
    page.goto(f"{live_server.url}/agencies/public-list/import/")
    page.get_by_label("ICE list files").set_input_files(str(bad))
    page.get_by_role("button", name="Check files").click()
    expect(page.get_by_role("alert")).to_contain_text("missing columns")
    assert PublishedSnapshot.objects.count() == 0
    assert_accessible(page)
