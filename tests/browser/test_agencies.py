"""Agencies in a real browser: list, filter, sort, paging, create, edit, children, export, scope."""

from __future__ import annotations

import csv
import re

import openpyxl
import pytest
from playwright.sync_api import Page, expect
from tests.browser.conftest import assert_accessible, nav_link, sign_in

from access.agencies.models import Agency, Contact, Facility

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

EXPORT_HEADER = "ID,Name,Kind,State,County,County FIPS,ORI,Street,City,ZIP code"
NEW_NAME = "Delta County Sheriff's Office"


def result_rows(page: Page):
    return page.locator("table.usa-table tbody tr")


def names_in_table(page: Page) -> list[str]:
    return [
        text.strip()
        for text in page.locator("table.usa-table tbody tr td:first-child").all_inner_texts()
    ]


def detail(page: Page, header: str):
    """The value cell of a row of the agency details table."""
    table = page.get_by_role("table", name="Agency details")
    row = table.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=header, exact=True)
    )
    return row.get_by_role("cell")


def test_agency_list_create_edit_children_and_export(
    page, live_server, make_user, make_agency, tmp_path
):
    manager = make_user("ice_program_manager")  # also creates the ICE Test Field Office (FL)
    for _ in range(27):
        make_agency()  # Test County Sheriff's Office N, FL
    for name, ori in [
        ("Austin Police Department", "TX0000300"),
        ("Brazos County Sheriff's Office", "TX0000100"),
        ("Corpus Christi Police Department", "TX0000200"),
    ]:
        make_agency(
            name=name,
            kind="police",
            state="TX",
            county_fips="48167",
            county_name="Galveston",
            ori=ori,
        )
    assert Agency.objects.count() == 31

    sign_in(page, live_server, manager)
    nav_link(page, "Agencies").click()
    expect(page).to_have_url(live_server.url + "/agencies/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Agencies")
    expect(page.get_by_role("status")).to_have_text("31 results")
    expect(result_rows(page)).to_have_count(25)
    expect(page.get_by_text("Page 1 of 2")).to_be_visible()
    assert_accessible(page)

    # Paging.
    page.get_by_role("link", name="Next page").click()
    expect(page.get_by_text("Page 2 of 2")).to_be_visible()
    expect(result_rows(page)).to_have_count(6)
    expect(page.get_by_role("link", name="Next page")).to_have_count(0)
    page.get_by_role("link", name="Previous page").click()
    expect(page.get_by_text("Page 1 of 2")).to_be_visible()

    # Filter by state.
    page.get_by_role("combobox", name="State").select_option(label="Texas")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("status")).to_have_text("3 results")
    assert names_in_table(page) == [
        "Austin Police Department",
        "Brazos County Sheriff's Office",
        "Corpus Christi Police Department",
    ]
    expect(page.get_by_role("navigation", name="Pagination")).to_have_count(0)

    # Sort by clicking a column header (the filter stays); a second click reverses.
    page.get_by_role("columnheader", name="ORI").get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"[?&]sort=ori(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]state=TX(&|$)"))
    expect(page.get_by_role("columnheader", name="ORI")).to_have_attribute("aria-sort", "ascending")
    assert names_in_table(page) == [
        "Brazos County Sheriff's Office",
        "Corpus Christi Police Department",
        "Austin Police Department",
    ]
    assert_accessible(page)
    page.get_by_role("columnheader", name="ORI").get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"[?&]sort=-ori(&|$)"))
    expect(page.get_by_role("columnheader", name="ORI")).to_have_attribute(
        "aria-sort", "descending"
    )
    assert names_in_table(page) == [
        "Austin Police Department",
        "Corpus Christi Police Department",
        "Brazos County Sheriff's Office",
    ]

    # Create: an invalid ORI is refused next to the field and nothing is saved.
    page.get_by_role("link", name="Add", exact=True).click()
    expect(page).to_have_url(live_server.url + "/agencies/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("New agency")
    assert_accessible(page)
    page.get_by_label("Name").fill(NEW_NAME)
    page.get_by_role("combobox", name="Kind").select_option(label="Sheriff's office")
    page.get_by_role("combobox", name="State").select_option(label="Florida")
    page.get_by_label("County FIPS").fill("12073")
    page.get_by_label("County", exact=True).fill("Leon")
    page.get_by_label("ORI").fill("FL123")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(live_server.url + "/agencies/new/")
    ori = page.get_by_label("ORI")
    expect(page.locator("#id_ori-error")).to_have_text(
        "An ORI has exactly 9 characters; this one has 5."
    )
    expect(ori).to_have_attribute("aria-invalid", "true")
    expect(ori).to_have_attribute("aria-describedby", re.compile(r"\bid_ori-error\b"))
    expect(page.locator(".usa-form-group--error")).to_have_count(1)
    expect(page.locator(".usa-form-group--error")).to_contain_text("ORI")
    expect(page.get_by_label("Name")).to_have_value(NEW_NAME)
    assert not Agency.objects.filter(name=NEW_NAME).exists()
    assert_accessible(page)

    ori.fill("FL0370000")
    page.get_by_role("button", name="Save").click()
    # Wait for the page before reading the database: the server shares its connection.
    expect(page).to_have_url(re.compile(rf"^{re.escape(live_server.url)}/agencies/\d+/$"))
    agency = Agency.objects.get(name=NEW_NAME)
    expect(page).to_have_url(f"{live_server.url}/agencies/{agency.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(NEW_NAME)
    expect(page.get_by_role("status").first).to_have_text(f"Saved {NEW_NAME} (FL).")
    expect(detail(page, "ORI")).to_have_text("FL0370000")
    expect(detail(page, "County")).to_have_text("Leon (FIPS 12073)")
    assert_accessible(page)

    # Edit.
    page.get_by_role("link", name="Edit agency").click()
    expect(page).to_have_url(f"{live_server.url}/agencies/{agency.pk}/edit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit agency")
    expect(page.get_by_label("ORI")).to_have_value("FL0370000")
    assert_accessible(page)
    page.get_by_label("Street address").fill("2825 Municipal Way")
    page.get_by_label("City").fill("Tallahassee")
    page.get_by_label("ZIP code").fill("32304")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(f"{live_server.url}/agencies/{agency.pk}/")
    expect(detail(page, "Address")).to_have_text("2825 Municipal Way, Tallahassee 32304")
    agency.refresh_from_db()
    assert agency.city == "Tallahassee"

    # A facility and a contact.
    page.get_by_role("link", name="Add facility").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Add facility: {NEW_NAME}")
    page.get_by_label("Name").fill("Leon County Detention Facility")
    page.get_by_label("Rated capacity").fill("1250")
    page.get_by_label("Average daily population").fill("1010")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(f"{live_server.url}/agencies/{agency.pk}/")
    facilities = page.get_by_role("table", name="Facilities")
    expect(
        facilities.get_by_role("row", name=re.compile("Leon County Detention Facility"))
    ).to_contain_text("1250")

    page.get_by_role("link", name="Add contact").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Add contact: {NEW_NAME}")
    page.get_by_label("Name").fill("Jordan Reyes")
    page.get_by_label("Title").fill("Major, Detention")
    page.get_by_role("combobox", name="Role").select_option(label="Primary point of contact")
    page.get_by_label("Email").fill("j.reyes@example.gov")
    page.get_by_label("Phone").fill("850-555-0100")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(f"{live_server.url}/agencies/{agency.pk}/")
    contacts = page.get_by_role("table", name="Points of contact")
    expect(contacts.get_by_role("row", name=re.compile("Jordan Reyes"))).to_contain_text(
        "j.reyes@example.gov"
    )
    assert Facility.objects.filter(agency=agency).count() == 1
    assert Contact.objects.filter(agency=agency, email="j.reyes@example.gov").count() == 1
    assert_accessible(page)

    # Export through the download links.
    nav_link(page, "Agencies").click()
    expect(page.get_by_role("status")).to_have_text("32 results")
    with page.expect_download() as csv_download:
        page.get_by_role("link", name="CSV", exact=True).click()
    download = csv_download.value
    assert re.fullmatch(r"agencies-\d{8}T\d{6}Z\.csv", download.suggested_filename)
    with open(download.path(), encoding="utf-8", newline="") as handle:
        text = handle.read()
    assert text.splitlines()[0] == EXPORT_HEADER
    rows = list(csv.reader(text.splitlines()))
    assert len(rows) == 1 + 32
    assert [
        str(agency.pk),
        NEW_NAME,
        "sheriff",
        "FL",
        "Leon",
        "12073",
        "FL0370000",
        "2825 Municipal Way",
        "Tallahassee",
        "32304",
    ] in rows

    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="XLSX", exact=True).click()
    download = xlsx_download.value
    assert re.fullmatch(r"agencies-\d{8}T\d{6}Z\.xlsx", download.suggested_filename)
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    workbook = openpyxl.load_workbook(saved, read_only=True)
    sheet = workbook["agencies"]
    values = list(sheet.iter_rows(values_only=True))
    workbook.close()
    assert list(values[0]) == EXPORT_HEADER.split(",")
    assert len(values) == 1 + 32
    assert NEW_NAME in [row[1] for row in values]


def test_agency_liaison_cannot_open_another_agencys_page(
    page, live_server, make_user, agency_a, agency_b
):
    liaison = make_user("agency_liaison", agency=agency_b)
    sign_in(page, live_server, liaison)

    response = page.goto(f"{live_server.url}/agencies/{agency_b.pk}/")
    assert response is not None and response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Bravo Police Department")
    expect(page.get_by_role("link", name="Edit agency")).to_have_count(0)

    response = page.goto(f"{live_server.url}/agencies/{agency_a.pk}/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(
        page.get_by_text("This page does not exist, or you do not have access to it.")
    ).to_be_visible()
    expect(page.get_by_text("Alpha County Sheriff's Office")).to_have_count(0)
    assert_accessible(page)
