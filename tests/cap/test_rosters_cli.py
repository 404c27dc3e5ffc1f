"""``access cap roster``: exit codes, the JSON summary, --map, --as-of and --screen-now."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from tests.cap.rosters_data import HEADER, ROWS, csv_bytes

from access.audit.models import AuditEvent
from access.cap.choices import RosterSource
from access.cap.events import Event
from access.cap.models import Booking, CapFacility, Roster

pytestmark = pytest.mark.django_db


def _run(*args: str) -> dict[str, Any]:
    out = StringIO()
    call_command("cap", "roster", *args, stdout=out)
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def _file(tmp_path: Path, data: bytes, name: str = "roster.csv") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_roster_by_facility_name_prints_a_summary(
    cap_facility: CapFacility, tmp_path: Path
) -> None:
    path = _file(tmp_path, csv_bytes())
    summary = _run("alpha county jail", path, "--as-of", "2026-12-01T06:00:00-05:00")
    roster = Roster.objects.get()
    assert summary["roster"] == roster.pk
    assert (summary["row_count"], summary["booked_in"], summary["duplicate"]) == (3, 3, False)
    assert roster.as_of == datetime(2026, 12, 1, 11, 0, tzinfo=UTC)
    assert datetime.fromisoformat(summary["as_of"]) == roster.as_of
    assert roster.source == RosterSource.CLI and roster.received_by is None
    event = AuditEvent.objects.get(action=Event.RECEIVE_ROSTER)
    assert event.actor_name == "system: access cap roster"
    again = _run(str(cap_facility.pk), path)
    assert again["duplicate"] is True and Roster.objects.count() == 1


def test_bad_rows_exit_2_with_every_row_error(cap_facility: CapFacility, tmp_path: Path) -> None:
    bad = [ROWS[0], ["B-1002", "", "Van", "", "n/a", "M", "", "", ""]]
    with pytest.raises(CommandError) as error:
        _run(str(cap_facility.pk), _file(tmp_path, csv_bytes(bad)))
    assert error.value.returncode == 2
    assert "row 3, column Last Name: empty family name" in str(error.value)
    assert "row 3, column DOB: not a date" in str(error.value)
    assert Roster.objects.count() == 0 and Booking.objects.count() == 0


@pytest.mark.parametrize(
    "args", [["999999", "FILE"], ["No Such Jail", "FILE"], ["FAC", "missing.csv"]]
)
def test_not_found_exit_1(cap_facility: CapFacility, tmp_path: Path, args: list[str]) -> None:
    path = _file(tmp_path, csv_bytes())
    args = [a.replace("FILE", path).replace("FAC", str(cap_facility.pk)) for a in args]
    with pytest.raises(CommandError) as error:
        _run(*args)
    assert error.value.returncode == 1
    assert Roster.objects.count() == 0


@pytest.mark.parametrize("option", [["--as-of", "yesterday"], ["--map", "booking_number"]])
def test_bad_options_exit_2(cap_facility: CapFacility, tmp_path: Path, option: list[str]) -> None:
    with pytest.raises(CommandError) as error:
        _run(str(cap_facility.pk), _file(tmp_path, csv_bytes()), *option)
    assert error.value.returncode == 2
    assert Roster.objects.count() == 0


def test_map_saves_the_mapping(cap_facility: CapFacility, tmp_path: Path) -> None:
    header = ["BookingNo", *HEADER[1:]]
    path = _file(tmp_path, csv_bytes(header=header))
    summary = _run(str(cap_facility.pk), path, "--map", "booking_number=BookingNo")
    cap_facility.refresh_from_db()
    assert cap_facility.column_mapping["booking_number"] == "BookingNo"
    assert cap_facility.column_mapping["family_name"] == "Last Name"
    assert summary["row_count"] == 3
    assert AuditEvent.objects.filter(action=Event.CHANGE_FACILITY).count() == 1


def test_screen_now_runs_screening_in_process(
    cap_facility: CapFacility, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    screened: list[int] = []

    def fake_screen(roster_id: int, *, progress: Any = None) -> Roster:
        roster = Roster.objects.get(pk=roster_id)
        for done in range(1, roster.row_count + 1):
            progress(done, roster.row_count)
        screened.append(roster_id)
        return roster

    monkeypatch.setattr("access.cap.screening.screen", fake_screen)
    summary = _run(str(cap_facility.pk), _file(tmp_path, csv_bytes()), "--screen-now")
    assert screened == [summary["roster"]]
