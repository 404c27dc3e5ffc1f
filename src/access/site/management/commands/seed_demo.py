"""Load demo data when the database is empty (``make run`` calls this)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from access.accounts.models import User
from access.agencies.publiclist.ice287g import load_snapshot
from access.agencies.publiclist.importer import import_snapshots
from access.agreements.sync import sync_from_public_list
from access.core.actors import SystemActor
from access.site.demo import ACCOUNTS, DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load demo agencies and one account per role, only if the database has no accounts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the logins.")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data is never loaded in production.")
        if User.objects.exists():
            self.stdout.write("Database already has data; demo data not loaded.")
        else:
            load_demo(SystemActor("demo data loader"))
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
            self.import_public_list()
        if not options["quiet_logins"]:
            self.print_logins()

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

    def print_logins(self) -> None:
        self.stdout.write(
            f"\nDemo sign-ins (http://127.0.0.1:8000/), password for all: {DEMO_PASSWORD}"
        )
        self.stdout.write("One-time code for any of them:  .venv/bin/access demo_otp USERNAME")
        self.stdout.write("Public 287(g) transparency page (no sign-in): /transparency/\n")
        for username, _first, _last, role, _ori in ACCOUNTS:
            self.stdout.write(f"  {username:<12} {role.replace('_', ' ')}")
        self.stdout.write("")
