"""``access export_287g --as-of DATETIME [--list participating|pending] [--format csv|xlsx] [--out FILE]``"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from access.agencies.publiclist.ice287g import (
    ListKind,
    SnapshotTimeError,
    csv_text,
    parse_as_of,
    xlsx_bytes,
)
from access.agencies.publiclist.importer import published_list


class Command(BaseCommand):
    help = (
        "Write ICE's public 287(g) list as it stood at a moment, in ICE's columns and row "
        "order, values exactly as published. DATETIME is ISO 8601; naive is UTC; a date alone "
        "means the end of that day."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", required=True, help="e.g. 2025-05-19T15:18:02 or 2025-05-19")
        parser.add_argument(
            "--list",
            choices=[k.value for k in ListKind],
            default="participating",
            help="Which of ICE's lists (default participating).",
        )
        parser.add_argument(
            "--format", choices=["csv", "xlsx"], default="csv", help="File format (default csv)."
        )
        parser.add_argument("--out", help="file to write (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            moment = parse_as_of(options["as_of"])
        except SnapshotTimeError as error:
            raise CommandError(str(error)) from error
        state = published_list(moment, ListKind(options["list"]))
        if state.taken_at is None:
            raise CommandError(
                f"No {options['list']} list was imported as of {moment.isoformat()}."
            )
        self.stderr.write(
            f"{options['list']} list as published at {state.taken_at.isoformat()}: "
            f"{len(state.rows)} rows"
        )
        if options["format"] == "xlsx":
            data = xlsx_bytes(state.columns, state.rows)
            if options["out"]:
                Path(options["out"]).write_bytes(data)
            else:
                sys.stdout.buffer.write(data)
            return
        text = csv_text(state.columns, state.rows)
        if options["out"]:
            Path(options["out"]).write_text(text, encoding="utf-8", newline="")
        else:
            self.stdout.write(text, ending="")
