"""One model per test session, trained by EM on a small synthetic population and calibrated."""

from __future__ import annotations

import pytest

from access.matching import calibrate, search
from access.matching.model import Model, train
from access.matching.store import Store, features_table
from access.matching.testdata import population


@pytest.fixture(scope="session")
def population_small() -> tuple[list, list[int]]:
    return population(1200, seed=11)


@pytest.fixture(scope="session")
def trained(population_small: tuple[list, list[int]]) -> Model:
    records, persons = population_small
    model = train(features_table(records))
    matcher = search.Matcher(model, Store.build(records))
    probs, labels, _bands = search.labelled_pairs(
        matcher, zip(records, persons, strict=True), persons
    )
    model.calibration = calibrate.fit_isotonic(probs, labels)
    model.thresholds = calibrate.choose_thresholds(model.calibrated(probs), labels)
    return model
