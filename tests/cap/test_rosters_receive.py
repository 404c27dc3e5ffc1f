"""receive_roster: all or nothing, duplicates, dated snapshots, team scoping, the mapping."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from tests.cap.rosters_data import ROWS, csv_bytes, json_rows

from access.audit.models import AuditEvent
from access.cap.actions.rosters import RosterRefused, receive_roster, save_mapping
from access.cap.choices import BookingStatus, RosterSource
from access.cap.events import Event
from access.cap.models import Booking, CapFacility, Roster

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int]:
    return Roster.objects.count(), Booking.objects.count(), AuditEvent.objects.count()


def _send(actor: Any, facility: CapFacility, data: bytes, **kw: Any) -> tuple[Roster, bool]:
    return receive_roster(actor, facility, data=data, source=RosterSource.UPLOAD, **kw)


def test_a_roster_creates_bookings_and_queues_screening(
    cap_officer: Any, cap_facility: CapFacility, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        roster, created = _send(cap_officer, cap_facility, csv_bytes(), filename="jail.csv")
    assert created is True
    assert len(callbacks) == 1  # the screening job, once the roster is stored
    assert (roster.row_count, roster.booked_in, roster.released) == (3, 3, 0)
    assert roster.received_by == cap_officer
    assert roster.filename == "jail.csv"
    assert len(roster.content_hash) == 64
    booking = Booking.objects.get(booking_number="B-1001")
    assert booking.first_roster == roster and booking.last_roster == roster
    assert (booking.family_name, booking.date_of_birth) == ("Garcia", "1985-03-04")
    assert booking.identifiers == {"fbi_number": "123456AB1"}
    assert booking.release_date is not None
    event = AuditEvent.objects.get(action=Event.RECEIVE_ROSTER)
    assert event.object_id == str(roster.pk)
    assert (event.details["rows"], event.details["booked_in"], event.details["released"]) == (
        3,
        3,
        0,
    )


def test_any_row_error_stores_nothing(cap_officer: Any, cap_facility: CapFacility) -> None:
    _send(cap_officer, cap_facility, csv_bytes())
    before = _counts()
    bad = [*ROWS[:2], ["B-1003", "Smith", "", "", "never", "M", "", "", ""]]
    with pytest.raises(RosterRefused) as refused:
        _send(cap_officer, cap_facility, csv_bytes(bad), as_of=timezone.now() + timedelta(hours=1))
    assert [(e["row"], e["column"]) for e in refused.value.row_errors] == [
        (4, "First Name"),
        (4, "DOB"),
    ]
    assert _counts() == before
    assert set(Booking.objects.values_list("status", flat=True)) == {BookingStatus.IN_CUSTODY}


def test_not_a_spreadsheet_stores_nothing(cap_officer: Any, cap_facility: CapFacility) -> None:
    before = _counts()
    with pytest.raises(RosterRefused, match="not a spreadsheet or CSV"):
        _send(cap_officer, cap_facility, b"%PDF-1.4 binary\x00")
    assert _counts() == before


def test_the_same_content_twice_is_recognised(
    cap_officer: Any, cap_facility: CapFacility, django_capture_on_commit_callbacks: Any
) -> None:
    first, _ = _send(cap_officer, cap_facility, csv_bytes())
    before = _counts()
    with django_capture_on_commit_callbacks() as callbacks:
        again, created = _send(cap_officer, cap_facility, csv_bytes())
    assert (again.pk, created) == (first.pk, False)
    assert callbacks == []
    assert _counts() == before


def test_json_rows_hash_canonically(cap_officer: Any, cap_facility: CapFacility) -> None:
    rows = json_rows()
    first, created = receive_roster(cap_officer, cap_facility, rows=rows, source=RosterSource.API)
    reordered = [dict(reversed(list(row.items()))) for row in rows]
    again, again_created = receive_roster(
        cap_officer, cap_facility, rows=reordered, source=RosterSource.API
    )
    assert created and not again_created and again.pk == first.pk


def test_a_later_roster_books_in_and_releases(cap_officer: Any, cap_facility: CapFacility) -> None:
    monday = timezone.now() - timedelta(days=1)
    first, _ = _send(cap_officer, cap_facility, csv_bytes(), as_of=monday)
    newcomer = ["B-2000", "Okafor", "Chidi", "", "1988-07-09", "M", "", "", "2027-02-01"]
    moved = [*ROWS[0][:8], "2027-03-01"]  # B-1001's release date changed
    second, created = _send(cap_officer, cap_facility, csv_bytes([moved, ROWS[2], newcomer]))
    assert created
    assert (second.row_count, second.booked_in, second.released) == (3, 1, 1)
    gone = Booking.objects.get(booking_number="B-1002")
    assert gone.status == BookingStatus.RELEASED
    assert gone.released_at == second.as_of
    assert gone.last_roster == first
    kept = Booking.objects.get(booking_number="B-1001")
    assert kept.first_roster == first and kept.last_roster == second
    assert kept.release_date is not None and kept.release_date.month == 3
    assert Booking.objects.get(booking_number="B-2000").first_roster == second
    unchanged = Booking.objects.get(booking_number="B-1003")
    assert (unchanged.first_roster, unchanged.last_roster) == (first, second)
    assert unchanged.status == BookingStatus.IN_CUSTODY


def test_a_released_person_listed_again_is_held_again(
    cap_officer: Any, cap_facility: CapFacility
) -> None:
    start = timezone.now() - timedelta(days=2)
    _send(cap_officer, cap_facility, csv_bytes(), as_of=start)
    _send(cap_officer, cap_facility, csv_bytes(ROWS[:1]), as_of=start + timedelta(days=1))
    third, _ = _send(cap_officer, cap_facility, csv_bytes(ROWS[:2]))
    back = Booking.objects.get(booking_number="B-1002")
    assert (back.status, back.released_at) == (BookingStatus.IN_CUSTODY, None)
    assert (third.booked_in, third.released) == (1, 0)


def test_an_older_snapshot_is_refused(cap_officer: Any, cap_facility: CapFacility) -> None:
    _send(cap_officer, cap_facility, csv_bytes())
    before = _counts()
    with pytest.raises(RosterRefused, match="before the facility's latest roster"):
        _send(
            cap_officer, cap_facility, csv_bytes(ROWS[:1]), as_of=timezone.now() - timedelta(days=1)
        )
    assert _counts() == before


def test_another_teams_facility_is_refused(cap_officer: Any, other_facility: CapFacility) -> None:
    before = _counts()
    with pytest.raises(PermissionDenied):
        _send(cap_officer, other_facility, csv_bytes())
    assert _counts() == before


def test_without_the_grant_nothing_is_stored(make_user: Any, cap_facility: CapFacility) -> None:
    auditor = make_user("oversight_auditor")
    before = _counts()
    with pytest.raises(PermissionDenied):
        _send(auditor, cap_facility, csv_bytes())
    assert _counts() == before


def test_save_mapping_is_audited(cap_officer: Any, cap_facility: CapFacility) -> None:
    mapping = {"booking_number": "BookingNo", "full_name": "Name", "date_of_birth": "DOB"}
    save_mapping(cap_officer, cap_facility, mapping)
    cap_facility.refresh_from_db()
    assert cap_facility.column_mapping == mapping
    event = AuditEvent.objects.filter(action=Event.CHANGE_FACILITY).latest("pk")
    assert event.after == {"column_mapping": mapping}


def test_save_mapping_needs_the_required_fields(
    cap_officer: Any, cap_facility: CapFacility
) -> None:
    before = dict(cap_facility.column_mapping)
    with pytest.raises(RosterRefused):
        save_mapping(cap_officer, cap_facility, {"booking_number": "BookingNo"})
    cap_facility.refresh_from_db()
    assert cap_facility.column_mapping == before
