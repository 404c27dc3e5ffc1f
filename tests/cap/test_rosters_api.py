"""The rosters API: JSON rows and files, duplicates, the one error shape, team scoping."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from knox.models import AuthToken
from tests.cap.rosters_data import csv_bytes, json_rows, xlsx_bytes

from access.cap.models import Booking, CapFacility, Roster

pytestmark = pytest.mark.django_db


def _api(user: Any) -> Client:
    _, token = AuthToken.objects.create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Token {token}")


def _url(facility: CapFacility) -> str:
    return f"/api/cap/facilities/{facility.pk}/rosters/"


def _post_json(client: Client, url: str, body: Any) -> Any:
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_json_rows_then_the_same_rows_again(cap_officer: Any, cap_facility: CapFacility) -> None:
    api = _api(cap_officer)
    first = _post_json(api, _url(cap_facility) + "?as_of=2026-12-01T06:00:00Z", json_rows())
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["duplicate"] is False
    assert (body["row_count"], body["booked_in"], body["released"]) == (3, 3, 0)
    assert body["status"] == "queued"
    assert body["progress"] == {"done": 0, "total": 3, "percent": 0}
    assert body["as_of"].startswith("2026-12-01")
    again = _post_json(api, _url(cap_facility), json_rows())
    assert again.status_code == 200
    assert again.json()["duplicate"] is True and again.json()["id"] == body["id"]
    assert Roster.objects.count() == 1 and Booking.objects.count() == 3


def test_file_upload(cap_officer: Any, cap_facility: CapFacility) -> None:
    upload = SimpleUploadedFile("roster.xlsx", xlsx_bytes())
    response = _api(cap_officer).post(_url(cap_facility), {"file": upload})
    assert response.status_code == 201, response.content
    assert response.json()["filename"] == "roster.xlsx"
    assert Booking.objects.filter(facility=cap_facility).count() == 3


def test_row_errors_in_the_one_error_shape(cap_officer: Any, cap_facility: CapFacility) -> None:
    rows = json_rows()
    rows[2]["First Name"] = ""
    response = _post_json(_api(cap_officer), _url(cap_facility), rows)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["fields"]["rows"] == [
        {"row": "3", "column": "First Name", "message": "empty given name"}
    ]
    assert "Nothing was stored" in error["fields"]["non_field_errors"][0]
    assert Roster.objects.count() == 0 and Booking.objects.count() == 0


def test_not_a_list_and_not_a_spreadsheet(cap_officer: Any, cap_facility: CapFacility) -> None:
    api = _api(cap_officer)
    assert _post_json(api, _url(cap_facility), {"rows": []}).status_code == 400
    pdf = SimpleUploadedFile("roster.pdf", b"%PDF-1.4\x00binary")
    response = api.post(_url(cap_facility), {"file": pdf})
    assert response.status_code == 400
    assert "not a spreadsheet or CSV" in response.json()["error"]["fields"]["non_field_errors"][0]
    assert Roster.objects.count() == 0


def test_another_teams_facility_is_404_and_nothing_stored(
    cap_officer: Any, other_facility: CapFacility
) -> None:
    response = _post_json(_api(cap_officer), _url(other_facility), json_rows())
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert Roster.objects.count() == 0 and Booking.objects.count() == 0


def test_read_rosters_in_scope(
    cap_officer: Any, cap_facility: CapFacility, other_facility: CapFacility, make_user: Any
) -> None:
    api = _api(cap_officer)
    mine = _post_json(api, _url(cap_facility), json_rows()).json()["id"]
    auditor = make_user("oversight_auditor")
    other = _api(auditor)
    assert _post_json(other, _url(other_facility), json_rows()).status_code == 404
    listed = api.get("/api/cap/rosters/").json()
    assert [r["id"] for r in listed["results"]] == [mine]
    assert api.get(f"/api/cap/rosters/{mine}/").json()["facility"] == cap_facility.pk
    assert other.get(f"/api/cap/rosters/{mine}/").status_code == 200  # oversight reads all


def test_csv_file_with_as_of_field(cap_officer: Any, cap_facility: CapFacility) -> None:
    upload = SimpleUploadedFile("roster.csv", csv_bytes(delimiter=";"))
    response = _api(cap_officer).post(
        _url(cap_facility), {"file": upload, "as_of": "2026-11-30T07:00:00-05:00"}
    )
    assert response.status_code == 201, response.content
    assert response.json()["as_of"].startswith("2026-11-30T12:00")
