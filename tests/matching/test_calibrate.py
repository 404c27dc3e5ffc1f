from __future__ import annotations

import numpy as np

from access.matching import search
from access.matching.calibrate import (
    NO_MATCH,
    POSSIBLE,
    PROBABLE,
    band,
    band_metrics,
    choose_thresholds,
    fit_isotonic,
    reliability,
)
from access.matching.explain import DIFFERENT_ID, SAME_ID_DIFFERENT_NAME
from access.matching.model import Model
from access.matching.store import Store

THRESHOLDS = {"possible": 0.2, "probable": 0.9}


def test_bands_and_conflicts() -> None:
    assert band(0.95, THRESHOLDS) == PROBABLE
    assert band(0.5, THRESHOLDS) == POSSIBLE
    assert band(0.1, THRESHOLDS) == NO_MATCH
    assert band(0.99, THRESHOLDS, DIFFERENT_ID) == POSSIBLE
    assert band(0.01, THRESHOLDS, DIFFERENT_ID) == NO_MATCH
    assert band(0.01, THRESHOLDS, SAME_ID_DIFFERENT_NAME) == POSSIBLE
    assert band(0.99, THRESHOLDS, SAME_ID_DIFFERENT_NAME) == POSSIBLE


def test_thresholds_from_labelled_pairs() -> None:
    probs = [0.99, 0.97, 0.95, 0.9, 0.8, 0.6, 0.3, 0.1, 0.05, 0.01]
    labels = [True, True, True, True, False, True, False, False, True, False]
    chosen = choose_thresholds(probs, labels, probable_precision=0.98, possible_recall=0.8)
    assert chosen == {"possible": 0.6, "probable": 0.9}


def test_thresholds_without_any_true_pair_fall_back() -> None:
    assert choose_thresholds([0.5], [False]) == {"possible": 0.5, "probable": 0.99}


def test_reliability_table() -> None:
    table = reliability([0.05, 0.15, 0.95, 0.97], [False, False, True, False], bins=10)
    assert table == [
        {"from": 0.0, "to": 0.1, "predicted": 0.05, "observed": 0.0, "n": 1, "margin": 0.4359},
        {"from": 0.1, "to": 0.2, "predicted": 0.15, "observed": 0.0, "n": 1, "margin": 0.7141},
        {"from": 0.9, "to": 1.0, "predicted": 0.96, "observed": 0.5, "n": 2, "margin": 0.2771},
    ]


def test_band_metrics() -> None:
    metrics = band_metrics([PROBABLE, PROBABLE, POSSIBLE, NO_MATCH], [True, False, True, True])
    assert metrics == {
        "probable_precision": 0.5,
        "probable_recall": 0.3333,
        "possible_precision": 0.6667,
        "possible_recall": 0.6667,
    }


def test_session_model_thresholds_are_ordered(trained: Model) -> None:
    assert 0.01 <= trained.thresholds["possible"] <= trained.thresholds["probable"] <= 1.0
    assert trained.thresholds["probable"] >= 0.5


def test_model_round_trips_through_json(trained: Model) -> None:
    again = Model.from_json(trained.to_json())
    assert again.settings == trained.settings
    assert again.thresholds == trained.thresholds
    assert again.tf == trained.tf


def test_isotonic_mapping_is_monotone_and_pools_violators() -> None:
    mapping = fit_isotonic([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [False, True, False, True, True, True])
    assert mapping is not None
    x, y = np.array(mapping["x"]), np.array(mapping["y"])
    assert (np.diff(x) > 0).all() and (np.diff(y) >= 0).all()
    # 0.2 (true) and 0.3 (false) violate the order and are pooled at 0.5
    assert np.interp([0.1, 0.2, 0.3, 0.6], x, y).tolist() == [0.0, 0.5, 0.5, 1.0]
    assert fit_isotonic([0.5, 0.6], [True, True]) is None  # nothing to learn


def test_model_applies_the_mapping_monotonically() -> None:
    rng = np.random.default_rng(3)
    raw = rng.random(5000)
    labels = rng.random(5000) < raw**2  # overconfident raw probabilities
    model = Model({}, {}, calibration=fit_isotonic(raw, labels))
    grid = np.linspace(0, 1, 501)
    out = model.calibrated(grid)
    assert (np.diff(out) >= 0).all()
    assert abs(model.calibrated(0.7) - 0.49) < 0.06
    assert Model.from_json(model.to_json()).calibration == model.calibration


def test_calibration_holds_on_held_out_labelled_pairs() -> None:
    """Fit on one labelled sample, check every well-filled bin of another within 5 points."""
    rng = np.random.default_rng(5)

    def sample(n: int) -> tuple[np.ndarray, np.ndarray]:
        raw = rng.random(n)
        return raw, rng.random(n) < raw**3

    model = Model({}, {}, calibration=fit_isotonic(*sample(20_000)))
    held_raw, held_labels = sample(20_000)
    for row in reliability(model.calibrated(held_raw), held_labels):
        if row["n"] >= 500:
            assert abs(row["predicted"] - row["observed"]) <= 0.05, row


def test_session_thresholds_meet_the_precision_target(
    trained: Model, population_small: tuple[list, list[int]]
) -> None:
    records, persons = population_small
    matcher = search.Matcher(trained, Store.build(records))
    _probs, labels, bands = search.labelled_pairs(
        matcher, zip(records, persons, strict=True), persons
    )
    assert trained.calibration is not None
    assert band_metrics(bands, labels)["probable_precision"] >= 0.999


def test_small_blocks_are_pooled_keeping_the_fit_monotone_and_its_rates_observed() -> None:
    rng = np.random.default_rng(11)
    raw = rng.random(20_000)
    labels = rng.random(20_000) < raw**3
    plain, pooled = fit_isotonic(raw, labels), fit_isotonic(raw, labels, min_block=500)
    assert plain is not None and pooled is not None
    assert len(pooled["x"]) < len(plain["x"])
    x, y = np.array(pooled["x"]), np.array(pooled["y"])
    assert (np.diff(x) > 0).all() and (np.diff(y) >= 0).all()
    model = Model({}, {}, calibration=pooled)
    # every pair sits inside a block, so the fitted rates add up to the labels
    assert abs(float(np.sum(model.calibrated(raw))) - int(labels.sum())) < 1e-6 * len(raw)
    # each block (a pair of knots at one rate) holds at least 500 pairs
    _levels, first = np.unique(y, return_index=True)
    edges = [*x[first].tolist(), 1.01]
    held = np.histogram(raw, bins=edges)[0]
    assert held.min() >= 500, held
