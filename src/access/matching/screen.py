"""Screening a roster against the store in bulk: candidate pairs from the key index, scored
column-wise (``vectorised``), banded and explained like an online inquiry.

A jail roster is tens of thousands of bookings at once. Each roster row looks up
``keys.query_keys`` (the keys an inquiry looks up) in a published online store's sorted keys
(``key_pairs``, compiled lookups); the pairs of a chunk of rows are scored at once by the
compiled kernel and only pairs at or above ``min_probability`` are kept.
"""

from __future__ import annotations

import multiprocessing as mp
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from access.matching import calibrate, explain, lookups, rules, vectorised
from access.matching.evaluate import CompiledModel, compile_model
from access.matching.keys import query_keys
from access.matching.model import Model
from access.matching.normalize import features
from access.matching.online import OnlineStore, OnlineVocabulary
from access.matching.schema import Record

CHUNK = 2_000  # roster rows scored together (bounds memory: about 1,000 candidates each)
MIN_PROBABILITY = 0.001  # pairs below this calibrated probability are not reported


def key_pairs(
    store: OnlineStore, key_sets: Sequence[Iterable[str]]
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (position in ``key_sets``, store row) pairs sharing a key, ordered by store
    row (keys over their cap were left out when the store was built): every key bisected for
    in the store's sorted keys at once."""
    owner = array("q")
    flat: list[str] = []
    for i, keys in enumerate(key_sets):
        before = len(flat)
        flat.extend(keys)
        owner.extend([i] * (len(flat) - before))
    if not flat or not len(store.keys):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    table = store.keys
    ranks = lookups.find_all(table.data, table.offsets, pa.array(flat, type=pa.string()))
    found = ranks >= 0
    return lookups.posted_pairs(
        np.frombuffer(owner, dtype=np.int64)[found], ranks[found],
        np.asarray(store.posting_offsets), np.asarray(store.posting_rows), len(store),
    )  # fmt: skip


def _chunks(roster: Sequence[Record]) -> list[Sequence[Record]]:
    return [roster[i : i + CHUNK] for i in range(0, len(roster), CHUNK)]


def _gathered(
    results: Iterable[tuple[list[dict[str, Any]], int]], progress: Callable[[int], None] | None
) -> list[dict[str, Any]]:
    """The pairs of every chunk (as they finish), most likely first."""
    out: list[dict[str, Any]] = []
    for rows, done in results:
        out += rows
        if progress:
            progress(done)
    out.sort(key=lambda r: (-r["match_probability"], str(r["left_id"]), str(r["right_id"])))
    return out


def _columns(screener: OnlineScreener, levels: list[int], weights: list[float]) -> dict[str, Any]:
    """``explain.explain(...).as_columns()``; labels and notes depend on the levels only,
    so they are worked out once per combination of levels."""
    combo = tuple(levels)
    fixed = screener._labels.get(combo)
    if fixed is None:
        fixed = explain.explain(screener.compiled, combo, [0.0] * len(combo)).as_columns()
        fixed = {k: v for k, v in fixed.items() if not k.endswith("_weight")}
        screener._labels[combo] = fixed
    out = dict(fixed)
    out.update(zip(screener._weight_columns, [round(w, 4) for w in weights], strict=True))
    return out


def _pairs_out(
    screener: OnlineScreener,
    vocabulary: vectorised.Vocabulary,
    left: vectorised.Encoded,
    right: vectorised.Encoded,
    rows: Sequence[Record],
    li: np.ndarray,
    ri: np.ndarray,
    right_id: Callable[[int], Any],
) -> list[dict[str, Any]]:
    """The pairs (roster row ``li[k]``, store row ``ri[k]``) at or above the screener's
    ``min_probability`` or banded above *no match*, with band and explanation columns."""
    if not li.size:
        return []
    model = screener.model
    scores = vectorised.score_pairs(
        screener.compiled, vocabulary, left, right, li, ri, screener.min_weight
    )
    # the pairs scored in full; levels and weights hold their rows in this order
    kept = scores.scored if scores.scored is not None else np.arange(len(li))
    p = np.asarray(model.calibrated(scores.match_probability[kept]), dtype=float)
    conflicts = rules.conflicts(screener.compiled, scores.levels)
    caps = rules.caps(screener.compiled, scores.levels)
    # Python lists once, rather than a numpy scalar per field of every pair
    columns = zip(
        li[kept].tolist(), ri[kept].tolist(), p.tolist(), scores.match_weight[kept].tolist(),
        scores.levels.tolist(), scores.weights.tolist(), conflicts, caps, strict=True,
    )  # fmt: skip
    out = []
    for left_row, right_row, probability, weight, levels, weights, conflict, cap in columns:
        cap = "" if conflict else cap
        band = calibrate.band(probability, model.thresholds, conflict, cap)
        if probability < screener.min_probability and band == calibrate.NO_MATCH:
            continue
        row = {
            "left_id": rows[left_row].record_id,
            "right_id": right_id(right_row),
            "match_probability": round(probability, 6),
            "band": band,
            "match_weight": round(weight, 4),
            **_columns(screener, levels, weights),
        }
        if cap and band != calibrate.PROBABLE and probability >= model.thresholds["probable"]:
            row["notes"] = "; ".join(x for x in (row["notes"], cap) if x)  # as band_explained
        out.append(row)
    return out


@dataclass
class OnlineScreener:
    """Rosters screened against a published online store (``online.OnlineStore``) in worker
    processes that each map the same files: nothing to encode, and workers are spawned, so
    they inherit nothing of the parent's heap or threads. ``right_id`` of a pair is the
    store's record id."""

    model: Model
    directory: Path
    min_probability: float = MIN_PROBABILITY
    precompiled: CompiledModel | None = None  # compile_model(model), given to spare the work

    def __post_init__(self) -> None:
        self.compiled = self.precompiled or compile_model(self.model)
        self.min_weight = vectorised.weight_below(self.model, self.min_probability)
        self._labels: dict[tuple[int, ...], dict[str, Any]] = {}
        self._weight_columns = [f"{spec.name}_weight" for spec, _c in self.compiled.comparisons]
        self._store: OnlineStore | None = None

    def chunk(self, rows: Sequence[Record]) -> list[dict[str, Any]]:
        if self._store is None:
            self._store = OnlineStore(self.directory)
            self._store.encoded.columns(self._store.utf8)  # the kernel's copy, made once
        store = self._store
        vocabulary = OnlineVocabulary(store)
        left = vocabulary.encode([features(r) for r in rows])
        li, ri = key_pairs(store, [query_keys(r) for r in rows])
        ids = store.record_ids
        return _pairs_out(
            self, vocabulary, left, store.encoded, rows, li, ri, lambda r: int(ids[r])
        )

    def screen(
        self,
        roster: Sequence[Record],
        workers: int = 1,
        progress: Callable[[int], None] | None = None,
    ) -> list[dict[str, Any]]:
        """Every pair (roster row, store row) at or above ``min_probability``, with band and
        explanation columns, most likely first; ``workers`` > 1 screens chunks in spawned
        processes."""
        chunks = _chunks(roster)
        if workers > 1 and len(chunks) > 1:
            context = mp.get_context("spawn")
            # the compiled model travels pickled: a worker need not import Splink to compile it
            setup = (self.model.to_json(), self.compiled, str(self.directory), self.min_probability)
            with context.Pool(workers, initializer=_online_worker, initargs=setup) as pool:
                return _gathered(pool.imap_unordered(_online_chunk, chunks), progress)
        return _gathered(((self.chunk(c), len(c)) for c in chunks), progress)


_WORKER: OnlineScreener | None = None  # the screener of a spawned worker


def _online_worker(
    model_json: str, compiled: CompiledModel, directory: str, min_probability: float
) -> None:
    global _WORKER
    _WORKER = OnlineScreener(
        Model.from_json(model_json), Path(directory), min_probability, compiled
    )
    _WORKER.chunk([])  # map the store and copy its codes before the first chunk


def _online_chunk(rows: Sequence[Record]) -> tuple[list[dict[str, Any]], int]:
    if _WORKER is None:
        raise RuntimeError("no screener in this worker")
    return _WORKER.chunk(rows), len(rows)
