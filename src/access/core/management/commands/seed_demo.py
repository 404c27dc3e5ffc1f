"""Load demo data when the database is empty (``make run`` calls this)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from access.accounts.models import User
from access.core.actors import SystemActor
from access.core.demo import ACCOUNTS, DEMO_PASSWORD, load_demo


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
        if not options["quiet_logins"]:
            self.print_logins()

    def print_logins(self) -> None:
        self.stdout.write(
            f"\nDemo sign-ins (http://127.0.0.1:8000/), password for all: {DEMO_PASSWORD}"
        )
        self.stdout.write("One-time code for any of them:  .venv/bin/access demo_otp USERNAME\n")
        for username, _first, _last, role, _ori in ACCOUNTS:
            self.stdout.write(f"  {username:<12} {role.replace('_', ' ')}")
        self.stdout.write("")
