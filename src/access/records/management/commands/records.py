"""``access records synthesize --persons N --seed S [--out FILE] [--load]``,
``access records load FILE``, ``access records reindex`` (rebuild candidate keys and
feature rows of every stored record after the engine's rules changed) and
``access records publish [--status | --withdraw]`` (the online store inquiries read)."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from access.core.actors import SystemActor
from access.records import online
from access.records.actions import LoadRefused, load_table, reindex
from access.records.synthetic import FormatError, file_format, generate, read_table, write_table


def _writable(path: Path) -> None:
    """Refuse before any work is done: a folder, an unknown extension, a place we cannot write."""
    if path.is_dir():
        raise CommandError(f"cannot write {path}: it is a directory")
    try:
        file_format(path)
    except FormatError as error:
        raise CommandError(f"cannot write {path}: {error}") from None
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CommandError(f"cannot write {path}: folder {folder} does not exist")
    existed = path.exists()
    try:
        with open(path, "ab"):
            pass
    except OSError as error:
        raise CommandError(f"cannot write {path}: {error.strerror or error}") from None
    if not existed:
        path.unlink()


class Command(BaseCommand):
    help = "Person records: generate a synthetic population, load records into the store."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        synth = commands.add_parser(
            "synthesize",
            help="Generate a synthetic population with ground truth (person_id on every record).",
        )
        synth.add_argument("--persons", type=int, required=True, help="Number of persons (>= 1).")
        synth.add_argument(
            "--seed", type=int, default=0, help="Random seed (same seed, same data)."
        )
        synth.add_argument("--out", help="Write the records to FILE.csv or FILE.parquet.")
        synth.add_argument("--load", action="store_true", help="Load the records into the store.")
        load = commands.add_parser("load", help="Load a records file (CSV or Parquet).")
        load.add_argument("file", help="FILE.csv or FILE.parquet with the records columns.")
        commands.add_parser(
            "reindex",
            help="Rebuild the candidate keys and feature rows of every stored record.",
        )
        publish = commands.add_parser(
            "publish",
            help=(
                "Publish the online store (memory-mapped candidate keys and encoded features) "
                "that inquiry workers read instead of the database index."
            ),
            description=(
                "Build a new version of the online store under ACCESS_ONLINE_STORE_DIR from "
                "the stored feature rows and candidate keys, and serve it: inquiry workers on "
                "this host map it on their next inquiry, and read records loaded later from "
                "the database. Publish again after large loads and after every reindex. "
                "Audited (records.online_published / records.online_withdrawn)."
            ),
        )
        which = publish.add_mutually_exclusive_group()
        which.add_argument(
            "--status", action="store_true", help="Print the current version as JSON; no change."
        )
        which.add_argument(
            "--withdraw",
            action="store_true",
            help="Stop serving it: inquiries read the database index again.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.console = Console(file=sys.stderr)
        if options["subcommand"] == "synthesize":
            self.synthesize(options)
        elif options["subcommand"] == "reindex":
            self.reindex()
        elif options["subcommand"] == "publish":
            self.publish(options)
        else:
            self.load_file(Path(options["file"]))

    @contextmanager
    def bar(self, label: str) -> Iterator[Callable[[float], None]]:
        with Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            TextColumn("{task.percentage:>3.0f}%"),
            TimeElapsedColumn(),
            console=self.console,
            disable=not self.console.is_terminal,
        ) as progress:
            task = progress.add_task(label, total=1.0)
            yield lambda fraction: progress.update(task, completed=fraction)

    def synthesize(self, options: dict[str, Any]) -> None:
        persons, seed, out = options["persons"], options["seed"], options["out"]
        if persons is None or persons < 1:
            raise CommandError(f"--persons must be at least 1 (got {persons})")
        if not out and not options["load"]:
            raise CommandError("nothing to do: give --out FILE.csv|FILE.parquet, --load, or both")
        path = Path(out) if out else None
        if path is not None:
            _writable(path)
        started = time.perf_counter()
        with self.bar(f"Generating {persons:,} persons") as update:
            population = generate(persons, seed, progress=lambda _stage, f: update(f))
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Generated {population.records.num_rows:,} records of {persons:,} persons "
            f"(seed {seed}) in {seconds:.1f} s."
        )
        if path is not None:
            started = time.perf_counter()
            write_table(population.records, path)
            size = path.stat().st_size
            self.stdout.write(
                f"Wrote {path} ({size / 1_000_000:.1f} MB) in {time.perf_counter() - started:.1f} s."
            )
        if options["load"]:
            self._load(population.records, f"synthetic population persons={persons} seed={seed}")

    def load_file(self, path: Path) -> None:
        try:
            file_format(path)
        except FormatError as error:
            raise CommandError(f"cannot read {path}: {error}") from None
        if not path.is_file():
            raise CommandError(f"cannot read {path}: no such file")
        self._load(read_table(path), str(path))

    def _load(self, table: Any, source_name: str) -> None:
        with self.bar(f"Loading {table.num_rows:,} records") as update:
            try:
                report = load_table(
                    SystemActor("access records"),
                    table,
                    source_name=source_name,
                    progress=lambda done, total: update(done / max(total, 1)),
                )
            except LoadRefused as refused:
                raise CommandError(str(refused)) from refused
        self.stdout.write(
            f"Loaded {report.records:,} records ({report.identifiers:,} identifiers, "
            f"{report.candidate_keys:,} candidate keys) in {report.seconds:.1f} s."
        )

    def reindex(self) -> None:
        with self.bar("Reindexing records") as update:
            report = reindex(
                SystemActor("access records"),
                progress=lambda done, total: update(done / max(total, 1)),
            )
        self.stdout.write(
            f"Reindexed {report.records:,} records ({report.candidate_keys:,} candidate keys, "
            f"{report.feature_rows:,} feature rows) in {report.seconds:.1f} s."
        )

    def publish(self, options: dict[str, Any]) -> None:
        actor = SystemActor("access records")
        if options["status"]:
            self.stdout.write(json.dumps(online.status(), indent=1))
            return
        if options["withdraw"]:
            if not online.withdraw(actor):
                raise CommandError(f"no online store is published under {online.root()}")
            self.stdout.write("Withdrawn: inquiries read the database index.")
            return
        try:
            manifest = online.publish(actor, say=lambda message: self.console.print(message))
        except (online.OnlineStoreError, OSError) as error:
            raise CommandError(f"cannot publish the online store: {error}") from None
        self.stdout.write(
            f"Published {manifest['version']}: {manifest['records']:,} records, "
            f"{manifest['keys']:,} keys ({manifest['keys_over_cap']:,} over their cap left out), "
            f"{manifest['postings']:,} postings, {manifest['vocabulary']:,} distinct values, "
            f"in {manifest['built_seconds']:.1f} s."
        )
