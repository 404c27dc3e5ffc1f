"""Import and export of ICE's public 287(g) list, stored with its history.

``import_snapshots`` continues the stored history with new files, all or nothing: every file
is read and checked first; one unreadable file, a missing column, a conflicting file for a
moment already imported, or a file older than the stored history refuses the whole import
and writes nothing. A file already imported is skipped (idempotent). Values are kept exactly
as published; doubtful ones are reported as findings, never changed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Max

from access.agencies import actions as agency_actions
from access.agencies.choices import STATE_NAMES
from access.agencies.events import Event
from access.agencies.models import (
    Agency,
    PublishedEntry,
    PublishedEvent,
    PublishedRow,
    PublishedSnapshot,
    PublishedVersion,
)
from access.agencies.publiclist.ice287g import (
    Entry,
    Finding,
    History,
    HistoryError,
    ListKind,
    ListState,
    Snapshot,
    Version,
    agency_key,
    check_rows,
    clean,
)
from access.agencies.publiclist.ice287g.history import AppliedSnapshot
from access.audit import events as audit
from access.audit.events import audited

_STATE_CODES = {name.upper(): code for code, name in STATE_NAMES.items()}


class ImportRefused(ValueError):
    """The whole import was refused; ``problems`` lists each reason (file and row)."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class FileReport:
    source: str
    kind: str
    taken_at: datetime
    rows: int
    status: str  # "imported" | "already imported"
    findings: list[tuple[int, Finding]] = field(default_factory=list)  # (row number, finding)


@dataclass
class ImportReport:
    files: list[FileReport]
    event_counts: dict[str, int]
    agencies_created: int
    dry_run: bool
    events: list[dict[str, Any]] = field(default_factory=list)  # see _describe

    @property
    def changed_anything(self) -> bool:
        return any(f.status == "imported" for f in self.files)


class _DryRun(Exception):
    pass


def import_snapshots(
    actor: Any, snapshots: Iterable[Snapshot], *, dry_run: bool = False
) -> ImportReport:
    """Continue the stored history with ``snapshots``; see the module docstring."""
    try:
        return _import(actor, list(snapshots), dry_run=dry_run)
    except _DryRun as preview:
        report: ImportReport = preview.args[0]
        return report


@audited
def _import(actor: Any, snapshots: list[Snapshot], *, dry_run: bool) -> ImportReport:
    fresh, reports = _new_snapshots(snapshots)
    history, before = _load_history()
    try:
        new_events = history.import_snapshots(fresh)
    except HistoryError as error:
        raise ImportRefused([str(error)]) from error
    created = _persist(history, before)
    counts = dict(Counter(e.kind.value for e in new_events))
    report = ImportReport(
        reports, counts, created, dry_run, [_describe(history, e) for e in new_events]
    )
    audit.record(
        Event.PUBLIC_LIST_IMPORT if not dry_run else Event.PUBLIC_LIST_IMPORT_PREVIEW,
        object_type="agencies.publishedsnapshot",
        object_repr=", ".join(f.source for f in reports)[:300],
        details={
            "files": [f"{f.source} ({f.status})" for f in reports],
            "events": counts,
            "agencies_created": created,
        },
    )
    if dry_run:
        raise _DryRun(report)  # rolls the transaction back; the report survives
    return report


def _describe(history: History, event: Any) -> dict[str, Any]:
    """A readable line for a preview: which agency, which list, what changed."""
    version_id = event.version_id or history.entries[event.entry_id].current_version_id
    values = history.versions[version_id].values
    return {
        "kind": event.kind.value,
        "entry": event.entry_id,
        "list": event.list_kind.value,
        "from_list": event.from_list.value if event.from_list else "",
        "agency": clean(values.get("LAW ENFORCEMENT AGENCY", "")),
        "state": clean(values.get("STATE", "")),
        "support": clean(values.get("SUPPORT TYPE", "")),
        "changes": {k: list(v) for k, v in event.changes.items()},
    }


def _new_snapshots(snapshots: list[Snapshot]) -> tuple[list[Snapshot], list[FileReport]]:
    stored = {
        (s.list_kind, s.taken_at): s.fingerprint
        for s in PublishedSnapshot.objects.only("list_kind", "taken_at", "fingerprint")
    }
    latest = PublishedSnapshot.objects.aggregate(latest=Max("taken_at"))["latest"]
    fresh, reports, problems = [], [], []
    seen: dict[tuple[str, datetime], str] = {}
    for snap in sorted(snapshots, key=lambda s: (s.taken_at, s.kind.value)):
        key = (snap.kind.value, snap.taken_at)
        fingerprint = snap.fingerprint()
        known = stored.get(key) or seen.get(key)
        findings = [
            (number, finding)
            for number, row_findings in enumerate(check_rows(snap.columns, snap.rows), start=1)
            for finding in row_findings
        ]
        report = FileReport(
            snap.source, snap.kind.value, snap.taken_at, len(snap.rows), "imported", findings
        )
        if known == fingerprint:
            report.status = "already imported"
        elif known is not None:
            problems.append(
                f"{snap.source}: a different {snap.kind.value} list is already "
                f"imported for {snap.taken_at.isoformat()}"
            )
        elif latest is not None and snap.taken_at < latest:
            problems.append(
                f"{snap.source}: it is as of {snap.taken_at.isoformat()}, before the "
                f"latest imported list ({latest.isoformat()}); import files in time order"
            )
        else:
            fresh.append(snap)
            seen[key] = fingerprint
        reports.append(report)
    if problems:
        raise ImportRefused(problems)
    return fresh, reports


@dataclass
class _Before:
    max_entry: int
    max_version: int
    max_snapshot: int
    entries: dict[int, tuple[str, bool, int]]
    open_versions: set[int]


def _load_history() -> tuple[History, _Before]:
    """Rebuild the in-memory history the library continues: entries, current versions,
    and the latest snapshot of each list with its rows."""
    entries = {
        e.id: Entry(e.id, ListKind(e.list_kind), e.listed, e.first_seen, e.current_version_id or 0)
        for e in PublishedEntry.objects.all()
    }
    versions = {
        v.id: Version(v.id, v.entry_id, ListKind(v.list_kind), v.values, v.valid_from, v.valid_to)
        for v in PublishedVersion.objects.filter(
            id__in=[e.current_version_id for e in entries.values()]
        )
    }
    snapshots = []
    for kind in ListKind:
        latest = (
            PublishedSnapshot.objects.filter(list_kind=kind.value).order_by("-taken_at").first()
        )
        if latest:
            ids = tuple(latest.rows.order_by("position").values_list("version_id", flat=True))
            snapshots.append(
                AppliedSnapshot(
                    latest.id,
                    latest.taken_at,
                    kind,
                    tuple(latest.columns),
                    latest.source,
                    latest.fingerprint,
                    ids,
                )
            )
    snapshots.sort(key=lambda s: s.taken_at)
    before = _Before(
        max_entry=max(entries, default=0),
        max_version=PublishedVersion.objects.aggregate(m=Max("id"))["m"] or 0,
        max_snapshot=PublishedSnapshot.objects.aggregate(m=Max("id"))["m"] or 0,
        entries={
            e.id: (e.list_kind.value, e.listed, e.current_version_id) for e in entries.values()
        },
        open_versions={v.id for v in versions.values() if v.valid_to is None},
    )
    return History(entries=entries, versions=versions, snapshots=snapshots), before


def _persist(history: History, before: _Before) -> int:
    """Store what ``apply`` added or changed; return how many agency records were created."""
    new_entries = [e for e in history.entries.values() if e.id > before.max_entry]
    agencies, created = _agencies_for(history, new_entries)
    PublishedEntry.objects.bulk_create(
        [
            PublishedEntry(
                id=e.id,
                list_kind=e.list_kind.value,
                listed=e.listed,
                first_seen=e.first_seen,
                agency=agencies.get(e.id),
            )
            for e in new_entries
        ]
    )
    PublishedVersion.objects.bulk_create(
        [
            PublishedVersion(
                id=v.id,
                entry_id=v.entry_id,
                list_kind=v.list_kind.value,
                values=v.values,
                valid_from=v.valid_from,
                valid_to=v.valid_to,
            )
            for v in history.versions.values()
            if v.id > before.max_version
        ],
        batch_size=2000,
    )
    closed = [
        PublishedVersion(id=v.id, valid_to=v.valid_to)
        for v in history.versions.values()
        if v.id in before.open_versions and v.valid_to is not None
    ]
    PublishedVersion.objects.bulk_update(closed, ["valid_to"], batch_size=2000)
    touched = [
        PublishedEntry(
            id=e.id,
            list_kind=e.list_kind.value,
            listed=e.listed,
            current_version_id=e.current_version_id,
        )
        for e in history.entries.values()
        if e.id > before.max_entry
        or before.entries.get(e.id) != (e.list_kind.value, e.listed, e.current_version_id)
    ]
    PublishedEntry.objects.bulk_update(
        touched, ["list_kind", "listed", "current_version"], batch_size=2000
    )
    for snap in (s for s in history.snapshots if s.id > before.max_snapshot):
        stored = PublishedSnapshot.objects.create(
            id=snap.id,
            list_kind=snap.kind.value,
            taken_at=snap.taken_at,
            source=snap.source,
            columns=list(snap.columns),
            fingerprint=snap.fingerprint,
            imported_by=audit.actor_display_name(audit.current_actor()),
            row_count=len(snap.version_ids),
        )
        PublishedRow.objects.bulk_create(
            [
                PublishedRow(snapshot=stored, position=i, version_id=v)
                for i, v in enumerate(snap.version_ids)
            ],
            batch_size=5000,
        )
    PublishedEvent.objects.bulk_create(
        [
            PublishedEvent(
                at=e.at,
                kind=e.kind.value,
                entry_id=e.entry_id,
                list_kind=e.list_kind.value,
                from_list=e.from_list.value if e.from_list else "",
                changes={k: list(v) for k, v in e.changes.items()},
                matched_by=e.matched_by,
                version_id=e.version_id,
            )
            for e in history.events
        ],
        batch_size=2000,
    )
    return created


def _agency_kind(name: str, list_type: str) -> str:
    lowered = name.lower()
    if "sheriff" in lowered:
        return "sheriff"
    if "correction" in lowered or "jail" in lowered or "detention" in lowered:
        return "corrections"
    if "police" in lowered or "marshal" in lowered or "constable" in lowered:
        return "police"
    if list_type.strip().lower() == "state agency":
        return "state"
    return "other"


# Excel's error values (ICE's file has "#N/A" in COUNTY): kept in the list's history as
# published, never copied into an agency's own record as if they were a county.
EXCEL_ERRORS = frozenset(
    {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#GETTING_DATA"}
)


def county_of(values: dict[str, str]) -> str:
    """The county an agency record takes from a published row: blank for an Excel error."""
    county = clean(values.get("COUNTY", ""))
    return "" if county.upper() in EXCEL_ERRORS else county[:100]


def _agencies_for(history: History, new_entries: list[Entry]) -> tuple[dict[int, Agency], int]:
    """Link each new entry to the agency record of the same state and name, creating it once."""
    known = {agency_key(a.state, a.name): a for a in Agency.objects.all()}
    linked: dict[int, Agency] = {}
    created = 0
    for entry in new_entries:
        values = history.versions_of(entry.id)[0].values  # the name as first published
        state = _STATE_CODES.get(clean(values.get("STATE", "")).upper())
        name = clean(values.get("LAW ENFORCEMENT AGENCY", ""))
        if state is None or not name:
            continue  # an unknown state (e.g. "UTAHJ") stays unlinked and shows as a finding
        key = agency_key(state, name)
        if key not in known:
            known[key] = agency_actions.create_agency(
                audit.current_actor(),
                name=name[:200],
                state=state,
                kind=_agency_kind(name, values.get("TYPE", "")),
                county_name=county_of(values),
                notes="Created from ICE's public 287(g) list.",
            )
            created += 1
        linked[entry.id] = known[key]
    return linked, created


def published_list(moment: datetime, kind: ListKind) -> ListState:
    """The list exactly as ICE published it at ``moment`` (its latest file at or before)."""
    snap = (
        PublishedSnapshot.objects.filter(list_kind=kind.value, taken_at__lte=moment)
        .order_by("-taken_at")
        .first()
    )
    if snap is None:
        return ListState(kind, None, (), (), ())
    rows = PublishedRow.objects.filter(snapshot=snap).order_by("position").select_related("version")
    values = [(r.version.values, r.version.entry_id) for r in rows]
    columns = tuple(snap.columns)
    return ListState(
        kind,
        snap.taken_at,
        columns,
        tuple(tuple(v.get(c, "") for c in columns) for v, _ in values),
        tuple(entry_id for _, entry_id in values),
    )
