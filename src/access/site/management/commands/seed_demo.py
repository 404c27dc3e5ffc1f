"""Load demo data when the database is empty (``make run`` calls this).

Accounts and agencies load only into a database with no accounts; the synthetic population
(``--persons``, default 20,000) only into an empty record store. A population of more than
``BACKGROUND_ABOVE`` persons is queued on the job worker, and the home page of staff roles
shows its progress; a smaller one loads here.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from access.accounts.models import User
from access.agencies.publiclist.ice287g import load_snapshot
from access.agencies.publiclist.importer import import_snapshots
from access.agreements.sync import sync_from_public_list
from access.cap.demo import TEAM, seed_demo_cap
from access.complaints.demo import seed_demo_complaints
from access.core.actors import SystemActor
from access.detention.demo import seed_demo_detainers
from access.enforcement.demo import seed_demo_encounters
from access.intelligence.demo import seed_demo_intelligence
from access.officers.demo import seed_demo_officers
from access.site import demo_population
from access.site.demo import ACCOUNTS, DEMO_PASSWORD, load_demo
from access.site.tasks import load_demo_population
from access.taskforces.demo import seed_demo_taskforces


class Command(BaseCommand):
    help = (
        "Load demo agencies and one account per role (only if the database has no accounts), "
        "and a synthetic population of persons (only if the record store is empty): published, "
        "with a trained model and demo inquiries in every state."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the logins.")
        parser.add_argument(
            "--persons",
            type=int,
            default=demo_population.DEFAULT_PERSONS,
            help=(
                "Synthetic persons to load (default %(default)s; about two records each; "
                "0 loads none). More than "
                f"{demo_population.BACKGROUND_ABOVE:,} are loaded by the job worker."
            ),
        )
        parser.add_argument(
            "--seed", type=int, default=0, help="Random seed of the population (default 0)."
        )
        parser.add_argument(
            "--url",
            default="http://127.0.0.1:8000/",
            help="The address printed with the logins (make run passes HOST and PORT).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data is never loaded in production.")
        if User.objects.exists():
            self.stdout.write("Database already has data; demo data not loaded.")
        else:
            load_demo(SystemActor("demo data loader"))
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
            self.import_public_list()
            officers = seed_demo_officers(SystemActor("demo data loader"))
            self.stdout.write(f"Demo officers: {len(officers)} in every state of their path.")
            complaints = seed_demo_complaints(SystemActor("demo data loader"))
            self.stdout.write(f"Demo complaints: {len(complaints)}, every status and clock.")
            encounters = seed_demo_encounters(SystemActor("demo data loader"))
            self.stdout.write(f"Demo encounters: {len(encounters)} over several months.")
            detainers = seed_demo_detainers(SystemActor("demo data loader"))
            self.stdout.write(f"Demo detainers: {len(detainers)} in every state.")
            jails = seed_demo_cap(SystemActor("demo data loader"))
            self.stdout.write(
                f"Demo CAP: the {TEAM} covers {len(jails)} jails, their roster mappings saved "
                "(their rosters come with the population)."
            )
            task_forces = seed_demo_taskforces(SystemActor("demo data loader"))
            self.stdout.write(f"Demo task forces: {len(task_forces)}, with their operations.")
            # After the task-force demo: the records belong to its two demo task forces.
            records = seed_demo_intelligence(SystemActor("demo data loader"))
            self.stdout.write(f"Demo criminal intelligence: {len(records)} records.")
        self.load_population(options["persons"], options["seed"])
        if not options["quiet_logins"]:
            self.print_logins(options["url"])

    def load_population(self, persons: int, seed: int) -> None:
        if persons < 0:
            raise CommandError(f"--persons must be 0 or more (got {persons})")
        why_not = demo_population.needed(persons)
        if why_not:
            self.stdout.write(why_not)
            return
        load = demo_population.queue_load(
            SystemActor("demo data loader"), persons=persons, seed=seed
        )
        if persons > demo_population.BACKGROUND_ABOVE:
            load_demo_population.enqueue(load.pk)
            self.stdout.write(
                f"Queued a synthetic population of {persons:,} persons on the job worker; "
                "the home page shows its progress."
            )
            return
        try:
            demo_population.run(load.pk, say=self.stdout.write)
        except Exception as error:
            raise CommandError(f"the demo population did not load: {error}") from error
        self.stdout.write(
            self.style.SUCCESS(f"Synthetic population of {persons:,} persons loaded.")
        )

    def import_public_list(self) -> None:
        """ICE's real published 287(g) files, when the shared data folder sits beside the repo."""
        folder = settings.PROJECT_DIR.parent / "shared" / "data" / "ice-287g"
        files = sorted(folder.glob("*/*.xlsx"))
        if not files:
            self.stdout.write(f"No ICE 287(g) files at {folder}; the public list stays empty.")
            return
        snapshots = [load_snapshot(path) for path in files]
        report = import_snapshots(SystemActor("demo data loader"), snapshots)
        self.stdout.write(
            f"Imported ICE's public 287(g) list: {len(files)} files, "
            f"{sum(report.event_counts.values())} changes recorded."
        )
        synced = sync_from_public_list(SystemActor("demo data loader"))
        self.stdout.write(
            f"Agreements from the list: {synced.created} created, {synced.flagged} flagged for review."
        )

    def print_logins(self, url: str) -> None:
        self.stdout.write(f"\nDemo sign-ins ({url}), password for all: {DEMO_PASSWORD}")
        self.stdout.write("One-time code for any of them:  .venv/bin/access demo_otp USERNAME")
        self.stdout.write("Public 287(g) transparency page (no sign-in): /transparency/\n")
        for username, _first, _last, role, _ori in ACCOUNTS:
            self.stdout.write(f"  {username:<12} {role.replace('_', ' ')}")
        self.stdout.write("")
