"""Roster pages: the list, the upload, the mapping preview, the row-level report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from tests.cap.rosters_data import HEADER, ROWS, csv_bytes, xlsx_bytes

from access.audit.models import AuditEvent
from access.cap.events import Event
from access.cap.models import Booking, CapFacility, Roster
from access.cap.views.rosters import STAGING_SESSION_KEY

pytestmark = pytest.mark.django_db

JAIL_HEADER = ["BookingNo", "LNAME", "FNAME", "Birth Date", "SID", "Cell"]
JAIL_ROWS = [
    ["J-1", "Garcia", "Maria", "19850304", "FL123", "A1"],
    ["J-2", "Nguyen", "Van", "11/02/1979", "", "B2"],
]


@pytest.fixture(autouse=True)
def _staging(settings: Any, tmp_path: Path) -> Path:
    settings.VAR_DIR = tmp_path
    return tmp_path / "cap-roster-staging"


def _upload(client: Any, facility: CapFacility, data: bytes, name: str = "roster.csv") -> Any:
    return client.post(
        f"/cap/facilities/{facility.pk}/rosters/upload/",
        {"roster": SimpleUploadedFile(name, data)},
    )


def test_upload_with_the_saved_mapping_redirects_to_the_roster(
    client_as: Any, cap_officer: Any, cap_facility: CapFacility
) -> None:
    client = client_as(cap_officer)
    assert client.get(f"/cap/facilities/{cap_facility.pk}/rosters/upload/").status_code == 200
    response = _upload(client, cap_facility, xlsx_bytes(), "roster.xlsx")
    roster = Roster.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/cap/rosters/{roster.pk}/"
    assert roster.filename == "roster.xlsx" and roster.received_by == cap_officer
    assert Booking.objects.count() == 3


def test_row_errors_are_a_table_and_nothing_is_stored(
    client_as: Any, cap_officer: Any, cap_facility: CapFacility
) -> None:
    client = client_as(cap_officer)
    bad = [ROWS[0], ["B-1002", "Nguyen", "", "", "unknown", "M", "", "", ""]]
    events = AuditEvent.objects.count()
    response = _upload(client, cap_facility, csv_bytes(bad))
    assert response.status_code == 400
    page = response.content.decode()
    assert "nothing was stored" in page
    assert "<td>3</td><td>First Name</td><td>empty given name</td>" in page
    assert "<td>3</td><td>DOB</td><td>not a date: &#x27;unknown&#x27;</td>" in page
    assert Roster.objects.count() == 0 and Booking.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_not_a_spreadsheet_is_refused_on_the_page(
    client_as: Any, cap_officer: Any, cap_facility: CapFacility
) -> None:
    response = _upload(client_as(cap_officer), cap_facility, b"%PDF-1.5\x00\x01", "roster.pdf")
    assert response.status_code == 400
    assert "not a spreadsheet or CSV" in response.content.decode()
    assert Roster.objects.count() == 0


def test_first_roster_goes_through_the_mapping_preview(
    client_as: Any, cap_officer: Any, cap_facility: CapFacility, _staging: Path
) -> None:
    with_no_mapping = CapFacility.objects.filter(pk=cap_facility.pk)
    with_no_mapping.update(column_mapping={})
    client = client_as(cap_officer)
    response = _upload(client, cap_facility, csv_bytes(JAIL_ROWS, JAIL_HEADER))
    mapping_url = f"/cap/facilities/{cap_facility.pk}/rosters/mapping/"
    assert (response.status_code, response["Location"]) == (302, mapping_url)
    assert Roster.objects.count() == 0
    token = client.session[STAGING_SESSION_KEY]["token"]
    assert (_staging / f"{token}.roster").exists()
    assert token not in mapping_url

    preview = client.get(mapping_url)
    page = preview.content.decode()
    assert preview.status_code == 200
    assert '<option value="BookingNo" selected>BookingNo</option>' in page
    assert '<option value="Birth Date" selected>Birth Date</option>' in page
    assert "<td>J-1</td><td>Garcia</td><td>Maria</td>" in page
    assert "<td>1985-03-04</td>" not in page  # the preview shows the cells as sent

    fields = {
        "booking_number": "BookingNo",
        "family_name": "LNAME",
        "given_name": "FNAME",
        "date_of_birth": "Birth Date",
        "id.state_id": "SID",
    }
    shown = client.post(mapping_url, {**fields, "preview": "1"})
    assert shown.status_code == 200 and Roster.objects.count() == 0
    done = client.post(mapping_url, {**fields, "confirm": "1"})
    roster = Roster.objects.get()
    assert done["Location"] == f"/cap/rosters/{roster.pk}/"
    cap_facility.refresh_from_db()
    assert cap_facility.column_mapping == fields
    assert AuditEvent.objects.filter(action=Event.CHANGE_FACILITY).count() == 1
    assert Booking.objects.get(booking_number="J-1").identifiers == {"state_id": "FL123"}
    assert not (_staging / f"{token}.roster").exists()
    assert STAGING_SESSION_KEY not in client.session


def test_mapping_without_required_fields_stays_on_the_page(
    client_as: Any, cap_officer: Any, cap_facility: CapFacility
) -> None:
    CapFacility.objects.filter(pk=cap_facility.pk).update(column_mapping={})
    client = client_as(cap_officer)
    _upload(client, cap_facility, csv_bytes(JAIL_ROWS, JAIL_HEADER))
    response = client.post(
        f"/cap/facilities/{cap_facility.pk}/rosters/mapping/",
        {"booking_number": "BookingNo", "confirm": "1"},
    )
    assert response.status_code == 400
    assert "Choose a column for each required field." in response.content.decode()
    cap_facility.refresh_from_db()
    assert cap_facility.column_mapping == {} and Roster.objects.count() == 0


def test_headers_lacking_mapped_columns_show_the_preview(
    client_as: Any, cap_officer: Any, cap_facility: CapFacility
) -> None:
    header = ["Booking Number", *HEADER[1:]]
    response = _upload(client_as(cap_officer), cap_facility, csv_bytes(header=header))
    assert response["Location"].endswith("/rosters/mapping/")
    assert Roster.objects.count() == 0


def test_mapping_page_without_a_staged_file_goes_back_to_upload(
    client_as: Any, cap_officer: Any, cap_facility: CapFacility
) -> None:
    response = client_as(cap_officer).get(f"/cap/facilities/{cap_facility.pk}/rosters/mapping/")
    assert response["Location"] == f"/cap/facilities/{cap_facility.pk}/rosters/upload/"


def test_another_teams_facility_is_404(
    client_as: Any, cap_officer: Any, other_facility: CapFacility
) -> None:
    client = client_as(cap_officer)
    assert client.get(f"/cap/facilities/{other_facility.pk}/rosters/upload/").status_code == 404
    assert _upload(client, other_facility, csv_bytes()).status_code == 404
    assert Roster.objects.count() == 0 and Booking.objects.count() == 0


def test_list_shows_only_the_teams_rosters(
    client_as: Any,
    cap_officer: Any,
    cap_facility: CapFacility,
    other_facility: CapFacility,
    make_user: Any,
) -> None:
    from access.cap.actions.rosters import receive_roster
    from access.core.actors import SystemActor

    system = SystemActor("test")
    mine, _ = receive_roster(system, cap_facility, data=csv_bytes(), source="upload")
    theirs, _ = receive_roster(system, other_facility, data=csv_bytes(), source="upload")
    page = client_as(cap_officer).get("/cap/rosters/").content.decode()
    assert f'href="/cap/rosters/{mine.pk}/"' in page
    assert f'href="/cap/rosters/{theirs.pk}/"' not in page
    assert "Alpha County Jail" in page and "Bravo City Jail" not in page
    assert f'href="/cap/facilities/{cap_facility.pk}/rosters/upload/"' in page
    assert f'href="/cap/facilities/{other_facility.pk}/rosters/upload/"' not in page
    oversight = client_as(make_user("oversight_auditor")).get("/cap/rosters/").content.decode()
    assert "Alpha County Jail" in oversight and "Bravo City Jail" in oversight
    assert "/rosters/upload/" not in oversight  # oversight reads, sends nothing
    agency = client_as("agency_liaison", cap_facility.facility.agency).get("/cap/rosters/")
    assert agency.status_code == 404


def test_staged_files_nobody_confirmed_are_removed(
    client_as: Any, cap_officer: Any, cap_facility: CapFacility, _staging: Path
) -> None:
    import os

    CapFacility.objects.filter(pk=cap_facility.pk).update(column_mapping={})
    _staging.mkdir(parents=True)
    old = _staging / "abandoned.roster"
    old.write_bytes(b"old")
    os.utime(old, (0, 0))
    client = client_as(cap_officer)
    _upload(client, cap_facility, csv_bytes(JAIL_ROWS, JAIL_HEADER))
    first = client.session[STAGING_SESSION_KEY]["token"]
    _upload(client, cap_facility, csv_bytes(JAIL_ROWS[:1], JAIL_HEADER))
    assert not old.exists()
    assert not (_staging / f"{first}.roster").exists()  # one staged file per session
    assert [p.name for p in _staging.iterdir()] == [
        f"{client.session[STAGING_SESSION_KEY]['token']}.roster"
    ]
