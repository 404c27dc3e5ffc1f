"""Scoring one query's candidates in-process: calibrated, banded, explained, ranked.

The public surface (callers outside ``matching`` use only these):

- ``Scorer(model)``: ``score`` (every row explained), ``shortlist`` (feature rows) and
  ``shortlist_online`` (rows of a mapped ``OnlineStore``) give one part's best ``limit * 3``;
  ``search`` is ``rank`` of one ``shortlist``; ``band`` / ``band_online`` give calibrated
  probabilities and bands of pairs scored in full (calibration, benchmarks);
- ``rank(shortlist, limit)``: the answer from one shortlist or several concatenated in store
  order (as one search over all their rows would answer);
- ``Matcher(model, store)``: the in-memory reference (``search``, ``candidate_rows``);
  ``compare`` scores one pair; ``labelled_pairs`` feeds the calibration.

Where candidates come from (in-memory index, database tables, online store) is the caller's
business: in the app, ``access.records.search`` is the one front door.
"""

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


def _heaviest(
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


def rank(
    shortlist: list[Candidate], limit: int = 10, include_no_match: bool = False
) -> list[Candidate]:
    """The answer: the best ``limit`` of one shortlist, or of several concatenated in store
    order (the union is cut to ``limit * 3`` by weight again, as one shortlist of all the rows
    would be), "probable" first, then by match weight; "no match" dropped unless
    ``include_no_match``."""
    found = sorted(shortlist, key=lambda c: -c.match_weight)[: max(limit * 3, limit)]
    if not include_no_match:
        found = [c for c in found if c.band != calibrate.NO_MATCH]
    found.sort(key=lambda c: (-(c.band == calibrate.PROBABLE), -c.match_weight))
    return found[:limit]


class Scorer:
    """One trained model, compiled once: scores, bands and explains candidates that a caller
    found (feature rows, or rows of an online store).

    ``shortlist`` / ``shortlist_online`` give one part's best ``limit * 3``; ``rank`` turns one
    or several parts into the answer, exactly as one search over all their rows would.
    ``search`` is both in one call."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.compiled = evaluate.compile_model(model)

    def score(self, query: Record, rows: Sequence[dict[str, Any]]) -> list[Candidate]:
        """Every feature row scored against ``query``, calibrated, banded and explained."""
        if not rows:
            return []
        scores = evaluate.score(self.compiled, features(query), rows)
        return _explained(self.model, self.compiled, _ids(rows), scores, range(len(rows)))

    def shortlist(
        self,
        query: Record,
        rows: Sequence[dict[str, Any]],
        limit: int = 10,
        include_no_match: bool = False,
        record_ids: Sequence[str] | None = None,
    ) -> list[Candidate]:
        """The best ``limit * 3`` of candidate feature ``rows``, heaviest first, for ``rank``.

        Every row is scored column-wise; unless ``include_no_match``, rows that cannot reach
        the *possible* band are dropped as soon as that is certain (a shared identifier never
        is). Candidates are named by ``record_ids`` (default: each row's ``unique_id``)."""
        if not rows:
            return []
        floor = None if include_no_match else reporting_floor(self.model)
        scores = column_scores(self.compiled, features(query), rows, floor)
        name = record_ids.__getitem__ if record_ids is not None else _ids(rows)
        return _heaviest(self.model, self.compiled, scores, name, limit)

    def shortlist_online(
        self,
        store: OnlineStore,
        query: Record,
        rows: np.ndarray,
        limit: int = 10,
        include_no_match: bool = False,
    ) -> list[Candidate]:
        """``shortlist`` of rows of an online store (``OnlineStore.candidates``), read in
        place; candidates are named by the store's record id."""
        if not len(rows):
            return []
        floor = None if include_no_match else reporting_floor(self.model)
        scores = _online_scores(self.compiled, store, query, rows, floor)
        ids = store.record_ids
        return _heaviest(self.model, self.compiled, scores, lambda j: str(int(ids[rows[j]])), limit)

    def search(
        self,
        query: Record,
        rows: Sequence[dict[str, Any]],
        limit: int = 10,
        include_no_match: bool = False,
    ) -> list[Candidate]:
        """The best of one query's candidate feature ``rows``, most likely first: ``rank`` of
        ``shortlist``. Ties in match weight keep the order of ``rows`` (give them in store
        order)."""
        found = self.shortlist(query, rows, limit, include_no_match)
        return rank(found, limit, include_no_match)

    def band(self, scores: evaluate.Scores) -> tuple[np.ndarray, list[str]]:
        """Calibrated probabilities and bands of pairs scored in full (after the safety
        rules), without explanations (calibration and benchmarks score millions of pairs)."""
        p = np.asarray(self.model.calibrated(scores.match_probability), dtype=float)
        found = calibrate.bands(
            p.tolist(),
            self.model.thresholds,
            rules.conflicts(self.compiled, scores.levels),
            rules.caps(self.compiled, scores.levels),
        )
        return p, found

    def band_online(
        self, store: OnlineStore, query: Record, rows: np.ndarray
    ) -> tuple[np.ndarray, list[str]]:
        """``band`` of every online-store row of one query, scored in full."""
        if not len(rows):
            return np.zeros(0), []
        return self.band(_online_scores(self.compiled, store, query, rows, None))


class Matcher:
    """One trained model over one in-memory store of records (its ``KeyIndex``): the engine's
    reference search, which the database and online-store sources are tested equal to."""

    def __init__(self, model: Model, store: Store) -> None:
        self.scorer = Scorer(model)
        self.model = model
        self.compiled = self.scorer.compiled
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

    def score(self, query: Record, rows: Sequence[int]) -> list[Candidate]:
        """Store ``rows`` scored against ``query``, every one explained (``Scorer.score``)."""
        return self.scorer.score(query, [self.store.rows[i] for i in rows])

    def band(self, query: Record, rows: Sequence[int]) -> tuple[np.ndarray, list[str]]:
        """Calibrated probabilities and bands of candidate rows (``Scorer.band``)."""
        if not rows:
            return np.zeros(0), []
        return self.scorer.band(self.column_scores(query, rows))

    def candidate_rows(self, query: Record) -> list[int]:
        """The store rows sharing a candidate key with ``query``, in store order."""
        return sorted(self.store.index.candidates(query_keys(query)))

    def search(
        self, query: Record, limit: int = 10, include_no_match: bool = False
    ) -> list[Candidate]:
        """The best candidates for one inquiry, most likely first (``Scorer.search``)."""
        rows = self.candidate_rows(query)
        if not rows:
            return []
        floor = None if include_no_match else reporting_floor(self.model)
        scores = self.column_scores(query, rows, floor)
        ids = self.store.rows
        found = _heaviest(
            self.model, self.compiled, scores, lambda j: str(ids[rows[j]]["unique_id"]), limit
        )
        return rank(found, limit, include_no_match)


def compare(model: Model, left: Record, right: Record) -> Candidate:
    """Score one pair (tests, the UI's side-by-side view)."""
    return Matcher(model, Store.build([right])).score(left, [0])[0]


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
            for i in matcher.candidate_rows(query)
            if matcher.store.rows[i]["unique_id"] != query.record_id
        ]
        p, found = matcher.band(query, rows)
        probs.append(p)
        bands += found
        labels.append(np.fromiter((person_ids[i] == person for i in rows), bool, len(rows)))
    # arrays, not lists of Python floats: calibration at a million records is ~25M pairs
    return (
        np.concatenate(probs or [np.zeros(0)]),
        np.concatenate(labels or [np.zeros(0, bool)]),
        bands,
    )
