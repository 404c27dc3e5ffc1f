"""Calibration against labelled pairs, and the three bands.

Splink's probabilities assume independent comparisons and come out overconfident in the
middle range. ``fit_isotonic`` fits a monotone mapping from that raw probability to the observed
match rate on labelled pairs (pool-adjacent-violators); it is stored in the model JSON
(``Model.calibration``) and applied to every probability either evaluator reports
(``Model.calibrated``). Match weights stay raw.

Bands (on the calibrated probability, thresholds chosen here from labelled pairs):

- ``probable`` (verify): the lowest threshold at which the pairs at or above it are true
  matches at least ``probable_precision`` of the time (default 99.9%), never below 0.5;
- ``possible`` (review): the highest threshold that still keeps ``possible_recall`` (default
  99%) of the true matches at or above it, kept between ``MIN_POSSIBLE`` and ``probable``;
- ``no match`` below that.

The safety rules (``rules``) apply after that on every path: a conflict or a cap (a name
alone, a possible twin) keeps a pair at ``possible`` at most; a shared identifier with a
different name is raised to ``possible`` so a person looks at it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from access.matching.explain import Explanation
from access.matching.model import DEFAULT_THRESHOLDS as MODEL_DEFAULT_THRESHOLDS
from access.matching.rules import SAME_ID_DIFFERENT_NAME

NO_MATCH, POSSIBLE, PROBABLE = "no match", "possible", "probable"
BANDS = (NO_MATCH, POSSIBLE, PROBABLE)
MIN_POSSIBLE = 0.01
DEFAULT_THRESHOLDS = MODEL_DEFAULT_THRESHOLDS  # one default for every path


def band(
    probability: float, thresholds: dict[str, float], conflict: str = "", cap: str = ""
) -> str:
    """The band of a calibrated probability, after the safety rules (``rules.conflicts`` and
    ``rules.caps`` of the pair)."""
    if probability >= thresholds["probable"]:
        result = PROBABLE
    elif probability >= thresholds["possible"]:
        result = POSSIBLE
    else:
        result = NO_MATCH
    if conflict == SAME_ID_DIFFERENT_NAME:
        return POSSIBLE  # a shared identifier is never dismissed, nor taken as a match
    if (conflict or cap) and result == PROBABLE:
        return POSSIBLE
    return result


def band_explained(probability: float, thresholds: dict[str, float], why: Explanation) -> str:
    """``band`` of an explained pair; when a cap lowered it, the explanation says so."""
    result = band(probability, thresholds, why.conflict, why.cap)
    if why.cap and result != PROBABLE and band(probability, thresholds) == PROBABLE:
        why.notes.append(why.cap)
    return result


def bands(
    probabilities: Sequence[float],
    thresholds: dict[str, float],
    conflicts: Sequence[str],
    caps: Sequence[str],
) -> list[str]:
    """``band`` of many pairs (``rules.conflicts`` and ``rules.caps`` of their levels)."""
    return [
        band(p, thresholds, c, k) for p, c, k in zip(probabilities, conflicts, caps, strict=True)
    ]


def reliability(
    probabilities: ArrayLike, labels: ArrayLike, bins: int = 10
) -> list[dict[str, Any]]:
    """Predicted against observed match rate per probability bin (empty bins omitted), with
    ``margin``: two standard errors of an observed rate over ``n`` pairs whose true rate is
    the predicted one. A bin of a few pairs can sit far from its prediction by chance alone;
    a gap wider than its margin is evidence of miscalibration."""
    p = np.asarray(probabilities, dtype=float)
    y = np.asarray(labels, dtype=bool)
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)
    out = []
    for b in range(bins):
        mask = which == b
        n = int(mask.sum())
        if n:
            predicted = float(p[mask].mean())
            out.append(
                {
                    "from": round(float(edges[b]), 2),
                    "to": round(float(edges[b + 1]), 2),
                    "predicted": round(predicted, 4),
                    "observed": round(float(y[mask].mean()), 4),
                    "n": n,
                    "margin": round(2 * float(np.sqrt(predicted * (1 - predicted) / n)), 4),
                }
            )
    return out


def _pav(values: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pool adjacent violators: the non-decreasing fit of ``values`` (in order) by weighted
    least squares. Returns each block's value, weight and the index of its first element."""
    level: list[float] = []
    weight: list[float] = []
    start: list[int] = []
    for i, (v, w) in enumerate(zip(values.tolist(), weights.tolist(), strict=True)):
        level.append(v)
        weight.append(w)
        start.append(i)
        while len(level) > 1 and level[-2] >= level[-1]:
            w_sum = weight[-2] + weight[-1]
            level[-2] = (level[-2] * weight[-2] + level[-1] * weight[-1]) / w_sum
            weight[-2] = w_sum
            level.pop()
            weight.pop()
            start.pop()
    return np.array(level), np.array(weight), np.array(start, dtype=np.int64)


def _merge_small(
    level: np.ndarray, weight: np.ndarray, start: np.ndarray, min_block: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Adjacent blocks pooled, left to right, until each holds at least ``min_block`` pairs (a
    short remainder joins the last block). Pooling neighbours of a non-decreasing fit keeps
    it non-decreasing, and every block's rate stays the observed rate of its pairs."""
    out_level: list[float] = []
    out_weight: list[float] = []
    out_start: list[int] = []
    total = mass = 0.0
    first = -1
    for v, w, i in zip(level.tolist(), weight.tolist(), start.tolist(), strict=True):
        if first < 0:
            first = i
        total, mass = total + w, mass + v * w
        if total >= min_block:
            out_level.append(mass / total)
            out_weight.append(total)
            out_start.append(first)
            total = mass = 0.0
            first = -1
    if first >= 0:
        if out_level:
            w = out_weight[-1] + total
            out_level[-1] = (out_level[-1] * out_weight[-1] + mass) / w
            out_weight[-1] = w
        else:
            out_level, out_weight, out_start = [mass / total], [total], [first]
    return np.array(out_level), np.array(out_weight), np.array(out_start, dtype=np.int64)


def fit_isotonic(
    probabilities: ArrayLike, labels: ArrayLike, min_block: int = 0
) -> dict[str, list[float]] | None:
    """A monotone map from raw probability to observed match rate (``None`` without data).

    Knots ``x`` (raw) -> ``y`` (calibrated), linear in between and flat beyond the ends: each
    pooled block contributes its lowest and highest raw probability at the block's rate. With
    ``min_block``, adjacent blocks are pooled until each holds that many pairs: where pairs
    are sparse (the middle of the range) the plain fit follows the noise of a few pairs per
    block, and new pairs then land above or below it.
    """
    p = np.asarray(probabilities, dtype=float)
    y = np.asarray(labels, dtype=float)
    if len(p) < 2 or y.min() == y.max():
        return None
    unique, inverse, counts = np.unique(p, return_inverse=True, return_counts=True)
    rate = np.bincount(inverse, weights=y) / counts
    level, weight, start = _pav(rate, counts.astype(float))
    if min_block > 1:
        level, weight, start = _merge_small(level, weight, start, float(min_block))
    end = np.r_[start[1:], len(unique)] - 1
    x = np.column_stack([unique[start], unique[end]]).ravel()
    fitted = np.repeat(level, 2)
    keep = np.r_[True, np.diff(x) > 0]  # single-value blocks give one knot
    return {"x": x[keep].tolist(), "y": fitted[keep].tolist()}


def choose_thresholds(
    probabilities: ArrayLike,
    labels: ArrayLike,
    probable_precision: float = 0.999,
    possible_recall: float = 0.99,
) -> dict[str, float]:
    p = np.asarray(probabilities, dtype=float)
    y = np.asarray(labels, dtype=bool)
    if not len(p) or not y.any():
        return dict(DEFAULT_THRESHOLDS)
    order = np.argsort(-p, kind="stable")
    p_sorted, y_sorted = p[order], y[order]
    true_above = np.cumsum(y_sorted)
    precision = true_above / np.arange(1, len(p) + 1)
    recall = true_above / y.sum()
    # Only thresholds at the last of tied probabilities are real cut points.
    cut = np.r_[p_sorted[1:] != p_sorted[:-1], True]
    ok = cut & (precision >= probable_precision)
    probable = float(p_sorted[np.flatnonzero(ok)[-1]]) if ok.any() else 1.0
    probable = max(probable, 0.5)
    reach = cut & (recall >= possible_recall)
    possible = float(p_sorted[np.flatnonzero(reach)[0]]) if reach.any() else MIN_POSSIBLE
    possible = min(max(possible, MIN_POSSIBLE), probable)
    return {"possible": possible, "probable": probable}


def band_metrics(bands: Sequence[str], labels: ArrayLike) -> dict[str, float]:
    """Precision and recall of "probable" and of "possible or better" over labelled pairs."""
    b = np.asarray(bands)
    y = np.asarray(labels, dtype=bool)
    out: dict[str, float] = {}
    for name, mask in (("probable", b == PROBABLE), ("possible", b != NO_MATCH)):
        hits = int((mask & y).sum())
        out[f"{name}_precision"] = round(hits / int(mask.sum()), 4) if mask.any() else 0.0
        out[f"{name}_recall"] = round(hits / int(y.sum()), 4) if y.any() else 0.0
    return out
