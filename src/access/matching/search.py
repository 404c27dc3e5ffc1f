"""Online inquiries: candidates from the key index, scored in-process, banded and explained."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from access.matching import calibrate, evaluate, explain
from access.matching.keys import query_keys
from access.matching.model import Model
from access.matching.normalize import features
from access.matching.schema import Record
from access.matching.store import Store


@dataclass
class Candidate:
    """``match_probability`` is calibrated (``Model.calibrated``); ``match_weight`` is raw."""

    record_id: str
    match_weight: float
    match_probability: float
    band: str
    explanation: explain.Explanation


def candidates(
    model: Model, compiled: evaluate.CompiledModel, query: Record, rows: Sequence[dict[str, Any]]
) -> list[Candidate]:
    """Feature rows scored against one query, calibrated, banded and explained."""
    scores = evaluate.score(compiled, features(query), rows)
    out = []
    for j, row in enumerate(rows):
        why = explain.explain(compiled, scores.levels[j], scores.weights[j])
        p = float(model.calibrated(float(scores.match_probability[j])))
        out.append(
            Candidate(
                record_id=row["unique_id"],
                match_weight=float(scores.match_weight[j]),
                match_probability=p,
                band=calibrate.band(p, model.thresholds, why.conflict),
                explanation=why,
            )
        )
    return out


class Matcher:
    """One trained model over one store of records."""

    def __init__(self, model: Model, store: Store) -> None:
        self.model = model
        self.compiled = evaluate.compile_model(model)
        self.store = store

    def score_pairs(self, query: Record, rows: Sequence[int]) -> list[Candidate]:
        return candidates(self.model, self.compiled, query, [self.store.rows[i] for i in rows])

    def probabilities(self, query: Record, rows: Sequence[int]) -> tuple[np.ndarray, list[str]]:
        """Calibrated probabilities and bands of candidate rows, without explanations (the
        calibration and the benchmarks score millions of pairs)."""
        if not rows:
            return np.zeros(0), []
        scores = evaluate.score(self.compiled, features(query), [self.store.rows[i] for i in rows])
        p = self.model.calibrated(scores.match_probability)
        found = explain.conflicts(self.compiled, scores.levels)
        bands = [
            calibrate.band(float(x), self.model.thresholds, c)
            for x, c in zip(np.asarray(p).tolist(), found, strict=True)
        ]
        return np.asarray(p, dtype=float), bands

    def candidates(self, query: Record) -> list[int]:
        return sorted(self.store.index.candidates(query_keys(query)))

    def search(
        self, query: Record, limit: int = 10, include_no_match: bool = False
    ) -> list[Candidate]:
        """The best candidates for one inquiry, most likely first."""
        rows = self.candidates(query)
        if not rows:
            return []
        q = features(query)
        scores = evaluate.score(self.compiled, q, [self.store.rows[i] for i in rows])
        order = np.argsort(-scores.match_weight, kind="stable")[: max(limit * 3, limit)]
        found = self.score_pairs(query, [rows[j] for j in order])
        if not include_no_match:
            found = [c for c in found if c.band != calibrate.NO_MATCH]
        found.sort(key=lambda c: (-(c.band == calibrate.PROBABLE), -c.match_weight))
        return found[:limit]


def compare(model: Model, left: Record, right: Record) -> Candidate:
    """Score one pair (tests, the UI's side-by-side view)."""
    return Matcher(model, Store.build([right])).score_pairs(left, [0])[0]


def labelled_pairs(
    matcher: Matcher, queries: Iterable[tuple[Record, object]], person_ids: Sequence[object]
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Every candidate pair of each query with its probability, truth and band."""
    probs: list[np.ndarray] = []
    labels: list[np.ndarray] = []
    bands: list[str] = []
    for query, person in queries:
        rows = [
            i
            for i in matcher.candidates(query)
            if matcher.store.rows[i]["unique_id"] != query.record_id
        ]
        p, found = matcher.probabilities(query, rows)
        probs.append(p)
        bands += found
        labels.append(np.fromiter((person_ids[i] == person for i in rows), bool, len(rows)))
    # arrays, not lists of Python floats: calibration at a million records is ~25M pairs
    return (
        np.concatenate(probs or [np.zeros(0)]),
        np.concatenate(labels or [np.zeros(0, bool)]),
        bands,
    )
