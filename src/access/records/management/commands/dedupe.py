"""``access dedupe FILE --map F=C... --id C --out OUT.csv [--engine duckdb|spark]
[--model MODEL.json|VERSION | --train]``: find likely duplicates within one CSV file. A repeated
``--map`` adds to the mapping, as one flag with several values does. The model is chosen as
``access link`` chooses it (the active stored version by default), and named on the first line."""

from __future__ import annotations

from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser

from access.matching import link
from access.matching.progress import steps
from access.records.management.commands.link import (
    ENGINE_HELP,
    OUT_HELP,
    add_mapping,
    add_model_options,
    chosen_model,
)


class Command(BaseCommand):
    help = "Find likely duplicate person records within one CSV file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the CSV file of person records (with a header)")
        add_mapping(parser, "--map", "FILE")
        parser.add_argument(
            "--id", required=True, metavar="COLUMN", help="the column of FILE naming each row"
        )
        parser.add_argument("--out", required=True, metavar="OUT.csv", help=OUT_HELP)
        parser.add_argument("--engine", choices=link.ENGINES, default="duckdb", help=ENGINE_HELP)
        add_model_options(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            records = link.read_records(
                options["file"], link.parse_mapping(options["map"]), options["id"]
            )
            model, named = chosen_model(options["model"], train=options["train"])
            self.stdout.write(named)
            with steps(4, cast(IO[str], self.stderr._out)) as step:
                rows = link.dedupe(records, engine=options["engine"], progress=step, model=model)
            link.write_csv(rows, options["out"])
        except (link.InputError, OSError) as err:
            raise CommandError(str(err)) from err
        self.stdout.write(f"{len(rows)} pairs written to {options['out']}")
