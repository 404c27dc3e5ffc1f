"""Online inquiries: candidates from the key index, scored in-process, banded and explained."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from access.matching import calibrate, evaluate, explain, rules, vectorised
from access.matching.keys import query_keys
from access.matching.model import Model
from access.matching.normalize import features
from access.matching.online import OnlineStore, OnlineVocabulary
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
    return _explained(model, compiled, _ids(rows), scores, range(len(rows)))


def _ids(rows: Sequence[dict[str, Any]]) -> Callable[[int], str]:
    return lambda j: str(rows[j]["unique_id"])


def _explained(
    model: Model,
    compiled: evaluate.CompiledModel,
    record_id: Callable[[int], str],
    scores: evaluate.Scores,
    which: Iterable[int],
) -> list[Candidate]:
    """Candidates for pairs ``which`` (``record_id(j)`` names pair j's record), from their
    (unpruned) scores."""
    out = []
    for j in which:
        row = scores.row(j)
        why = explain.explain(compiled, scores.levels[row], scores.weights[row])
        p = float(model.calibrated(float(scores.match_probability[j])))
        out.append(
            Candidate(
                record_id=record_id(j),
                match_weight=float(scores.match_weight[j]),
                match_probability=p,
                band=calibrate.band_explained(p, model.thresholds, why),
                explanation=why,
            )
        )
    return out


def column_scores(
    compiled: evaluate.CompiledModel,
    query: dict[str, Any],
    rows: Sequence[dict[str, Any]],
    min_weight: float | None = None,
) -> evaluate.Scores:
    """``evaluate.score`` of one query's feature row against ``rows``, column-wise
    (``vectorised.score_pairs``, tested equal); with ``min_weight``, pairs that cannot reach it
    are dropped early and get a match weight of -inf."""
    vocabulary = vectorised.Vocabulary()
    right = vocabulary.encode(rows)  # first: a fresh vocabulary takes Arrow's codes whole
    left = vocabulary.encode([query])
    n = len(rows)
    li, ri = np.zeros(n, dtype=np.int64), np.arange(n, dtype=np.int64)
    return vectorised.score_pairs(compiled, vocabulary, left, right, li, ri, min_weight)


def reporting_floor(model: Model) -> float:
    """The match weight under which no pair reaches *possible* (worked out once per model and
    thresholds: the calibration is a grid search)."""
    key = (model.thresholds["possible"], id(model.calibration))
    cached = getattr(model, "_reporting_floor", None)
    if cached is None or cached[0] != key:
        cached = (key, vectorised.weight_below(model, model.thresholds["possible"]))
        model._reporting_floor = cached  # type: ignore[attr-defined]
    return float(cached[1])


def best(
    model: Model,
    compiled: evaluate.CompiledModel,
    query: Record,
    rows: Sequence[dict[str, Any]],
    limit: int = 10,
    include_no_match: bool = False,
) -> list[Candidate]:
    """The best of one query's candidate feature ``rows``, most likely first.

    Every row is scored column-wise; unless ``include_no_match``, rows that cannot reach the
    *possible* band are dropped as soon as that is certain (a shared identifier never is). The
    ``limit * 3`` heaviest (scored in full) are banded and explained from those scores. Ties
    in match weight keep the order of ``rows``."""
    found = rows_shortlist(model, compiled, query, rows, limit, include_no_match)
    return finish(found, limit, include_no_match)


def rows_shortlist(
    model: Model,
    compiled: evaluate.CompiledModel,
    query: Record,
    rows: Sequence[dict[str, Any]],
    limit: int = 10,
    include_no_match: bool = False,
    record_ids: Sequence[str] | None = None,
) -> list[Candidate]:
    """The ``shortlist`` of feature ``rows`` for ``finish`` (alone, or merged with another
    part's); candidates are named by ``record_ids`` (default: each row's ``unique_id``)."""
    if not rows:
        return []
    floor = None if include_no_match else reporting_floor(model)
    scores = column_scores(compiled, features(query), rows, floor)
    name = record_ids.__getitem__ if record_ids is not None else _ids(rows)
    return shortlist(model, compiled, scores, name, limit)


def best_online(
    model: Model,
    compiled: evaluate.CompiledModel,
    store: OnlineStore,
    query: Record,
    rows: np.ndarray,
    limit: int = 10,
    include_no_match: bool = False,
) -> list[Candidate]:
    """``best`` over rows of an online store (``OnlineStore.candidates``), read in place: the
    shortlist of ``limit * 3``, for ``finish`` (alone, or merged with another part's).
    ``record_id`` is the store's record id."""
    if not len(rows):
        return []
    floor = None if include_no_match else reporting_floor(model)
    scores = _online_scores(compiled, store, query, rows, floor)
    ids = store.record_ids
    return shortlist(model, compiled, scores, lambda j: str(int(ids[rows[j]])), limit)


def online_probabilities(
    model: Model,
    compiled: evaluate.CompiledModel,
    store: OnlineStore,
    query: Record,
    rows: np.ndarray,
) -> tuple[np.ndarray, list[str]]:
    """``Matcher.probabilities`` over rows of an online store: every candidate scored in
    full (the calibration and the benchmarks at ten million records)."""
    if not len(rows):
        return np.zeros(0), []
    return banded(model, compiled, _online_scores(compiled, store, query, rows, None))


def _online_scores(
    compiled: evaluate.CompiledModel,
    store: OnlineStore,
    query: Record,
    rows: np.ndarray,
    min_weight: float | None,
) -> evaluate.Scores:
    """One query against online-store ``rows``, read in place (``score_pairs``)."""
    vocabulary = OnlineVocabulary(store)
    left = vocabulary.encode([features(query)])
    li = np.zeros(len(rows), dtype=np.int64)
    return vectorised.score_pairs(compiled, vocabulary, left, store.encoded, li, rows, min_weight)


def banded(
    model: Model, compiled: evaluate.CompiledModel, scores: evaluate.Scores
) -> tuple[np.ndarray, list[str]]:
    """Calibrated probabilities and bands of pairs scored in full (after the safety rules)."""
    p = np.asarray(model.calibrated(scores.match_probability), dtype=float)
    found = calibrate.bands(
        p.tolist(),
        model.thresholds,
        rules.conflicts(compiled, scores.levels),
        rules.caps(compiled, scores.levels),
    )
    return p, found


def shortlist(
    model: Model,
    compiled: evaluate.CompiledModel,
    scores: evaluate.Scores,
    record_id: Callable[[int], str],
    limit: int,
) -> list[Candidate]:
    """The ``limit * 3`` heaviest pairs that were scored in full, explained, heaviest first
    (ties in pair order)."""
    weights = scores.match_weight
    order = np.argsort(-weights, kind="stable")[: max(limit * 3, limit)]
    order = order[np.isfinite(weights[order])]
    return _explained(model, compiled, record_id, scores, order.tolist())


def finish(found: list[Candidate], limit: int, include_no_match: bool) -> list[Candidate]:
    """The answer from one shortlist, or from several concatenated in store order (the union
    is cut to ``limit * 3`` by weight again, as one shortlist of all the rows would be)."""
    found = sorted(found, key=lambda c: -c.match_weight)[: max(limit * 3, limit)]
    if not include_no_match:
        found = [c for c in found if c.band != calibrate.NO_MATCH]
    found.sort(key=lambda c: (-(c.band == calibrate.PROBABLE), -c.match_weight))
    return found[:limit]


class Matcher:
    """One trained model over one store of records."""

    def __init__(self, model: Model, store: Store) -> None:
        self.model = model
        self.compiled = evaluate.compile_model(model)
        self.store = store

    @functools.cached_property
    def _encoded(self) -> tuple[vectorised.Vocabulary, vectorised.Encoded]:
        """The store's rows coded once: each query is coded against them (``Overlay``)."""
        vocabulary = vectorised.Vocabulary()
        return vocabulary, vocabulary.encode(self.store.rows)

    def column_scores(
        self, query: Record, rows: Sequence[int], min_weight: float | None = None
    ) -> evaluate.Scores:
        """``column_scores`` of ``query`` against store ``rows`` (tested equal), on the store's
        codes and kernel tables instead of a fresh vocabulary of the rows."""
        base, right = self._encoded
        vocabulary = vectorised.Overlay(base)
        left = vocabulary.encode([features(query)])
        ri = np.asarray(rows, dtype=np.int64)
        li = np.zeros(len(ri), dtype=np.int64)
        return vectorised.score_pairs(self.compiled, vocabulary, left, right, li, ri, min_weight)

    def score_pairs(self, query: Record, rows: Sequence[int]) -> list[Candidate]:
        return candidates(self.model, self.compiled, query, [self.store.rows[i] for i in rows])

    def probabilities(self, query: Record, rows: Sequence[int]) -> tuple[np.ndarray, list[str]]:
        """Calibrated probabilities and bands of candidate rows, without explanations (the
        calibration and the benchmarks score millions of pairs)."""
        if not rows:
            return np.zeros(0), []
        return banded(self.model, self.compiled, self.column_scores(query, rows))

    def candidates(self, query: Record) -> list[int]:
        return sorted(self.store.index.candidates(query_keys(query)))

    def search(
        self, query: Record, limit: int = 10, include_no_match: bool = False
    ) -> list[Candidate]:
        """The best candidates for one inquiry, most likely first (``best``)."""
        rows = self.candidates(query)
        if not rows:
            return []
        floor = None if include_no_match else reporting_floor(self.model)
        scores = self.column_scores(query, rows, floor)
        ids = self.store.rows
        found = shortlist(
            self.model, self.compiled, scores, lambda j: str(ids[rows[j]]["unique_id"]), limit
        )
        return finish(found, limit, include_no_match)


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
