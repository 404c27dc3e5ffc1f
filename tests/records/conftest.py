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


@pytest.fixture(scope="session")
def small_model(small_population):
    """A model trained once (EM without a database) on the small population."""
    import pyarrow as pa

    from access.matching.model import train
    from access.matching.normalize import features
    from access.matching.store import SCHEMA
    from access.records.synthetic import records_from_table

    rows = [features(record) for record, _row in records_from_table(small_population.records)]
    return train(pa.Table.from_pylist([dict(row, keys=None) for row in rows], schema=SCHEMA))


@pytest.fixture
def model_store(db: Any, small_population):
    """The small population loaded with the engine's own candidate keys (as a real load)."""
    return load_table(LOADER, small_population.records, source_name="test population")


@pytest.fixture
def trained_version(model_store, small_model):
    """Version 1 of the model, trained (not calibrated), over ``model_store``."""
    from access.records.actions import store_trained
    from access.records.model_lifecycle import Trained

    return store_trained(
        LOADER, Trained(small_model, model_store.records, model_store.records, "test sample")
    )
