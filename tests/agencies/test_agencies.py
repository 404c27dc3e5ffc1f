"""Managing agencies: list, filters, sort, paging, export, create and edit with validation."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from access.agencies.models import Agency, Contact, Facility
from access.audit.models import AuditEvent

VALID = {
    "name": "Delta County Sheriff's Office",
    "kind": "sheriff",
    "state": "FL",
    "county_fips": "12021",
    "county_name": "Collier",
    "ori": "fl0210000",
    "street": "1 Main St",
    "city": "Naples",
    "postcode": "34112",
    "notes": "",
}


@pytest.fixture
def manager(client_as):
    return client_as("ice_program_manager")


def test_create_writes_one_agency_and_exactly_one_audit_event(manager):
    events_before = AuditEvent.objects.count()
    response = manager.post("/agencies/new/", VALID)
    agency = Agency.objects.get(name=VALID["name"])
    assert response.status_code == 302 and response["Location"] == f"/agencies/{agency.pk}/"
    assert agency.ori == "FL0210000"
    created = AuditEvent.objects.exclude(action="audit.viewed")[
        : AuditEvent.objects.count() - events_before
    ]
    assert [e.action for e in created] == ["agency.create"]
    assert created[0].after["ori"] == "FL0210000" and created[0].before is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("ori", "FL02", "An ORI has exactly 9 characters; this one has 4."),
        ("ori", "FL021000!", "An ORI is 2 letters (the state) then 7 letters or digits."),
        ("ori", "TX0210000", "This ORI belongs to TX, not FL."),
        ("ori", "ZZ0210000", "An ORI starts with a state code; ZZ is not one."),
        ("county_fips", "1202", "A county FIPS code is 5 digits"),
        ("county_fips", "48167", "County FIPS codes in FL start with 12."),
        ("name", "", "This field is required."),
        ("state", "XX", "Select a valid choice."),
    ],
)
def test_invalid_agencies_are_refused_with_a_specific_message(manager, field, value, message):
    count, events = Agency.objects.count(), AuditEvent.objects.count()
    response = manager.post("/agencies/new/", {**VALID, field: value})
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    assert Agency.objects.count() == count and AuditEvent.objects.count() == events


def test_duplicate_ori_is_refused(manager, agency_a):
    response = manager.post("/agencies/new/", {**VALID, "ori": agency_a.ori.lower()})
    assert response.status_code == 400
    assert Agency.objects.filter(ori=agency_a.ori).count() == 1


def test_edit_records_before_and_after(manager, agency_a):
    data = {
        **VALID,
        "name": "Alpha County Sheriff's Office (renamed)",
        "ori": agency_a.ori,
        "county_fips": "12086",
    }
    assert manager.post(f"/agencies/{agency_a.pk}/edit/", data).status_code == 302
    event = AuditEvent.objects.get(action="agency.update")
    assert event.before["name"] == "Alpha County Sheriff's Office"
    assert event.after["name"] == "Alpha County Sheriff's Office (renamed)"


def test_facilities_and_contacts_are_added_to_the_agency(manager, agency_a):
    manager.post(
        f"/agencies/{agency_a.pk}/facilities/new/",
        {
            "name": "Alpha Jail",
            "rated_capacity": "500",
            "average_daily_population": "410",
            "annual_bookings": "9000",
            "street": "",
            "city": "",
        },
    )
    manager.post(
        f"/agencies/{agency_a.pk}/contacts/new/",
        {
            "name": "Pat Doe",
            "title": "Captain",
            "role": "primary",
            "email": "pat@example.gov",
            "phone": "555-0100",
        },
    )
    facility = Facility.objects.get(agency=agency_a)
    assert (
        facility.rated_capacity,
        facility.average_daily_population,
        facility.annual_bookings,
    ) == (500, 410, 9000)
    assert Contact.objects.get(agency=agency_a).name == "Pat Doe"
    page = manager.get(f"/agencies/{agency_a.pk}/").content.decode()
    assert "Alpha Jail" in page and "Pat Doe" in page


def test_list_filters_sorts_and_pages(manager, make_agency):
    for i in range(30):
        make_agency(
            name=f"Agency {i:02d}",
            state="TX" if i % 2 else "FL",
            county_fips="48167" if i % 2 else "12086",
        )
    fl = manager.get("/agencies/", {"state": "FL"})
    assert all(r.record.state == "FL" for r in fl.context["table"].rows)
    desc = manager.get("/agencies/", {"sort": "-name"})
    names = [r.record.name for r in desc.context["table"].paginated_rows]
    assert names == sorted(names, reverse=True) and len(names) == 25
    page2 = manager.get("/agencies/", {"page": 2})
    assert len(list(page2.context["table"].paginated_rows)) == Agency.objects.count() - 25


def test_csv_and_xlsx_exports_follow_the_filters(manager, make_agency):
    make_agency(name="Echo Police Department", kind="police", state="TX", county_fips="48167")
    csv_response = manager.get("/agencies/", {"state": "TX", "export": "csv"})
    lines = csv_response.content.decode().strip().splitlines()
    assert lines[0] == "ID,Name,Kind,State,County,County FIPS,ORI,Street,City,ZIP code"
    assert len(lines) == 2 and "Echo Police Department" in lines[1]
    xlsx = manager.get("/agencies/", {"state": "TX", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][1] == "Echo Police Department" and len(rows) == 2
    assert AuditEvent.objects.filter(action="agency.export").count() == 2


def test_exported_text_cannot_become_a_formula(manager, make_agency):
    make_agency(name='=HYPERLINK("http://x")', state="TX", county_fips="48167")
    body = manager.get("/agencies/", {"state": "TX", "export": "csv"}).content.decode()
    assert "'=HYPERLINK" in body


def test_unknown_export_format_is_a_404(manager):
    assert manager.get("/agencies/", {"export": "pdf"}).status_code == 404
