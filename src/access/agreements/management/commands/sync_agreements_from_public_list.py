"""``access sync_agreements_from_public_list``: one agreement per entry of ICE's public list."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from access.agreements.sync import sync_from_public_list
from access.core.actors import SystemActor


class Command(BaseCommand):
    help = (
        "Create or update one agreement per entry of ICE's imported 287(g) list "
        "(participating: active; pending: pending). Duplicates are kept and flagged. Idempotent."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--operator", default="", help="Who runs it, for the audit trail.")

    def handle(self, *args: Any, operator: str = "", **options: Any) -> None:
        name = f"sync_agreements_from_public_list{f' by {operator}' if operator else ''}"
        report = sync_from_public_list(SystemActor(name))
        self.stdout.write(
            f"{report.created} created, {report.updated} updated, {report.unchanged} unchanged, "
            f"{report.flagged} flagged for review, {len(report.skipped)} skipped."
        )
        for line in report.skipped:
            self.stdout.write(f"  skipped {line}")
