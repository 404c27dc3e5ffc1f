"""``access link LEFT RIGHT --map-left F=C... --map-right F=C... --id-left C --id-right C
--out OUT.csv [--engine duckdb|spark]``: link two CSV files (ARCHITECTURE.md "Contracts")."""

from __future__ import annotations

from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser

from access.matching import link
from access.matching.progress import steps


class Command(BaseCommand):
    help = "Link two CSV files of person records; writes scored, banded, explained pairs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("left")
        parser.add_argument("right")
        parser.add_argument("--map-left", nargs="+", required=True, metavar="FIELD=COLUMN")
        parser.add_argument("--map-right", nargs="+", required=True, metavar="FIELD=COLUMN")
        parser.add_argument("--id-left", required=True, metavar="COLUMN")
        parser.add_argument("--id-right", required=True, metavar="COLUMN")
        parser.add_argument("--out", required=True, metavar="OUT.csv")
        parser.add_argument("--engine", choices=link.ENGINES, default="duckdb")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            left = link.read_records(
                options["left"], link.parse_mapping(options["map_left"]), options["id_left"]
            )
            right = link.read_records(
                options["right"], link.parse_mapping(options["map_right"]), options["id_right"]
            )
            with steps(4, cast(IO[str], self.stderr._out)) as step:
                rows = link.link(left, right, engine=options["engine"], progress=step)
            link.write_csv(rows, options["out"])
        except (link.InputError, OSError) as err:
            raise CommandError(str(err)) from err
        self.stdout.write(f"{len(rows)} pairs written to {options['out']}")
