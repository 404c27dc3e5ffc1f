"""``access cap roster FACILITY FILE [--as-of DATETIME] [--map FIELD=COLUMN ...] [--screen-now]``

Sends a roster file to a facility as the operator's system actor, through the same action as
the upload page and the API (all or nothing, the same file twice recognised). Prints a JSON
summary (exit 0); a refused roster lists every row error on stderr (exit 2); an unknown
facility or a missing file is exit 1.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.dateparse import parse_datetime
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from access.cap import rosters
from access.cap.actions import rosters as actions
from access.cap.choices import RosterSource
from access.cap.models import CapFacility, Roster
from access.core.actors import SystemActor

NOT_FOUND = 1
BAD_INPUT = 2
ACTOR = SystemActor("access cap roster")


class Command(BaseCommand):
    help = "CAP jail screening: send a facility's booking roster."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        roster = commands.add_parser(
            "roster",
            help="Send a roster file (CSV or XLSX) to a facility and queue its screening.",
            description=(
                "Reads the roster with the facility's saved column mapping; if any row is "
                "wrong nothing is stored and every problem is printed (exit 2). The same file "
                "sent twice is recognised and not screened again. Prints a JSON summary."
            ),
        )
        roster.add_argument(
            "facility", metavar="FACILITY", help="The CAP facility's id, or the facility's name."
        )
        roster.add_argument("file", metavar="FILE", help="The roster file, .csv or .xlsx.")
        roster.add_argument(
            "--as-of",
            metavar="DATETIME",
            help="When the jail produced the roster, ISO 8601 (e.g. 2026-12-03T06:00-05:00). "
            "Default: now. Not before the facility's latest roster.",
        )
        roster.add_argument(
            "--map",
            metavar="FIELD=COLUMN",
            action="append",
            default=[],
            help="Map a field to the file's column and save it in the facility's mapping "
            f"(repeatable). Fields: {', '.join(rosters.FIELDS)} (or any id.KIND).",
        )
        roster.add_argument(
            "--screen-now",
            action="store_true",
            help="Screen the roster in this process with a progress bar instead of leaving "
            "it to the job worker.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.console = Console(file=sys.stderr)
        facility = _facility(options["facility"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"cannot read {path}: no such file", returncode=NOT_FOUND)
        as_of = _as_of(options["as_of"]) if options["as_of"] else None
        mapping = _mapping(options["map"])
        try:
            if mapping:
                facility = actions.save_mapping(
                    ACTOR, facility, {**facility.column_mapping, **mapping}
                )
            roster, created = actions.receive_roster(
                ACTOR,
                facility,
                data=path.read_bytes(),
                filename=path.name,
                source=RosterSource.CLI,
                as_of=as_of,
                queue=not options["screen_now"],
            )
        except actions.RosterRefused as refused:
            raise CommandError(_report(refused), returncode=BAD_INPUT) from None
        if created and options["screen_now"]:
            roster = self.screen(roster)
        self.stdout.write(json.dumps(_summary(roster, created), indent=1))

    def screen(self, roster: Roster) -> Roster:
        from access.cap.screening import screen

        with Progress(
            TextColumn("[bold]Screening roster #{task.fields[roster]}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=self.console,
            disable=not self.console.is_terminal,
        ) as progress:
            task = progress.add_task("screen", total=roster.row_count, roster=roster.pk)
            return screen(
                roster.pk,
                progress=lambda done, total: progress.update(task, completed=done, total=total),
            )


def _facility(text: str) -> CapFacility:
    found = CapFacility.objects.select_related("facility")
    if text.isdigit():
        facility = found.filter(pk=int(text)).first()
    else:
        named = list(found.filter(facility__name__iexact=text.strip())[:2])
        if len(named) > 1:
            raise CommandError(
                f"more than one facility is named {text!r}: give its id", returncode=BAD_INPUT
            )
        facility = named[0] if named else None
    if facility is None:
        raise CommandError(f"no CAP facility {text!r}", returncode=NOT_FOUND)
    return facility


def _as_of(text: str) -> Any:
    try:
        moment = parse_datetime(text.strip())
    except ValueError:
        moment = None
    if moment is None:
        raise CommandError(
            f"--as-of {text!r} is not a date and time (ISO 8601, e.g. 2026-12-03T06:00-05:00)",
            returncode=BAD_INPUT,
        )
    return moment


def _mapping(pairs: list[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise CommandError(f"--map {pair!r}: write FIELD=COLUMN", returncode=BAD_INPUT)
        mapping[field.strip()] = column.strip()
    return mapping


def _report(refused: actions.RosterRefused) -> str:
    lines = [str(refused)]
    for error in refused.row_errors:
        where = f"row {error['row']}" if error["row"] else "whole roster"
        column = f", column {error['column']}" if error["column"] else ""
        lines.append(f"  {where}{column}: {error['message']}")
    return "\n".join(lines)


def _summary(roster: Roster, created: bool) -> dict[str, Any]:
    return {
        "roster": roster.pk,
        "facility": roster.facility_id,
        "duplicate": not created,
        "as_of": roster.as_of.isoformat(),
        "status": roster.status,
        "row_count": roster.row_count,
        "booked_in": roster.booked_in,
        "released": roster.released,
        "screened": roster.progress_done,
        "content_hash": roster.content_hash,
    }
