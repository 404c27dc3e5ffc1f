"""``access audit verify``: check the hash chain; exit 0 intact, 1 with the first break."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from access.audit.verify import verify_chain


class Command(BaseCommand):
    help = "Audit trail tools. 'verify' checks the hash chain of every event."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser(
            "verify", help="Check every event's hash and link; exit 1 on the first break."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        checked, broken = verify_chain()
        if broken is None:
            self.stdout.write(f"audit chain intact: {checked} events verified")
            return
        self.stderr.write(str(broken))
        sys.exit(1)
