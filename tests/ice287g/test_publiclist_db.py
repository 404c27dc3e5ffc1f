"""The stored history (database) on ICE's 64 real files: import, round trip, idempotency."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from access.agencies.models import (
    Agency,
    PublishedEntry,
    PublishedEvent,
    PublishedRow,
    PublishedSnapshot,
    PublishedVersion,
)
from access.agencies.publiclist.ice287g import ListKind, Snapshot, clean, read_sheet
from access.agencies.publiclist.importer import ImportRefused, import_snapshots, published_list
from access.audit.models import AuditEvent
from access.core.actors import SystemActor

ACTOR = SystemActor("test import")
TABLES = (PublishedSnapshot, PublishedEntry, PublishedVersion, PublishedRow, PublishedEvent, Agency)


def counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in TABLES)


def trimmed(rows) -> list[list[str]]:
    return [[clean(cell) for cell in row] for row in rows]


@pytest.mark.django_db
def test_the_64_real_files_round_trip_through_the_database(
    real_files: list[Path], real_snapshots: list[Snapshot]
):
    report = import_snapshots(ACTOR, real_snapshots)
    assert report.event_counts == {"added": 877, "changed": 267, "moved": 228, "removed": 49}
    assert PublishedEntry.objects.count() == 877
    assert PublishedSnapshot.objects.count() == 64

    # Every file comes back exactly as published (after trimming), row by row, in order.
    for path, snap in zip(real_files, real_snapshots, strict=True):
        state = published_list(snap.taken_at, snap.kind)
        original = read_sheet(path)
        assert state.columns == original.columns, path.name
        assert trimmed(state.rows) == trimmed(original.rows), path.name

    # Re-importing every file changes nothing.
    before = counts()
    again = import_snapshots(ACTOR, real_snapshots)
    assert again.event_counts == {} and not again.changed_anything
    assert counts() == before

    # Renames and signed-date corrections are changes of one entry, not removal + addition.
    changed = PublishedEvent.objects.filter(kind="changed")
    renamed = [e for e in changed if "LAW ENFORCEMENT AGENCY" in e.changes]
    redated = [e for e in changed if "SIGNED" in e.changes]
    assert len(renamed) == 24 and len(redated) == 19
    terry = next(
        e
        for e in redated
        if e.changes["SIGNED"][0] == "7/72025"
        and "Terry" in e.version.values["LAW ENFORCEMENT AGENCY"]
    )
    assert terry.changes["SIGNED"] == ["7/72025", "2025-07-07"]

    # The Florida department listed twice under the Task Force Model is kept as two entries.
    st_cloud = {
        v.entry_id
        for v in PublishedVersion.objects.filter(values__STATE="FLORIDA")
        if "St. Cloud Police" in v.values["LAW ENFORCEMENT AGENCY"]
        and v.values["SUPPORT TYPE"].strip() == "Task Force Model"
    }
    assert len(st_cloud) == 2


@pytest.mark.django_db
def test_the_cli_exports_a_published_list_as_it_stood(real_files: list[Path]):
    folder = real_files[0].parent
    call_command(
        "import_287g", *[str(p) for p in sorted(folder.glob("*.xlsx"))], stdout=io.StringIO()
    )
    participating = next(p for p in folder.glob("participating*.xlsx"))
    name = folder.name  # YYYYMMDD_HHMMSS, the download time
    as_of = f"{name[:4]}-{name[4:6]}-{name[6:8]}T{name[9:11]}:{name[11:13]}:{name[13:15]}"
    out_stream = io.StringIO()
    call_command("export_287g", "--as-of", as_of, "--list", "participating", stdout=out_stream)
    out = out_stream.getvalue()
    import csv

    rows = list(csv.reader(io.StringIO(out)))
    original = read_sheet(participating)
    assert tuple(rows[0]) == original.columns
    assert trimmed(rows[1:]) == trimmed(original.rows)
    assert any(row[original.columns.index("SIGNED")] == "05/082025" for row in rows[1:])


@pytest.mark.django_db
def test_bad_values_are_kept_and_reported_not_dropped(real_snapshots: list[Snapshot]):
    report = import_snapshots(ACTOR, real_snapshots[:1])
    codes = Counter(f.code for file in report.files for _, f in file.findings)
    assert codes["signed_not_a_date"] >= 1
    stored = PublishedVersion.objects.filter(values__SIGNED="05/082025")
    assert stored.count() == 1


@pytest.mark.django_db
def test_a_dry_run_writes_nothing(real_snapshots: list[Snapshot]):
    audit_before = AuditEvent.objects.count()
    report = import_snapshots(ACTOR, real_snapshots[:2], dry_run=True)
    assert report.dry_run and report.event_counts["added"] == 663
    assert counts() == (0, 0, 0, 0, 0, 0)
    assert AuditEvent.objects.count() == audit_before


@pytest.mark.django_db
def test_an_older_file_after_newer_ones_is_refused_whole(real_snapshots: list[Snapshot]):
    import_snapshots(ACTOR, real_snapshots[2:4])
    before, audit_before = counts(), AuditEvent.objects.count()
    with pytest.raises(ImportRefused) as refused:
        import_snapshots(ACTOR, real_snapshots[:1] + real_snapshots[4:6])
    assert "import files in time order" in refused.value.problems[0]
    assert counts() == before and AuditEvent.objects.count() == audit_before


@pytest.mark.django_db
def test_a_conflicting_file_for_an_imported_moment_is_refused(real_snapshots: list[Snapshot]):
    import_snapshots(ACTOR, real_snapshots[:1])
    first = real_snapshots[0]
    altered = Snapshot(first.taken_at, first.kind, first.columns, first.rows[:-1], "altered.xlsx")
    with pytest.raises(ImportRefused) as refused:
        import_snapshots(ACTOR, [altered])
    assert "already imported" in refused.value.problems[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "participatingAgencies07202025am.csv",
            b"STATE,LAW ENFORCEMENT AGENCY\nTEXAS,X\n",
            "missing columns",
        ),
        (
            "participatingAgencies07202025am.xlsx",
            b"PK\x03\x04 not really a workbook",
            "not a readable",
        ),
        ("participatingAgencies07202025am.txt", b"hello", "unsupported file type"),
        ("participatingAgencies07202025am.csv", b"", "empty"),
    ],
)
def test_malformed_files_are_refused_and_nothing_is_written(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError) as refused:
        call_command("import_287g", str(path))
    assert "Nothing was imported" in str(refused.value)
    assert message in str(refused.value).lower()
    assert counts() == (0, 0, 0, 0, 0, 0)


def test_export_refuses_a_bad_datetime():
    with pytest.raises(CommandError) as refused:
        call_command("export_287g", "--as-of", "19/05/2025")
    assert "is not an ISO 8601 date or date-time" in str(refused.value)


def test_kinds_are_the_two_lists():
    assert [k.value for k in ListKind] == ["participating", "pending"]
