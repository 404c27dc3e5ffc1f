"""``access dedupe FILE --map F=C... --id C --out OUT.csv [--engine duckdb|spark]``: find
likely duplicates within one CSV file."""

from __future__ import annotations

from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser

from access.matching import link
from access.matching.progress import steps


class Command(BaseCommand):
    help = "Find likely duplicate person records within one CSV file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--map", nargs="+", required=True, metavar="FIELD=COLUMN")
        parser.add_argument("--id", required=True, metavar="COLUMN")
        parser.add_argument("--out", required=True, metavar="OUT.csv")
        parser.add_argument("--engine", choices=link.ENGINES, default="duckdb")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            records = link.read_records(
                options["file"], link.parse_mapping(options["map"]), options["id"]
            )
            with steps(4, cast(IO[str], self.stderr._out)) as step:
                rows = link.dedupe(records, engine=options["engine"], progress=step)
            link.write_csv(rows, options["out"])
        except (link.InputError, OSError) as err:
            raise CommandError(str(err)) from err
        self.stdout.write(f"{len(rows)} pairs written to {options['out']}")
