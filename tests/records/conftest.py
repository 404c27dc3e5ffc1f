"""Fixtures for person records: the view grant (until roles.py seeds it) and a small store."""

from __future__ import annotations

from typing import Any

import pytest

from access.accounts.models import Grant, Role
from access.core.actors import SystemActor
from access.records.actions import load_table
from access.records.engine import basic_keys
from access.records.synthetic import generate

LOADER = SystemActor("test loader")


@pytest.fixture
def records_grant(db: Any) -> None:
    """The seeded roles give LESC analysts ``records.view_personrecord`` with scope all."""
    grant = Grant.objects.get(
        role=Role.objects.get(slug="lesc_analyst"), permission="records.view_personrecord"
    )
    assert grant.scope == "all"


@pytest.fixture(scope="session")
def small_population():
    return generate(300, 11)


@pytest.fixture
def loaded(db: Any, small_population):
    return load_table(
        LOADER, small_population.records, source_name="test population", key_function=basic_keys
    )
