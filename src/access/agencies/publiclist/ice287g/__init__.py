"""ICE's public 287(g) lists: read, version, check and export them. Plain Python, no Django.

ICE publishes a "participating" and a "pending" sheet that overwrite each other daily, with
no identifiers and no change log. This package turns a series of downloads into a history
with stable ids:

* `reader.read_sheet` reads one .xlsx/.csv file into strings exactly as published;
* `snapshot.load_snapshot` / `infer_snapshot_time` attach the moment the file was current;
* `history.History` pairs each snapshot's rows with known entries and records versions and
  events (`added`, `removed`, `changed`, `moved`, `returned`); `state_as_of` gives any list
  back as it was published;
* `quality.check_rows` reports doubtful values; `exporter` writes CSV and XLSX.

Persistence shape (what a database layer stores to answer the same questions by query):

``Snapshot``  one imported file
    id, taken_at (timestamptz, UTC), list_kind ("participating"/"pending"), source (file
    name), columns (JSON array: the file's own columns, in order), fingerprint (sha256 of
    the content). Unique (list_kind, taken_at): re-importing the same file is a no-op, a
    different file for the same moment is refused.
``Entry``  one published row identity, the stable id users see
    id, first_seen, list_kind (current or last list), listed (bool), current_version FK.
``Version``  an entry's values as published over a period
    id, entry FK, list_kind, values (JSON object column -> text exactly as published; a
    column the file lacked is absent, not ""), valid_from, valid_to (NULL while current;
    exclusive). Index (list_kind, valid_from, valid_to).
``SnapshotRow``  the file's row order
    snapshot FK, position (0-based), version FK; primary key (snapshot, position).
``Event``
    id, at, kind, entry FK, list_kind, from_list (moves), changes (JSON {column: [old,
    new]}), matched_by ("key"/"name"), version FK (NULL for removed).

Queries:

* the published list at t (`History.state_as_of`): the latest Snapshot of that list with
  taken_at <= t, then its SnapshotRows ordered by position joined to Version.values,
  rendered in Snapshot.columns (a column missing from a version's values is "");
* what the history holds in a list at t (`History.listed_as_of`): Versions of that list with
  valid_from <= t < coalesce(valid_to, infinity); equal to the snapshot's rows at the
  snapshot's own time;
* an entry's timeline: its Versions by valid_from and its Events by at.

To import into the database: rebuild a `History` from the stored entries with their current
versions and the latest Snapshot (with its rows) of each list, call `apply`, then store the
returned events, the versions whose valid_from or valid_to equals the batch time, the
touched entries and the new `History.snapshots` records. Versions are ~1.5 per entry over
two months of real data, so the SnapshotRow table (one row per published row per file)
is the bulk: about 23,000 rows for the 64 real files.
"""

from .columns import ALL_COLUMNS, REQUIRED_COLUMNS, ListKind
from .exporter import csv_text, write_csv, xlsx_bytes
from .history import (
    AppliedSnapshot,
    Entry,
    Event,
    EventKind,
    History,
    HistoryError,
    ListState,
    Version,
)
from .normalize import agency_key, clean
from .quality import Finding, check_row, check_rows, parse_signed
from .reader import DEFAULT_MAX_BYTES, Sheet, SheetError, kind_from_filename, read_sheet
from .snapshot import (
    Snapshot,
    SnapshotTimeError,
    infer_snapshot_time,
    load_snapshot,
    parse_as_of,
)

__all__ = [
    "ALL_COLUMNS",
    "DEFAULT_MAX_BYTES",
    "REQUIRED_COLUMNS",
    "AppliedSnapshot",
    "Entry",
    "Event",
    "EventKind",
    "Finding",
    "History",
    "HistoryError",
    "ListKind",
    "ListState",
    "Sheet",
    "SheetError",
    "Snapshot",
    "SnapshotTimeError",
    "Version",
    "agency_key",
    "check_row",
    "check_rows",
    "clean",
    "csv_text",
    "infer_snapshot_time",
    "kind_from_filename",
    "load_snapshot",
    "parse_as_of",
    "parse_signed",
    "read_sheet",
    "write_csv",
    "xlsx_bytes",
]
