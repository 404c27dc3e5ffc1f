"""A CAP officer sends a jail's first roster in a real browser: upload, the mapping preview,
the row-level report of a bad roster, and the list; axe on every page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.test_officers import warm_up
from tests.cap.conftest import (  # noqa: F401  (the CAP fixtures)
    cap_facility,
    cap_officer,
    cap_team,
    make_cap_facility,
)

from access.cap.models import Booking, CapFacility, Roster

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

JAIL_CSV = (
    b"BookingNo;LNAME;FNAME;Birth Date;SID;Release Date\r\n"
    b"J-1;Garcia;Maria;19850304;FL123;12/20/2026\r\n"
    b"J-2;Nguyen;Van;11/02/1979;;\r\n"
)
BAD_CSV = (
    b"BookingNo;LNAME;FNAME;Birth Date;SID;Release Date\r\n"
    b"J-1;Garcia;;19850304;;\r\n"
    b"J-1;Lee;Kim;someday;;\r\n"
)


def _file(name: str, data: bytes) -> dict[str, Any]:
    return {"name": name, "mimeType": "text/csv", "buffer": data}


def test_first_roster_with_mapping_preview_and_a_refused_roster(
    page: Page,
    live_server: Any,
    cap_officer: Any,  # noqa: F811
    cap_facility: CapFacility,  # noqa: F811
    settings: Any,
    tmp_path: Any,
) -> None:
    settings.VAR_DIR = tmp_path
    warm_up(live_server)
    CapFacility.objects.filter(pk=cap_facility.pk).update(column_mapping={})
    sign_in(page, live_server, cap_officer)

    page.goto(f"{live_server.url}/cap/rosters/")
    assert_accessible(page)
    page.get_by_role("navigation", name="Send a roster").get_by_role(
        "link", name="Alpha County Jail"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Send a roster")
    assert_accessible(page)
    page.get_by_label("Roster file (CSV or XLSX)").set_input_files(_file("jail.csv", JAIL_CSV))
    page.get_by_role("button", name="Send the roster").click()

    page.wait_for_url("**/rosters/mapping/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Map the roster's columns")
    expect(page.get_by_label("Booking number")).to_have_value("BookingNo")
    expect(page.get_by_label("Date of birth")).to_have_value("Birth Date")
    expect(page.get_by_role("cell", name="Garcia")).to_be_visible()
    assert_accessible(page)
    assert Roster.objects.count() == 0
    page.get_by_role("button", name="Save the mapping and import").click()

    page.wait_for_url(f"**/cap/rosters/{Roster.objects.get().pk}/")
    assert Booking.objects.filter(facility=cap_facility).count() == 2
    cap_facility.refresh_from_db()
    assert cap_facility.column_mapping["id.state_id"] == "SID"

    # The second roster uses the saved mapping; a bad one is refused with the row report.
    page.goto(f"{live_server.url}/cap/facilities/{cap_facility.pk}/rosters/upload/")
    page.get_by_label("Roster file (CSV or XLSX)").set_input_files(_file("bad.csv", BAD_CSV))
    page.get_by_role("button", name="Send the roster").click()
    report = page.get_by_role("table", name="Problems in the roster")
    expect(report).to_contain_text("empty given name")
    expect(report).to_contain_text("booking number repeats row 2")
    assert_accessible(page)
    assert Roster.objects.count() == 1

    page.goto(f"{live_server.url}/cap/rosters/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rosters")
    expect(page.get_by_role("cell", name="Alpha County Jail")).to_be_visible()
    assert_accessible(page)
