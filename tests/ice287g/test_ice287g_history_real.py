"""The history built from all 64 real files of ICE's 287(g) lists (May-July 2025)."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook

from access.agencies.publiclist.ice287g import (
    Event,
    EventKind,
    History,
    ListKind,
    Snapshot,
    clean,
    infer_snapshot_time,
    kind_from_filename,
)

AGENCY = "LAW ENFORCEMENT AGENCY"


def _published_rows(path: Path) -> list[tuple[str, ...]]:
    """The file's rows read straight from openpyxl, trimmed: an oracle independent of reader."""
    workbook = load_workbook(path, read_only=True, data_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    width = sum(1 for cell in rows[0] if cell is not None)

    def text(cell: object) -> str:
        if isinstance(cell, datetime):
            return cell.date().isoformat()
        return clean(str(cell)) if cell is not None else ""

    trimmed = [tuple(text(cell) for cell in row[:width]) for row in rows[1:]]
    return [row for row in trimmed if any(row)]


def _named(history: History, event: Event) -> str:
    assert event.version_id is not None
    return history.versions[event.version_id].values[AGENCY]


def test_every_file_is_reproduced_cell_by_cell_at_its_own_time(
    real_files: list[Path], real_history: tuple[History, list[Event]]
) -> None:
    # Given all 64 files imported in time order
    history, _ = real_history
    assert len(real_files) == 64
    assert len({path.parent for path in real_files}) == 38
    for path in real_files:
        # When the list is asked for as it stood at that file's snapshot time
        kind = kind_from_filename(path.name)
        assert kind is not None
        state = history.state_as_of(infer_snapshot_time(path), kind)
        # Then it equals the file's own rows, trimmed, cell by cell and in order
        reproduced = [tuple(clean(value) for value in row) for row in state.rows]
        assert reproduced == _published_rows(path), path.name


def test_reproduced_rows_are_the_published_values_untrimmed(
    real_snapshots: list[Snapshot], real_history: tuple[History, list[Event]]
) -> None:
    # Given the history of all real files
    history, _ = real_history
    for snapshot in real_snapshots:
        # When each list is rebuilt at its time
        state = history.state_as_of(snapshot.taken_at, snapshot.kind)
        # Then even the trailing and non-breaking spaces are as published
        assert (state.columns, state.rows) == (snapshot.columns, snapshot.rows)


def test_history_holds_exactly_the_snapshot_rows_at_each_snapshot_time(
    real_snapshots: list[Snapshot], real_history: tuple[History, list[Event]]
) -> None:
    # Given the history of all real files
    history, _ = real_history
    for snapshot in real_snapshots:
        # When the versions valid at a snapshot's time are queried (the database's view)
        listed = history.listed_as_of(snapshot.taken_at, snapshot.kind)
        # Then they are the versions the snapshot's rows point to
        state = history.state_as_of(snapshot.taken_at, snapshot.kind)
        assert sorted(v.entry_id for v in listed) == sorted(state.entry_ids)


def test_reimporting_every_snapshot_yields_no_event_and_the_same_state(
    real_snapshots: list[Snapshot],
) -> None:
    # Given a history of all real files
    history = History()
    first = history.import_snapshots(real_snapshots)
    before = {(s.taken_at, s.kind): history.state_as_of(s.taken_at, s.kind) for s in real_snapshots}
    counts = (len(history.entries), len(history.versions), len(history.snapshots))
    # When every snapshot is applied a second time
    second = history.import_snapshots(real_snapshots)
    # Then nothing happens
    assert len(first) == 1421
    assert second == []
    assert (len(history.entries), len(history.versions), len(history.snapshots)) == counts
    after = {(s.taken_at, s.kind): history.state_as_of(s.taken_at, s.kind) for s in real_snapshots}
    assert after == before


def test_event_counts_over_the_real_files(real_history: tuple[History, list[Event]]) -> None:
    # Given the history of all real files
    history, events = real_history
    # Then these are the numbers measured on ICE's data
    assert Counter(e.kind for e in events) == {
        EventKind.ADDED: 877,
        EventKind.CHANGED: 267,
        EventKind.MOVED: 228,
        EventKind.REMOVED: 49,
    }
    assert (len(history.entries), len(history.versions)) == (877, 1374)
    # And the two state misspellings were corrected on the same entries
    states = [e.changes["STATE"] for e in events if "STATE" in e.changes]
    assert states == [("AlABAMA", "ALABAMA"), ("UTAHJ", "UTAH")]


def test_renames_are_changes_of_one_entry(real_history: tuple[History, list[Event]]) -> None:
    # Given the history of all real files
    history, events = real_history
    # When the changed events that carry a new agency name are taken
    renames = [e for e in events if e.kind == EventKind.CHANGED and AGENCY in e.changes]
    # Then there are 24 of them, on 20 entries, and 5 more renames happened during a move
    assert len(renames) == 24
    assert len({e.entry_id for e in renames}) == 20
    moved_renamed = [e for e in events if e.kind == EventKind.MOVED and AGENCY in e.changes]
    assert len(moved_renamed) == 5
    # And Indialantic's typo, its correction and its return are one entry
    indialantic = [
        (e.at.date(), e.changes[AGENCY]) for e in renames if "Indialantic" in str(e.changes)
    ]
    assert indialantic == [
        (date(2025, 5, 19), ("Indialantic Police Department", "Indiatlantic Police Department")),
        (date(2025, 7, 15), ("Indiatlantic Police Department", "Indialantic Police Department")),
    ]
    # And "Palm Beach PD" is the renamed Town of Palm Beach, not West Palm Beach (pending)
    palm = [e for e in renames if _named(history, e) == "Palm Beach Police Department"]
    assert [e.changes[AGENCY][0] for e in palm] == ["Town of Palm Beach Police Department"]


def test_signed_date_corrections_are_changes_of_one_entry(
    real_history: tuple[History, list[Event]],
) -> None:
    # Given the history of all real files
    history, events = real_history
    # When the changed events that carry a new signed date are taken
    corrections = [e for e in events if e.kind == EventKind.CHANGED and "SIGNED" in e.changes]
    # Then there are 19, each on its own entry, none of them also a rename
    assert len(corrections) == 19
    assert len({e.entry_id for e in corrections}) == 19
    assert not [e for e in corrections if AGENCY in e.changes]
    # And Melbourne Beach PD's date moved back a month, Terry County's "7/72025" was fixed
    by_name = {_named(history, e): e.changes["SIGNED"] for e in corrections}
    assert by_name["Melbourne Beach Police Department"] == ("2025-05-13", "2025-04-14")
    assert by_name["Terry County Sheriff's Office"] == ("7/72025", "2025-07-07")


def test_duplicated_st_cloud_police_department_is_two_entries(
    real_snapshots: list[Snapshot], real_history: tuple[History, list[Event]]
) -> None:
    # Given the participating list of 3 July 2025 pm, listing St. Cloud PD (TFM) twice
    history, events = real_history
    snapshot = next(
        s for s in real_snapshots if s.taken_at.isoformat() == "2025-07-03T15:18:05+00:00"
    )
    state = history.state_as_of(snapshot.taken_at, ListKind.PARTICIPATING)
    # When its St. Cloud rows are looked at
    st_cloud = [
        (entry_id, row[5])
        for entry_id, row in zip(state.entry_ids, state.rows, strict=True)
        if row[1] == "St. Cloud Police Department"
    ]
    # Then they are two entries, told apart by their signed dates
    assert len(st_cloud) == 2
    assert len({entry_id for entry_id, _ in st_cloud}) == 2
    assert sorted(signed for _, signed in st_cloud) == ["2025-04-14", "2025-04-15"]
    # And the one signed on 15 April was "City of St. Cloud Police Department" until then
    renamed_id = next(entry_id for entry_id, signed in st_cloud if signed == "2025-04-15")
    assert [(e.kind, e.at.date()) for e in events if e.entry_id == renamed_id] == [
        (EventKind.ADDED, date(2025, 5, 19)),
        (EventKind.CHANGED, date(2025, 7, 3)),
        (EventKind.REMOVED, date(2025, 7, 10)),
    ]
