from __future__ import annotations

from access.matching.calibrate import (
    NO_MATCH,
    POSSIBLE,
    PROBABLE,
    band,
    band_metrics,
    choose_thresholds,
    reliability,
)
from access.matching.explain import DIFFERENT_ID, SAME_ID_DIFFERENT_NAME
from access.matching.model import Model

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
    assert choose_thresholds([0.5], [False]) == {"possible": 0.1, "probable": 0.95}


def test_reliability_table() -> None:
    table = reliability([0.05, 0.15, 0.95, 0.97], [False, False, True, False], bins=10)
    assert table == [
        {"from": 0.0, "to": 0.1, "predicted": 0.05, "observed": 0.0, "n": 1},
        {"from": 0.1, "to": 0.2, "predicted": 0.15, "observed": 0.0, "n": 1},
        {"from": 0.9, "to": 1.0, "predicted": 0.96, "observed": 0.5, "n": 2},
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
    assert 0.01 <= trained.thresholds["possible"] <= trained.thresholds["probable"] < 1.0
    assert trained.thresholds["probable"] >= 0.5


def test_model_round_trips_through_json(trained: Model) -> None:
    again = Model.from_json(trained.to_json())
    assert again.settings == trained.settings
    assert again.thresholds == trained.thresholds
    assert again.tf == trained.tf
