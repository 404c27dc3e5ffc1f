"""``access bench matching --records N [--seed S] [--queries Q] [--roster R]``: one JSON object
(the batch links R roster rows against the store; default 100,000)."""

from __future__ import annotations

import json
from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Run a benchmark and print one JSON object (benchmarks: matching)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("benchmark", choices=["matching"])
        parser.add_argument("--records", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--queries", type=int, default=1000)
        parser.add_argument("--roster", type=int, default=100_000)

    def handle(self, *args: Any, **options: Any) -> None:
        from access.matching import bench
        from access.matching.progress import steps

        if options["records"] < 100 or options["queries"] < 10 or options["roster"] < 1:
            raise CommandError("use --records >= 100, --queries >= 10 and --roster >= 1")
        with steps(7, cast(IO[str], self.stderr._out)) as step:
            result = bench.run(
                options["records"],
                options["seed"],
                options["queries"],
                options["roster"],
                progress=step,
            )
        self.stdout.write(json.dumps(result))
