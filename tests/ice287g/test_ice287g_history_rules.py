"""History rules on small hand-made snapshots: ids, moves, returns, partial downloads."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from access.agencies.publiclist.ice287g import EventKind, History, HistoryError, ListKind, Snapshot

PART, PEND = ListKind.PARTICIPATING, ListKind.PENDING
PART_COLUMNS = (
    "STATE",
    "LAW ENFORCEMENT AGENCY",
    "TYPE",
    "COUNTY",
    "SUPPORT TYPE",
    "SIGNED",
    "MOA",
)
PEND_COLUMNS = PART_COLUMNS[:5]
KERR = ("TEXAS", "Kerr County Sheriff's Office", "County", "Kerr County", "Jail Enforcement Model")
LAKE = ("OHIO", "Lake County Sheriff's Office", "County", "Lake County", "Task Force Model")
MELBOURNE = ("FLORIDA", "City of Melbourne Police Department", "Municipality", "#N/A",
             "Task Force Model")  # fmt: skip


def _at(day: int) -> datetime:
    return datetime(2025, 6, day, 15, 0, tzinfo=UTC)


def _part(day: int, *rows: tuple[str, ...]) -> Snapshot:
    return Snapshot(_at(day), PART, PART_COLUMNS, rows)


def _pend(day: int, *rows: tuple[str, ...]) -> Snapshot:
    return Snapshot(_at(day), PEND, PEND_COLUMNS, rows)


def _signed(row: tuple[str, ...], signed: str = "2025-05-02", moa: str = "link") -> tuple[str, ...]:
    return (*row, signed, moa)


def test_a_removed_row_that_comes_back_keeps_its_id() -> None:
    # Given Kerr and Lake listed, then Lake gone
    history = History()
    history.apply(_part(1, _signed(KERR), _signed(LAKE)))
    removed = history.apply(_part(2, _signed(KERR)))
    # When Lake comes back
    returned = history.apply(_part(3, _signed(KERR), _signed(LAKE)))
    # Then it is the same entry, removed then returned
    assert [(e.kind, e.entry_id) for e in removed] == [(EventKind.REMOVED, 2)]
    assert [(e.kind, e.entry_id, e.changes) for e in returned] == [(EventKind.RETURNED, 2, {})]
    assert history.state_as_of(_at(2), PART).entry_ids == (1,)
    assert history.state_as_of(_at(3), PART).entry_ids == (1, 2)


def test_a_download_without_the_pending_file_leaves_pending_alone() -> None:
    # Given both lists on day 1
    history = History()
    history.import_snapshots([_part(1, _signed(KERR)), _pend(1, LAKE)])
    # When day 2 brings only the participating list
    events = history.apply(_part(2, _signed(KERR)))
    # Then nothing changed, and pending as of day 2 is still day 1's file
    assert events == []
    assert history.state_as_of(_at(2), PEND).rows == (LAKE,)
    assert history.state_as_of(_at(2), PEND).taken_at == _at(1)


def test_moving_from_pending_to_participating_in_one_download_is_one_event() -> None:
    # Given Lake pending
    history = History()
    history.apply(_pend(1, LAKE))
    # When one download shows it participating and no longer pending
    events = history.apply(_part(2, _signed(LAKE)), _pend(2))
    # Then there is a single move of the same entry, carrying the new fields
    assert [(e.kind, e.entry_id, e.from_list, e.list_kind) for e in events] == [
        (EventKind.MOVED, 1, PEND, PART)
    ]
    assert events[0].changes == {"SIGNED": ("", "2025-05-02"), "MOA": ("", "link")}


def test_moving_ahead_of_the_pending_file_is_a_move_and_later_silence() -> None:
    # Given Lake pending
    history = History()
    history.apply(_pend(1, LAKE))
    # When the participating list shows it first, and pending drops it a day later
    moved = history.apply(_part(2, _signed(LAKE)))
    later = history.apply(_pend(3))
    # Then the move happens once, and the pending file only confirms it
    assert [(e.kind, e.entry_id) for e in moved] == [(EventKind.MOVED, 1)]
    assert later == []


def test_a_pending_row_does_not_pull_a_participating_entry_back() -> None:
    # Given Lake participating
    history = History()
    history.apply(_part(1, _signed(LAKE)))
    # When a pending file lists Lake too, while participating says nothing new
    events = history.apply(_pend(2, LAKE))
    # Then the pending row is a separate entry; the participating one is untouched
    assert [(e.kind, e.entry_id, e.list_kind) for e in events] == [(EventKind.ADDED, 2, PEND)]
    assert history.entries[1].list_kind == PART


def test_rename_and_date_correction_are_changes() -> None:
    # Given Melbourne and Kerr participating
    history = History()
    history.apply(_part(1, _signed(MELBOURNE, "2025-04-24"), _signed(KERR)))
    # When Melbourne drops "City of" and Kerr's date is corrected
    renamed = ("FLORIDA", "Melbourne Police Department", *MELBOURNE[2:])
    events = history.apply(_part(2, _signed(renamed, "2025-04-24"), _signed(KERR, "2025-05-06")))
    # Then both are changes of the same entries
    assert [(e.kind, e.entry_id, e.matched_by, e.changes) for e in events] == [
        (EventKind.CHANGED, 1, "name", {"LAW ENFORCEMENT AGENCY": (MELBOURNE[1], renamed[1])}),
        (EventKind.CHANGED, 2, "key", {"SIGNED": ("2025-05-02", "2025-05-06")}),
    ]


def test_a_neighbouring_town_is_not_a_rename() -> None:
    # Given West Palm Beach participating
    history = History()
    west = (
        "FLORIDA",
        "West Palm Beach Police Department",
        "Municipality",
        "#N/A",
        "Task Force Model",
    )
    history.apply(_part(1, _signed(west)))
    # When it is replaced by Palm Beach with the same date
    palm = ("FLORIDA", "Palm Beach Police Department", *west[2:])
    events = history.apply(_part(2, _signed(palm)))
    # Then that is an addition and a removal, not a rename
    assert sorted((e.kind, e.entry_id) for e in events) == [
        (EventKind.ADDED, 2),
        (EventKind.REMOVED, 1),
    ]


def test_identical_duplicates_are_two_entries_and_keep_their_order() -> None:
    # Given Kerr listed twice, identically
    history = History()
    history.apply(_part(1, _signed(KERR), _signed(LAKE), _signed(KERR)))
    # When the file is published again, and then with one copy fewer
    again = history.apply(_part(2, _signed(KERR), _signed(LAKE), _signed(KERR)))
    fewer = history.apply(_part(3, _signed(KERR), _signed(LAKE)))
    # Then the copies stay distinct and the later one is the one removed
    assert history.state_as_of(_at(2), PART).entry_ids == (1, 2, 3)
    assert again == []
    assert [(e.kind, e.entry_id) for e in fewer] == [(EventKind.REMOVED, 3)]


def test_whitespace_only_change_is_kept_without_event() -> None:
    # Given Kerr with "link"
    history = History()
    history.apply(_part(1, _signed(KERR)))
    # When ICE republishes it as "link " with a trailing space
    events = history.apply(_part(2, _signed(KERR, moa="link ")))
    # Then no event is raised but the file is reproduced exactly
    assert events == []
    assert history.state_as_of(_at(2), PART).rows == (_signed(KERR, moa="link "),)
    assert history.state_as_of(_at(1), PART).rows == (_signed(KERR),)


def test_reapplying_is_a_no_op_but_conflicts_and_disorder_are_refused() -> None:
    # Given two days applied
    history = History()
    history.apply(_part(1, _signed(KERR)))
    history.apply(_part(2, _signed(KERR), _signed(LAKE)))
    # When day 1 is applied again, nothing happens
    assert history.apply(_part(1, _signed(KERR))) == []
    assert len(history.snapshots) == 2
    # But a different file for day 1, or an older new file, is refused
    with pytest.raises(HistoryError, match="a different participating list was already"):
        history.apply(_part(1, _signed(LAKE)))
    with pytest.raises(HistoryError, match="snapshots must be applied in time order"):
        history.apply(_pend(1, LAKE))


def test_state_before_the_first_file_is_empty() -> None:
    history = History()
    history.apply(_part(2, _signed(KERR)))
    state = history.state_as_of(_at(1), PART)
    assert (state.taken_at, state.rows) == (None, ())


def test_a_removed_entry_returns_only_on_strong_evidence() -> None:
    # Given two pending rows that are then removed
    history = History()
    kerr_typo = ("TEXAS", "Kerr Conty Sheriff's Office", *KERR[2:])
    history.apply(_pend(1, kerr_typo, LAKE))
    history.apply(_pend(2))
    # When Kerr comes back with its typo fixed and Lake comes back as a different office
    lake_jail = ("OHIO", "Lake County Jail", *LAKE[2:])
    events = history.apply(_pend(3, KERR, lake_jail))
    # Then Kerr returns under its old id, and the Lake jail is a new entry
    assert [(e.kind, e.entry_id, e.changes) for e in events] == [
        (EventKind.RETURNED, 1, {"LAW ENFORCEMENT AGENCY": (kerr_typo[1], KERR[1])}),
        (EventKind.ADDED, 3, {}),
    ]
