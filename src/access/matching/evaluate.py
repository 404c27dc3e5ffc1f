"""The in-process evaluator: the trained model's levels and weights, without a database.

Splink runs the model as SQL; here the same ``model.COMPARISONS`` become Python predicates
evaluated column-wise over a query's candidates (rapidfuzz for string similarity, numpy for
the weights). ``tests/matching/test_evaluator_equals_splink.py`` proves both give the same
match weights. Splink's arithmetic is reproduced exactly: level weight ``log2(m/u)`` (null
levels 0), term-frequency adjustment ``w * (log2(u_exact) - log2(max(tf_l, tf_r, tf_min)))``
on exact levels, and the prior ``log2(p/(1-p))``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from rapidfuzz.distance import DamerauLevenshtein, JaroWinkler

from access.matching.model import COMPARISONS, Comparison, Level, Model, prior_weight

NULL_KINDS = ("null", "id_null", "addr_null")
Row = dict[str, Any]


@dataclass
class CompiledLevel:
    spec: Level
    weight: float  # log2(m/u); 0 for null levels
    gamma: int  # Splink's comparison vector value
    tf_col: str | None
    tf_weight: float
    tf_min_u: float
    log2_u_exact: float


@dataclass
class CompiledModel:
    comparisons: list[tuple[Comparison, list[CompiledLevel]]]
    prior_weight: float
    tf: dict[str, dict[str, float]]
    thresholds: dict[str, float]


def compile_model(model: Model) -> CompiledModel:
    """Read weights through Splink's own settings objects, so clamps and defaults agree."""
    from splink.internals.settings_creator import SettingsCreator

    settings = SettingsCreator.from_path_or_dict(model.settings).get_settings("duckdb")
    compiled = []
    for spec, comparison in zip(COMPARISONS, settings.comparisons, strict=True):
        levels = comparison.comparison_levels
        out = []
        for level_spec, level in zip(spec.levels, levels, strict=True):
            tf_col = level._tf_adjustment_input_column_name if level._has_tf_adjustments else None
            log2_u = (
                math.log2(level._u_probability_corresponding_to_exact_match(levels))
                if tf_col
                else 0.0
            )
            out.append(
                CompiledLevel(
                    spec=level_spec,
                    weight=0.0 if level.is_null_level else float(level._match_weight),
                    gamma=int(level.comparison_vector_value),
                    tf_col=tf_col,
                    tf_weight=float(level._tf_adjustment_weight or 0.0),
                    tf_min_u=float(level._tf_minimum_u_value or 0.0),
                    log2_u_exact=log2_u,
                )
            )
        compiled.append((spec, out))
    return CompiledModel(compiled, prior_weight(model.prior), model.tf, dict(model.thresholds))


# --- level predicates: (query row, candidate rows) -> boolean mask -------------------------


def _values(rows: Sequence[Row], col: str) -> list[Any]:
    return [r[col] for r in rows]


def _mask(q: Row, rows: Sequence[Row], level: Level) -> np.ndarray:
    kind, col = level.kind, level.col
    n = len(rows)
    if kind == "else":
        return np.ones(n, dtype=bool)
    if kind == "null":
        if q[col] is None:
            return np.ones(n, dtype=bool)
        return np.array([v is None for v in _values(rows, col)], dtype=bool)
    if kind == "id_null":
        if q["ids"] is None:
            return np.ones(n, dtype=bool)
        kinds = set(q["id_kinds"] or ())
        return np.array(
            [r["ids"] is None or not kinds.intersection(r["id_kinds"] or ()) for r in rows],
            dtype=bool,
        )
    if kind == "addr_null":
        return np.array(
            [
                (q["postcode"] is None or r["postcode"] is None)
                and (q["city"] is None or r["city"] is None)
                for r in rows
            ],
            dtype=bool,
        )
    qv = q[col]
    if kind == "contains":
        tokens_col = level.arg
        q_tokens = set(q[tokens_col] or ())
        return np.array(
            [
                (qv is not None and qv in (r[tokens_col] or ()))
                or (r[col] is not None and r[col] in q_tokens)
                for r in rows
            ],
            dtype=bool,
        )
    if kind == "swapped":
        other = q[level.arg]
        return np.array(
            [r[col] is not None and other is not None and r[col] == other for r in rows],
            dtype=bool,
        )
    if qv is None:
        return np.zeros(n, dtype=bool)
    values = _values(rows, col)
    if kind == "exact":
        return np.array([v is not None and v == qv for v in values], dtype=bool)
    if kind == "intersect":
        q_set = set(qv)
        return np.array([v is not None and not q_set.isdisjoint(v) for v in values], dtype=bool)
    if kind == "jw":
        return np.array(
            [v is not None and JaroWinkler.similarity(qv, v) >= level.arg for v in values],
            dtype=bool,
        )
    if kind == "dl1":
        return np.array(
            [
                v is not None
                and len(qv) == 10
                and len(v) == 10
                and DamerauLevenshtein.distance(qv, v, score_cutoff=1) <= 1
                for v in values
            ],
            dtype=bool,
        )
    if kind == "prefix7":
        return np.array(
            [v is not None and len(qv) >= 7 and len(v) >= 7 and v[:7] == qv[:7] for v in values],
            dtype=bool,
        )
    raise ValueError(f"unknown level kind {kind!r}")


@dataclass
class Scores:
    """Scores of one query against candidates (``match_weight`` and ``match_probability``
    aligned with the candidate rows). ``levels`` and ``weights`` have a row per candidate,
    or, when ``scored`` is set, per candidate scored in full (``scored``, ascending: the
    others were dropped with a match weight of -inf)."""

    match_weight: np.ndarray
    match_probability: np.ndarray
    levels: np.ndarray  # (candidates, comparisons): index into each comparison's levels
    weights: np.ndarray  # (candidates, comparisons): weight incl. term-frequency adjustment
    scored: np.ndarray | None = None

    def row(self, candidate: int) -> int:
        """The row of ``levels`` and ``weights`` that holds ``candidate`` (scored in full)."""
        if self.scored is None:
            return candidate
        return int(np.searchsorted(self.scored, candidate))


def _tf_adjustment(model: CompiledModel, level: CompiledLevel, q: Row, r: Row) -> float:
    if level.tf_col is None:
        raise ValueError("term-frequency adjustment asked for a level without a tf column")
    table = model.tf.get(level.tf_col, {})
    tf_l = table.get(q[level.tf_col]) if q[level.tf_col] is not None else None
    tf_r = table.get(r[level.tf_col]) if r[level.tf_col] is not None else None
    # Splink: greatest(coalesce(tf_l, tf_r), coalesce(tf_r, tf_l), tf_minimum_u_value)
    known = [v for v in (tf_l, tf_r) if v is not None]
    if not known:
        return 0.0
    tf = max(*known, level.tf_min_u)
    return level.tf_weight * (level.log2_u_exact - math.log2(tf))


def probability(match_weight: np.ndarray) -> np.ndarray:
    """Splink's numerically stable 2^w / (1 + 2^w)."""
    w = np.asarray(match_weight, dtype=float)
    e = np.exp2(-np.abs(w))
    return np.where(w >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def score(model: CompiledModel, query: Row, rows: Sequence[Row]) -> Scores:
    """Score one query row against candidate rows (feature dicts from ``normalize.features``)."""
    n, k = len(rows), len(model.comparisons)
    levels = np.full((n, k), -1, dtype=np.int64)
    weights = np.zeros((n, k), dtype=float)
    for j, (_spec, compiled) in enumerate(model.comparisons):
        open_ = np.ones(n, dtype=bool)
        for i, level in enumerate(compiled):
            if not open_.any():
                break
            hit = open_ & _mask(query, rows, level.spec)
            if hit.any():
                levels[hit, j] = i
                weights[hit, j] = level.weight
                if level.tf_col:
                    for row in np.flatnonzero(hit):
                        weights[row, j] += _tf_adjustment(model, level, query, rows[int(row)])
                open_ &= ~hit
    match_weight = model.prior_weight + weights.sum(axis=1)
    return Scores(match_weight, probability(match_weight), levels, weights)
