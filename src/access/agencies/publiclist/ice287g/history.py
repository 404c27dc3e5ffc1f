"""Version history of ICE's 287(g) lists, built from snapshots applied in time order.

An *entry* is one published row identity (an agency under one support type); it keeps its
id through renames, date corrections, disappearances and moves between the two lists, and
a duplicated row is two entries. A *version* holds an entry's values exactly as published,
valid from the snapshot that first showed them until the snapshot that showed something
else (or no longer showed the entry). Every applied snapshot keeps the version of each of
its rows in file order, so `state_as_of` reproduces any published file cell for cell.

Values are compared trimmed (`normalize.clean`): a version that differs from the previous
one only in whitespace is recorded (values stay as published) but raises no event.

A snapshot speaks for its own list only: entries of a list absent from the batch are left
alone. The one exception is the natural step from pending to participating: a participating
row may take over an entry still listed as pending (a `moved` event; should a later pending
file still show the agency, that row becomes a separate pending entry). The way back, participating to pending, is only recognised
when the participating list of the same download no longer shows the entry, or after it
was removed.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from itertools import groupby

from .columns import ListKind
from .matching import Candidate, Incoming, pair_rows
from .normalize import clean
from .snapshot import Snapshot


class HistoryError(ValueError):
    pass


class EventKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    MOVED = "moved"
    RETURNED = "returned"


@dataclass
class Entry:
    id: int
    list_kind: ListKind  # the list it is (or was last) in
    listed: bool  # False while removed
    first_seen: datetime
    current_version_id: int


@dataclass
class Version:
    id: int
    entry_id: int
    list_kind: ListKind
    values: dict[str, str]  # column -> value as published (only the file's columns)
    valid_from: datetime
    valid_to: datetime | None = None  # exclusive; None while current


@dataclass(frozen=True)
class Event:
    at: datetime
    kind: EventKind
    entry_id: int
    list_kind: ListKind  # the list the entry is in after the event (left, for removed)
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)  # field: (old, new)
    from_list: ListKind | None = None  # for moved
    matched_by: str = ""  # "key" or "name": how the row was recognised
    version_id: int | None = None  # the version the event opened (None for removed)


@dataclass
class AppliedSnapshot:
    id: int
    taken_at: datetime
    kind: ListKind
    columns: tuple[str, ...]
    source: str
    fingerprint: str
    version_ids: tuple[int, ...]  # one per row, in the file's row order


@dataclass(frozen=True)
class ListState:
    """A list as published at `taken_at`; `rows[i]` is aligned with `columns`."""

    kind: ListKind
    taken_at: datetime | None
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    entry_ids: tuple[int, ...]


def changed_fields(old: Mapping[str, str], new: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """Fields whose trimmed values differ; a column absent from one side counts as empty."""
    fields = [*old, *(f for f in new if f not in old)]
    return {
        f: (old.get(f, ""), new.get(f, ""))
        for f in fields
        if clean(old.get(f, "")) != clean(new.get(f, ""))
    }


def _same_published(old: Mapping[str, str], new: Mapping[str, str]) -> bool:
    return all(old.get(f, "") == new.get(f, "") for f in old.keys() | new.keys())


@dataclass
class History:
    """In-memory history; see the package docstring for how a database stores the same.

    To continue a stored history, build it from the stored records: every entry with its
    current version, and at least the latest applied snapshot of each list.
    """

    entries: dict[int, Entry] = field(default_factory=dict)
    versions: dict[int, Version] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    snapshots: list[AppliedSnapshot] = field(default_factory=list)
    _last_ids: dict[str, int] = field(default_factory=dict, init=False, repr=False, compare=False)

    def import_snapshots(self, snapshots: Iterable[Snapshot]) -> list[Event]:
        """Apply snapshots in time order, those taken at the same moment together."""
        ordered = sorted(snapshots, key=lambda s: s.taken_at)
        events: list[Event] = []
        for _, batch in groupby(ordered, key=lambda s: s.taken_at):
            events += self.apply(*batch)
        return events

    def apply(self, *batch: Snapshot) -> list[Event]:
        """Apply snapshots taken at one moment (at most one per list); return the new events.

        A snapshot already applied with the same content is skipped, so imports are
        idempotent; a list absent from the batch is left as it was. Applying both lists of
        one download together lets a row that leaves pending and enters participating be
        one `moved` event rather than a removal followed by a move.
        """
        fresh = self._fresh(batch)
        if not fresh:
            return []
        at = fresh[0].taken_at
        kinds = {s.kind for s in fresh}
        rows = [
            Incoming(index, kind, dict(zip(columns, values, strict=True)))
            for index, (kind, columns, values) in enumerate(
                (s.kind, s.columns, r) for s in fresh for r in s.rows
            )
        ]
        pairing = pair_rows(rows, self._candidates(kinds))
        events: list[Event] = []
        version_ids: list[int] = []
        for row in rows:
            pair = pairing.get(row.index)
            if pair is None:
                version_ids.append(self._add(row, at, events))
            else:
                version_ids.append(self._update(pair.entry_id, row, at, pair.how, events))
        shown = {self.versions[v].entry_id for v in version_ids}
        for entry in self.entries.values():
            if entry.listed and entry.list_kind in kinds and entry.id not in shown:
                self._remove(entry, at, events)
        start = 0
        for snap in fresh:
            ids = tuple(version_ids[start : start + len(snap.rows)])
            start += len(snap.rows)
            applied = AppliedSnapshot(
                self._new_id("snapshot"), at, snap.kind, snap.columns, snap.source,
                snap.fingerprint(), ids,
            )  # fmt: skip
            self.snapshots.append(applied)
        self.events += events
        return events

    def state_as_of(self, moment: datetime, kind: ListKind) -> ListState:
        """The list as last published at or before `moment` (empty before the first file)."""
        ours = [s for s in self.snapshots if s.kind == kind]
        found = bisect_right([s.taken_at for s in ours], moment)
        if not found:
            return ListState(kind, None, (), (), ())
        snap = ours[found - 1]
        versions = [self.versions[v] for v in snap.version_ids]
        rows = tuple(tuple(v.values.get(c, "") for c in snap.columns) for v in versions)
        entry_ids = tuple(v.entry_id for v in versions)
        return ListState(kind, snap.taken_at, snap.columns, rows, entry_ids)

    def listed_as_of(self, moment: datetime, kind: ListKind) -> list[Version]:
        """Versions of the entries this history holds in `kind` at `moment`, by entry id.

        At a snapshot's own time this is exactly that snapshot's rows; between snapshots it
        also reflects moves learnt from the other list.
        """
        return sorted(
            (
                v
                for v in self.versions.values()
                if v.list_kind == kind
                and v.valid_from <= moment
                and (v.valid_to is None or moment < v.valid_to)
            ),
            key=lambda v: v.entry_id,
        )

    def versions_of(self, entry_id: int) -> list[Version]:
        return sorted(
            (v for v in self.versions.values() if v.entry_id == entry_id), key=lambda v: v.id
        )

    # -- internals ---------------------------------------------------------------------

    def _new_id(self, table: str) -> int:
        # Continues after the largest stored id, so a history rebuilt from records goes on.
        if table not in self._last_ids:
            ids: dict[str, Iterable[int]] = {
                "entry": self.entries,
                "version": self.versions,
                "snapshot": (s.id for s in self.snapshots),
            }
            self._last_ids[table] = max(ids[table], default=0)
        self._last_ids[table] += 1
        return self._last_ids[table]

    def _fresh(self, batch: Sequence[Snapshot]) -> list[Snapshot]:
        """The snapshots of `batch` not applied yet; refuses conflicts and disorder."""
        if not batch:
            return []
        at = batch[0].taken_at
        if at.tzinfo is None:
            raise HistoryError("snapshot times must be timezone-aware (UTC)")
        if any(s.taken_at != at for s in batch) or len({s.kind for s in batch}) < len(batch):
            raise HistoryError("a batch holds at most one snapshot per list, all taken at once")
        fresh: list[Snapshot] = []
        for snap in batch:
            same = [s for s in self.snapshots if s.kind == snap.kind and s.taken_at == at]
            if not same:
                fresh.append(snap)
            elif same[0].fingerprint != snap.fingerprint():
                raise HistoryError(
                    f"a different {snap.kind} list was already imported for {at.isoformat()}"
                )
        latest = max((s.taken_at for s in self.snapshots), default=None)
        # Equal times are fine: the other list of the same download may come separately.
        if fresh and latest is not None and at < latest:
            raise HistoryError(
                f"snapshots must be applied in time order: {at.isoformat()} is before "
                f"{latest.isoformat()}; rebuild the history to insert an older file"
            )
        return fresh

    def _candidates(self, kinds: set[ListKind]) -> list[Candidate]:
        positions: dict[int, int] = {}
        for snap in {s.kind: s for s in self.snapshots}.values():
            positions.update((v, i) for i, v in enumerate(snap.version_ids))
        return [
            Candidate(
                entry.id,
                entry.list_kind,
                self.versions[entry.current_version_id].values,
                entry.listed,
                # Agencies advance from pending to participating; the way back is only taken
                # when the participating list in this batch no longer shows the entry.
                entry.list_kind in kinds or entry.list_kind == ListKind.PENDING,
                positions.get(entry.current_version_id, 0),
            )
            for entry in self.entries.values()
        ]

    def _new_version(self, entry_id: int, row: Incoming, at: datetime) -> Version:
        version_id = self._new_id("version")
        version = Version(version_id, entry_id, row.list_kind, dict(row.values), at)
        self.versions[version.id] = version
        return version

    def _add(self, row: Incoming, at: datetime, events: list[Event]) -> int:
        entry_id = self._new_id("entry")
        version = self._new_version(entry_id, row, at)
        self.entries[entry_id] = Entry(entry_id, row.list_kind, True, at, version.id)
        events.append(Event(at, EventKind.ADDED, entry_id, row.list_kind, version_id=version.id))
        return version.id

    def _update(
        self, entry_id: int, row: Incoming, at: datetime, how: str, events: list[Event]
    ) -> int:
        entry = self.entries[entry_id]
        current = self.versions[entry.current_version_id]
        moved = entry.list_kind != row.list_kind
        if entry.listed and not moved and _same_published(current.values, row.values):
            return current.id
        if entry.listed:
            current.valid_to = at
        version = self._new_version(entry.id, row, at)
        changes = changed_fields(current.values, row.values)
        kind: EventKind | None = None
        if moved:
            kind = EventKind.MOVED
        elif not entry.listed:
            kind = EventKind.RETURNED
        elif changes:
            kind = EventKind.CHANGED
        if kind is not None:
            from_list = entry.list_kind if moved else None
            events.append(
                Event(at, kind, entry.id, row.list_kind, changes, from_list, how, version.id)
            )
        entry.list_kind, entry.listed, entry.current_version_id = row.list_kind, True, version.id
        return version.id

    def _remove(self, entry: Entry, at: datetime, events: list[Event]) -> None:
        self.versions[entry.current_version_id].valid_to = at
        entry.listed = False
        events.append(Event(at, EventKind.REMOVED, entry.id, entry.list_kind))
