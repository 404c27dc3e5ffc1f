"""When was a downloaded sheet current? The snapshot time of a file, always UTC-aware.

Rule, in order:

1. If the file sits in a folder named ``YYYYMMDD_HHMMSS`` (the downloader's naming), that is
   the download time in UTC, and it is the snapshot time. This is the only precise source:
   ICE's file name says which half-day ICE meant, but the same name is reused for different
   contents (``participatingAgencies07032025pm.xlsx`` was downloaded on 3 and 4 July 2025 with
   763 and 787 rows), so only the download time orders snapshots reliably.
2. Otherwise the file name's ``MMDDYYYY`` date plus ``am``/``pm`` gives the start of that
   half-day in UTC: ``am`` -> 00:00 UTC, ``pm`` -> 12:00 UTC of that date. Starts of half-days
   keep am before pm and never place a file later than the date ICE printed on it.
3. Otherwise a `SnapshotTimeError` asks for an explicit time (the CLI's ``--as-of``).

`parse_as_of` reads the CLI's ``--as-of`` values: ISO 8601, naive means UTC, and a date
alone means the end of that day (23:59:59.999999 UTC), so "as of 2025-07-03" includes every
download of that day.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path, PurePath

from .columns import ListKind
from .reader import DEFAULT_MAX_BYTES, Sheet, read_sheet

_FOLDER = re.compile(r"^(\d{8})_(\d{6})$")
_NAME = re.compile(r"(\d{2})(\d{2})(\d{4})(am|pm)", re.IGNORECASE)


class SnapshotTimeError(ValueError):
    pass


@dataclass(frozen=True)
class Snapshot:
    """One published file at one moment: the input of `History.apply`."""

    taken_at: datetime
    kind: ListKind
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    source: str = ""

    @classmethod
    def from_sheet(cls, sheet: Sheet, taken_at: datetime) -> Snapshot:
        return cls(taken_at, sheet.kind, sheet.columns, sheet.rows, sheet.filename)

    def fingerprint(self) -> str:
        """Digest of the content, to tell a re-import of the same file from a conflict."""
        return hashlib.sha256(repr((self.columns, self.rows)).encode()).hexdigest()


def load_snapshot(
    path: str | Path, *, taken_at: datetime | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Snapshot:
    """Read one file; its time is `taken_at` or inferred from its folder or name."""
    moment = taken_at or infer_snapshot_time(path)
    if moment.tzinfo is None:
        raise SnapshotTimeError("a snapshot time must carry a time zone (use UTC)")
    return Snapshot.from_sheet(read_sheet(path, max_bytes=max_bytes), moment.astimezone(UTC))


def infer_snapshot_time(path: str | PurePath) -> datetime:
    """Snapshot time of the file at `path` (see the module docstring for the rule)."""
    pure = PurePath(path)
    folder = _FOLDER.match(pure.parent.name)
    if folder:
        try:
            return datetime.strptime("".join(folder.groups()), "%Y%m%d%H%M%S").replace(tzinfo=UTC)
        except ValueError as exc:
            message = f"folder name {pure.parent.name!r} is not a valid time"
            raise SnapshotTimeError(message) from exc
    named = _NAME.search(pure.name)
    if named:
        month, day, year, half = named.groups()
        try:
            day_start = datetime(int(year), int(month), int(day), tzinfo=UTC)
        except ValueError as exc:
            raise SnapshotTimeError(f"file name {pure.name!r} holds an invalid date") from exc
        return day_start.replace(hour=12) if half.lower() == "pm" else day_start
    raise SnapshotTimeError(
        f"cannot infer the snapshot time of {pure.name!r}: expected a folder named "
        "YYYYMMDD_HHMMSS or a file name with MMDDYYYY followed by am or pm; give the time "
        "explicitly"
    )


def parse_as_of(text: str) -> datetime:
    """ISO 8601 date or date-time; naive is UTC; a bare date means the end of that day."""
    value = text.strip()
    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), time.max, tzinfo=UTC)
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise SnapshotTimeError(f"{text!r} is not an ISO 8601 date or date-time") from exc
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
