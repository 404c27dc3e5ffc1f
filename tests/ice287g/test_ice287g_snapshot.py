"""When a downloaded sheet was current, and how --as-of values are read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from access.agencies.publiclist.ice287g import SnapshotTimeError, infer_snapshot_time, parse_as_of


def test_folder_name_is_the_download_time_in_utc() -> None:
    # Given a file in a YYYYMMDD_HHMMSS folder whose name names another day
    path = "/data/20250704_151659/participatingAgencies07032025pm.xlsx"
    # When its time is inferred, then the folder wins
    assert infer_snapshot_time(path) == datetime(2025, 7, 4, 15, 16, 59, tzinfo=UTC)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("pendingAgencies07112025am_b.xlsx", datetime(2025, 7, 11, 0, 0, tzinfo=UTC)),
        ("participatingAgencies05192025pm.xlsx", datetime(2025, 5, 19, 12, 0, tzinfo=UTC)),
        ("uploads/pendingAgencies05152025AM.csv", datetime(2025, 5, 15, 0, 0, tzinfo=UTC)),
    ],
)
def test_without_folder_the_file_name_gives_the_start_of_its_half_day(
    name: str, expected: datetime
) -> None:
    assert infer_snapshot_time(name) == expected


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "participating.xlsx",
            "cannot infer the snapshot time of 'participating.xlsx': expected a folder named "
            "YYYYMMDD_HHMMSS or a file name with MMDDYYYY followed by am or pm; give the time "
            "explicitly",
        ),
        (
            "pendingAgencies13402025am.xlsx",
            "file name 'pendingAgencies13402025am.xlsx' holds an invalid date",
        ),
        ("20251340_101010/pending.xlsx", "folder name '20251340_101010' is not a valid time"),
    ],
)
def test_unknown_time_is_an_error(name: str, message: str) -> None:
    with pytest.raises(SnapshotTimeError) as refused:
        infer_snapshot_time(name)
    assert str(refused.value) == message


def test_as_of_values() -> None:
    # A bare date means the end of that day; naive times are UTC; offsets are converted
    assert parse_as_of("2025-07-03") == datetime(2025, 7, 3, 23, 59, 59, 999999, tzinfo=UTC)
    assert parse_as_of("2025-05-19T15:18:02") == datetime(2025, 5, 19, 15, 18, 2, tzinfo=UTC)
    eastern = timezone(timedelta(hours=-4))
    assert parse_as_of("2025-05-19T11:18:02-04:00") == datetime(
        2025, 5, 19, 11, 18, 2, tzinfo=eastern
    )
    with pytest.raises(SnapshotTimeError):
        parse_as_of("yesterday")
