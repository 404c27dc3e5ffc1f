"""Seed reference data: the detainer form's versions (effective-dated; DOMAIN.md section 2).

A new edition is a new row with a later ``effective_from`` and the old row closed, added by a
data migration that calls ``seed``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

# (form, edition, title, effective from, effective until)
FORMS: list[tuple[str, str, str, date, date | None]] = [
    ("I-247A", "03/17", "Immigration Detainer - Notice of Action", date(2017, 4, 2), None),
]


def seed(apps: Any, schema_editor: Any) -> None:
    model = apps.get_model("detention", "DetainerForm")
    for number, edition, title, start, end in FORMS:
        model.objects.update_or_create(
            number=number,
            edition=edition,
            defaults={"title": title, "effective_from": start, "effective_until": end},
        )
