"""``access import_287g [--as-of DATETIME] [--dry-run] FILE...``"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from access.agencies.publiclist.ice287g import (
    SheetError,
    SnapshotTimeError,
    load_snapshot,
    parse_as_of,
)
from access.agencies.publiclist.importer import ImportRefused, import_snapshots
from access.core.actors import SystemActor


class Command(BaseCommand):
    help = (
        "Import ICE's public 287(g) participating/pending sheets (xlsx or csv) into the stored "
        "history. Without --as-of, each file's time comes from its folder name YYYYMMDD_HHMMSS "
        "(the download time, UTC) or else from the MMDDYYYYam|pm in its file name (am = 00:00, "
        "pm = 12:00 UTC). All or nothing; files already imported are skipped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "files", nargs="+", help="participatingAgencies*.xlsx / pendingAgencies*.xlsx / .csv"
        )
        parser.add_argument("--as-of", help="ISO 8601 time the files were published (naive = UTC)")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            moment = parse_as_of(options["as_of"]) if options["as_of"] else None
        except SnapshotTimeError as error:
            raise CommandError(str(error)) from error
        snapshots, problems = [], []
        for name in options["files"]:
            path = Path(name)
            if not path.is_file():
                problems.append(f"{name}: no such file")
                continue
            try:
                snapshots.append(load_snapshot(path, taken_at=moment))
            except (SheetError, SnapshotTimeError) as error:
                detail = "; ".join(getattr(error, "problems", ()) or ())
                problems.append(f"{name}: {error}" + (f" ({detail})" if detail else ""))
        if problems:
            raise CommandError("Nothing was imported:\n  " + "\n  ".join(problems))
        try:
            report = import_snapshots(
                SystemActor("access import_287g"), snapshots, dry_run=options["dry_run"]
            )
        except ImportRefused as refused:
            raise CommandError(
                "Nothing was imported:\n  " + "\n  ".join(refused.problems)
            ) from refused
        for file in report.files:
            self.stdout.write(
                f"{file.status:>16}: {file.source} ({file.kind}, {file.rows} rows, "
                f"as of {file.taken_at.isoformat()}, {len(file.findings)} findings)"
            )
        counts = (
            ", ".join(f"{n} {k}" for k, n in sorted(report.event_counts.items())) or "no changes"
        )
        prefix = "Would record" if report.dry_run else "Recorded"
        self.stdout.write(f"{prefix}: {counts}; {report.agencies_created} agency records created.")
