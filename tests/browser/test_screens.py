"""What people read on screen (issue 15): plain first versions, grouped navigation, the
keyboard on sign-in, readable audit values, the public page's pages and past dates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from tests.browser.conftest import VIEWPORT, assert_accessible, sign_in
from tests.conftest import PASSWORD, otp_code

from access.accounts.models import Role
from access.accounts.roles import ROLES
from access.agencies.publiclist.ice287g import load_snapshot
from access.agencies.publiclist.importer import import_snapshots
from access.agreements import actions as agreement_actions
from access.audit.models import AuditEvent
from access.core.actors import SystemActor
from access.partnerships.models import PartnershipType

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_version_one_of_an_agreement_reads_as_plain_text(
    page, live_server, make_user, agency_a, ice_office
):
    manager = make_user("ice_program_manager")
    agreement = agreement_actions.draft_agreement(
        manager,
        agency=agency_a,
        partnership_type=PartnershipType.objects.get(code="287g_jem"),
        supervising_office=ice_office,
        officer_limit=10,
    )
    sign_in(page, live_server, manager)
    page.goto(f"/agreements/{agreement.pk}/versions/1/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Version 1 of agreement #{agreement.pk}"
    )
    expect(page.get_by_text("The first version, shown as written.")).to_be_visible()
    expect(page.locator("main ins, main del")).to_have_count(0)
    expect(page.locator("main .usa-tag").filter(has_text="Changed")).to_have_count(0)
    expect(page.get_by_role("columnheader", name="Changed")).to_have_count(0)
    assert_accessible(page)


def test_enter_on_the_consent_box_does_not_submit_and_the_code_field_has_focus(
    page, live_server, make_user
):
    user = make_user("agency_liaison")
    page.goto("/accounts/login/")
    checkbox = page.get_by_label("I have read the notice above")
    checkbox.focus()
    page.keyboard.press("Space")
    expect(checkbox).to_be_checked()
    page.keyboard.press("Enter")
    # Not submitted: no errors, the box still ticked, the fields still to fill.
    expect(page.locator(".usa-error-message")).to_have_count(0)
    expect(checkbox).to_be_checked()
    expect(checkbox).to_be_focused()
    assert AuditEvent.objects.filter(action__startswith="auth.").count() == 0

    page.keyboard.press("Tab")
    page.keyboard.type(user.username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/login/verify/")
    expect(page.get_by_label("One-time code")).to_be_focused()
    assert_accessible(page)
    page.keyboard.type(otp_code(user))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")


def test_the_paste_a_message_form_shows_an_example(page, live_server, make_user, agency_a):
    officer = make_user("agency_officer", agency_a)
    sign_in(page, live_server, officer)
    page.goto("/inquiries/new/?mode=message")
    example = page.locator("#id_message-example code")
    expect(example).to_have_text(
        "IAQ.FL0000001.AX.TXT.PUR/C.ATN/DET R MILLER.PHN/555-010-0199.NAM/DOE,JOHN."
        "DOB/19850314.SEX/M.POB/MX.CUS/Y.OFF/1313.RSN/TRAFFIC STOP.CAS/24-00123."
    )
    assert_accessible(page)


@pytest.mark.parametrize("role", [*sorted(ROLES), "every role at once"])
def test_every_roles_navigation_fits_one_line_with_sign_out_in_view(
    role, page, live_server, make_user, agency_a
):
    if role in ROLES:
        user = make_user(role, agency_a if role.startswith("agency_") else None)
    else:  # the longest menu there can be: every link of every role
        user = make_user("oversight_auditor", username="every.role")
        user.roles.set(Role.objects.all())
    sign_in(page, live_server, user)
    nav = page.get_by_role("navigation", name="Primary navigation")
    tops = {round(box["y"]) for box in _boxes(nav.locator(".usa-nav__primary > li"))}
    assert len(tops) == 1, f"{role}: the menu wraps onto {len(tops)} lines"
    sign_out = page.get_by_role("button", name="Sign out")
    expect(sign_out).to_be_in_viewport()
    box = sign_out.bounding_box()
    assert box is not None and box["x"] + box["width"] <= VIEWPORT["width"]
    assert_accessible(page)

    # A group opens from the keyboard and its links are ordinary links.
    groups = nav.locator("button.usa-nav__link")
    if groups.count():
        first = groups.first
        first.focus()
        page.keyboard.press("Enter")
        expect(first).to_have_attribute("aria-expanded", "true")
        submenu = page.locator(f"#{first.get_attribute('aria-controls')}")
        expect(submenu).to_be_visible()
        assert_accessible(page)
        target = submenu.get_by_role("link").first
        href = target.get_attribute("href")
        target.click()
        expect(page).to_have_url(f"{live_server.url}{href}")
        # The page's own link is marked current inside its group.
        expect(nav.locator(f"a[href='{href}']")).to_have_attribute("aria-current", "page")


def _boxes(items):
    return [items.nth(i).bounding_box() for i in range(items.count())]


DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "ice-287g"


def _right_edges_in_view(page, table, names):
    """Every named column header lies within the 1280 px window without scrolling."""
    for name in names:
        # Sortable headers read "Name, sort": match the header's own words.
        header = table.locator("thead th").filter(
            has_text=re.compile(rf"^\s*{re.escape(name)}(,|\s*$)")
        )
        box = header.bounding_box()
        assert box is not None, name
        assert box["x"] + box["width"] <= VIEWPORT["width"], f"{name} is off screen"


def test_the_public_page_in_pages_with_key_columns_and_a_past_date(page, live_server):
    files = sorted(p for f in sorted(DATA.glob("*"))[:4] if f.is_dir() for p in f.glob("*.xlsx"))
    if not files:
        pytest.fail(f"ICE 287(g) downloads not found at {DATA}")
    snapshots = [load_snapshot(p) for p in files]
    import_snapshots(SystemActor("test"), snapshots)
    page.goto("/transparency/")
    # The change log is reachable from the top of the page.
    on_this_page = page.get_by_role("navigation", name="On this page")
    expect(on_this_page.get_by_role("link", name=re.compile("^Change log"))).to_be_in_viewport()
    expect(page.get_by_role("status")).to_contain_text("shown, 1 to 50 on this page")
    table = page.locator("div[aria-label='The participating list'] table")
    expect(table.locator("tbody tr")).to_have_count(50)
    _right_edges_in_view(page, table, ["STATE", "LAW ENFORCEMENT AGENCY", "SUPPORT TYPE", "SIGNED"])
    assert_accessible(page)

    page.get_by_role("navigation", name="Pages of the list").get_by_role(
        "link", name="Next page"
    ).click()
    expect(page.get_by_role("status")).to_contain_text("shown, 51 to 100 on this page")

    first_day = min(s.taken_at for s in snapshots).date().isoformat()
    page.get_by_label("Show the lists as published on").fill(first_day)
    page.get_by_role("button", name="Show this date").click()
    expect(
        page.get_by_role("heading", name=f"The participating list as of {first_day}")
    ).to_be_visible()
    expect(page.locator("#summary-participating").locator("xpath=..")).to_contain_text(
        f"As published at {first_day}"
    )
    assert_accessible(page)

    on_this_page.get_by_role("link", name=re.compile("^Change log")).click()
    expect(page.get_by_role("heading", name="Change log")).to_be_in_viewport()


@pytest.mark.parametrize(
    ("url", "columns"),
    [
        ("/agreements/", ["Agreement", "Agency", "Type", "Status", "Signed", "Expires"]),
        ("/agencies/", ["Name", "Kind", "State", "County", "ORI"]),
    ],
)
def test_staff_lists_keep_their_columns_in_view(url, columns, page, live_server, make_user):
    sign_in(page, live_server, make_user("oversight_auditor"))
    page.goto(url)
    table = page.locator("main table.usa-table").first
    expect(table).to_be_visible()
    _right_edges_in_view(page, table, columns)
