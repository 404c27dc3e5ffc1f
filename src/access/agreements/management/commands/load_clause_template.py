"""``access load_clause_template FILE.json``: add a clause template version without code."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from access.agreements.actions import add_clause_template
from access.agreements.models import ClauseTemplate
from access.core.actors import SystemActor


class Command(BaseCommand):
    help = (
        "Add a clause template version from JSON: {model_code, version, effective_from "
        "(YYYY-MM-DD), term_months, note, sections: [{key, heading, text}]}. "
        "With --dump MODEL, print the version in effect today as a starting point."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", nargs="?", help="JSON file to load.")
        parser.add_argument(
            "--dump", metavar="MODEL", help="Print the current JEM/TFM/WSO template."
        )

    def handle(
        self, *args: Any, path: str | None = None, dump: str | None = None, **opts: Any
    ) -> None:
        if dump:
            template = ClauseTemplate.objects.filter(model_code=dump.upper()).first()
            if template is None:
                raise CommandError(f"No clause template for {dump!r}.")
            fields = ["model_code", "version", "effective_from", "term_months", "note", "sections"]
            data = {f: getattr(template, f) for f in fields}
            self.stdout.write(json.dumps(data, indent=2, default=str))
            return
        if not path:
            raise CommandError("Give a JSON file to load, or --dump MODEL.")
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        try:
            template = add_clause_template(SystemActor("load_clause_template"), **data)
        except (ValidationError, TypeError) as error:
            raise CommandError(f"Refused: {error}") from error
        self.stdout.write(f"Added {template}.")
