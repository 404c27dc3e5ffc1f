"""The in-process evaluator over many pairs at once, for batch screening.

``evaluate.score`` compares one query with its candidates; a roster of 100,000 rows against a
million records is tens of millions of pairs, too many for per-pair Python. Here both tables'
feature rows are encoded once as integer codes over one shared vocabulary (scalar columns as
code arrays, list columns as offsets + codes), and every level of ``model.COMPARISONS`` is
evaluated column-wise over arrays of pair indices: equality on codes, list intersections as
sorted-key joins, and Jaro-Winkler / Damerau-Levenshtein only on each distinct pair of
strings, through rapidfuzz's ``cpdist``. Levels and weights equal ``evaluate.score`` (test),
which equals Splink (test).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from rapidfuzz.distance import DamerauLevenshtein, JaroWinkler
from rapidfuzz.process import cpdist

from access.matching.evaluate import CompiledLevel, CompiledModel, Scores, probability
from access.matching.model import Level, Model
from access.matching.normalize import LIST_FEATURES, SCALAR_FEATURES

PREFIX7 = "dob@7"  # derived column: the first seven characters of ``dob`` (year and month)
PARALLEL_PAIRS = 50_000  # distinct string pairs above which rapidfuzz compares on every core
Row = dict[str, Any]


@dataclass
class Encoded:
    """One table's feature rows: ``scalars[col]`` codes (-1 for None), ``lists[col]`` as
    (offsets, codes) with row ``i`` holding ``codes[offsets[i]:offsets[i + 1]]``."""

    size: int
    scalars: dict[str, np.ndarray]
    lists: dict[str, tuple[np.ndarray, np.ndarray]]


@dataclass
class Vocabulary:
    """Every string value of every column, coded once; both tables share it."""

    index: dict[str, int] = field(default_factory=dict)
    values: list[str] = field(default_factory=list)
    _tf: dict[tuple[str, int], np.ndarray] = field(default_factory=dict)
    _lengths: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def code(self, value: str | None) -> int:
        if value is None:
            return -1
        found = self.index.get(value)
        if found is None:
            found = self.index[value] = len(self.values)
            self.values.append(value)
        return found

    def codes(self, values: list[str | None]) -> np.ndarray:
        """The code of each value (-1 for None), new values added: Arrow's dictionary
        encoding finds the distinct values, so Python touches each distinct value once."""
        if not values:
            return np.zeros(0, dtype=np.int64)
        found = pa.array(values, type=pa.string()).dictionary_encode()
        local = np.asarray(found.indices.fill_null(-1).to_numpy(zero_copy_only=False))
        distinct = found.dictionary.to_pylist()
        if not self.values:  # a fresh vocabulary takes Arrow's codes as they are
            self.values = distinct
            self.index = dict(zip(distinct, range(len(distinct)), strict=True))
            lengths = pc.utf8_length(found.dictionary).to_numpy(zero_copy_only=False)
            self._lengths = np.asarray(lengths, dtype=np.int64)
            return np.asarray(local, dtype=np.int64)
        code = self.code
        known = np.fromiter((code(v) for v in distinct), dtype=np.int64, count=len(distinct))
        return np.where(local >= 0, known[np.maximum(local, 0)], -1).astype(np.int64)

    def encode(self, rows: Sequence[Row]) -> Encoded:
        n = len(rows)
        values: list[str | None] = []
        for col in SCALAR_FEATURES:
            values += [r[col] for r in rows]
        values += [d[:7] if d and len(d) >= 7 else None for d in (r["dob"] for r in rows)]
        list_lengths = {}
        for col in LIST_FEATURES:
            per_row = [r[col] or () for r in rows]
            list_lengths[col] = np.fromiter(map(len, per_row), dtype=np.int64, count=n)
            values += [v for one in per_row for v in one]
        codes = self.codes(values)
        scalars = {}
        at = 0
        for col in (*SCALAR_FEATURES, PREFIX7):
            scalars[col] = codes[at : at + n]
            at += n
        lists = {}
        for col in LIST_FEATURES:
            offsets = np.zeros(n + 1, dtype=np.int64)
            np.cumsum(list_lengths[col], out=offsets[1:])
            lists[col] = (offsets, codes[at : at + int(offsets[-1])])
            at += int(offsets[-1])
        return Encoded(n, scalars, lists)

    def lengths(self) -> np.ndarray:
        """The length of every value, by code (extended as the vocabulary grows)."""
        known = len(self._lengths)
        if known < len(self.values):
            more = np.fromiter(
                (len(s) for s in self.values[known:]),
                dtype=np.int64,
                count=len(self.values) - known,
            )
            self._lengths = np.concatenate([self._lengths, more])
        return self._lengths

    @property
    def size(self) -> int:
        """How many values are coded (codes run from 0 to ``size - 1``)."""
        return len(self.values)

    def lengths_of(self, codes: np.ndarray) -> np.ndarray:
        return self.lengths()[codes]

    def strings(self, codes: np.ndarray) -> list[str]:
        values = self.values
        return [values[c] for c in codes.tolist()]

    def tf_array(self, col: str, table: dict[str, float]) -> np.ndarray:
        """Term frequency by code (NaN for values the table does not hold)."""
        key = (col, len(self.values))
        if key not in self._tf:
            out = np.full(len(self.values), np.nan)
            for value, tf in table.items():
                found = self.index.get(value)
                if found is not None:
                    out[found] = tf
            self._tf[key] = out
        return self._tf[key]

    def tf_of(self, table: dict[str, float], codes: np.ndarray) -> np.ndarray:
        """Term frequency of each code (NaN for -1 and values the table does not hold)."""
        distinct, inverse = unique_inverse(codes)
        known = distinct >= 0
        found = np.full(len(distinct), np.nan)
        nan = float("nan")
        found[known] = [table.get(value, nan) for value in self.strings(distinct[known])]
        return found[inverse]

    def term_frequencies(self, col: str, table: dict[str, float], codes: np.ndarray) -> np.ndarray:
        """Term frequency of each code of column ``col`` (NaN for -1 and unknown values)."""
        if len(self.values) < len(table):  # one query's vocabulary: only the codes at hand
            return self.tf_of(table, codes)
        tf = self.tf_array(col, table)
        if not len(tf):
            return np.full(len(codes), np.nan)
        return np.where(codes >= 0, tf[np.maximum(codes, 0)], np.nan)


# --- column-wise level predicates over pairs (li[k], ri[k]) ---------------------------------


def ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The concatenation of ``range(s, s + n)`` for each (s, n), without a Python loop."""
    total = int(lengths.sum())
    within = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return np.repeat(starts, lengths) + within


def _explode(csr: tuple[np.ndarray, np.ndarray], rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(pair position, code) for every list element of ``rows``."""
    offsets, codes = csr
    starts = offsets[rows]
    lengths = offsets[rows + 1] - starts
    owner = np.repeat(np.arange(len(rows), dtype=np.int64), lengths)
    return owner, codes[ranges(starts, lengths)]


def unique(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (numpy 2.4's ``np.unique`` hashes int64 arrays far slower)."""
    ordered = np.sort(values, kind="stable")
    if not ordered.size:
        return ordered
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]]


def unique_inverse(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``unique(values)`` and, for each value, its position in it."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    if not ordered.size:
        return ordered, order
    first = np.r_[True, ordered[1:] != ordered[:-1]]
    inverse = np.empty(len(values), dtype=np.int64)
    inverse[order] = np.cumsum(first) - 1
    return ordered[first], inverse


def _common(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Values in both ``a`` and ``b``, each array free of repeats."""
    both = np.sort(np.concatenate([a, b]), kind="stable")
    return both[1:][both[1:] == both[:-1]]


def _hits(n: int, positions: np.ndarray) -> np.ndarray:
    out = np.zeros(n, dtype=bool)
    out[positions] = True
    return out


def _any_common(
    v: Vocabulary, left: tuple[np.ndarray, np.ndarray], right: tuple[np.ndarray, np.ndarray],
    li: np.ndarray, ri: np.ndarray,
) -> np.ndarray:  # fmt: skip
    width = max(v.size, 1)
    lo, lc = _explode(left, li)
    ro, rc = _explode(right, ri)
    common = _common(lo * width + lc, ro * width + rc)
    return _hits(len(li), common // width)


def _in_list(
    v: Vocabulary, scalar: np.ndarray, csr: tuple[np.ndarray, np.ndarray], rows: np.ndarray
) -> np.ndarray:
    """Whether each pair's scalar code occurs in the other side's list."""
    width = max(v.size, 1)
    known = np.flatnonzero(scalar >= 0)
    owner, codes = _explode(csr, rows)
    common = _common(known * width + scalar[known], owner * width + codes)
    return _hits(len(rows), common // width)


def _string_level(
    v: Vocabulary, lc: np.ndarray, rc: np.ndarray, scorer: Any, accept: Any
) -> np.ndarray:
    """``accept(scorer(l, r))`` once per distinct pair of strings, for pairs with both known."""
    out = np.zeros(len(lc), dtype=bool)
    both = np.flatnonzero((lc >= 0) & (rc >= 0))
    if not both.size:
        return out
    width = max(v.size, 1)
    distinct, inverse = unique_inverse(lc[both] * width + rc[both])
    # Threads pay off on a roster's pairs, not on one inquiry's few thousand.
    workers = -1 if len(distinct) > PARALLEL_PAIRS else 1
    scores = cpdist(
        v.strings(distinct // width), v.strings(distinct % width), scorer=scorer, workers=workers
    )
    out[both] = accept(np.asarray(scores))[inverse]
    return out


def _mask(
    level: Level, v: Vocabulary, left: Encoded, right: Encoded, li: np.ndarray, ri: np.ndarray
) -> np.ndarray:
    kind, col = level.kind, level.col
    n = len(li)
    if kind == "else":
        return np.ones(n, dtype=bool)
    if kind == "null":
        return (left.scalars[col][li] < 0) | (right.scalars[col][ri] < 0)
    if kind == "id_null":
        off_l, off_r = left.lists["ids"][0], right.lists["ids"][0]
        none = (off_l[li + 1] == off_l[li]) | (off_r[ri + 1] == off_r[ri])
        return none | ~_any_common(v, left.lists["id_kinds"], right.lists["id_kinds"], li, ri)
    if kind == "addr_null":
        post = (left.scalars["postcode"][li] < 0) | (right.scalars["postcode"][ri] < 0)
        city = (left.scalars["city"][li] < 0) | (right.scalars["city"][ri] < 0)
        return post & city
    if kind == "intersect":
        return _any_common(v, left.lists[col], right.lists[col], li, ri)
    if kind == "contains":
        forward = _in_list(v, left.scalars[col][li], right.lists[level.arg], ri)
        backward = _in_list(v, right.scalars[col][ri], left.lists[level.arg], li)
        return forward | backward
    if kind == "swapped":
        r, other = right.scalars[col][ri], left.scalars[level.arg][li]
        return (r >= 0) & (r == other)
    lc, rc = left.scalars[col][li], right.scalars[col][ri]
    if kind == "exact":
        return (lc >= 0) & (lc == rc)
    if kind == "prefix7":
        lp, rp = left.scalars[PREFIX7][li], right.scalars[PREFIX7][ri]
        return (lp >= 0) & (lp == rp)
    if kind == "jw":
        threshold = float(level.arg)
        return _string_level(v, lc, rc, JaroWinkler.similarity, lambda s: s >= threshold)
    if kind == "dl1":
        ten = np.zeros(len(lc), dtype=bool)
        both = (lc >= 0) & (rc >= 0)
        ten[both] = (v.lengths_of(lc[both]) == 10) & (v.lengths_of(rc[both]) == 10)
        near = _string_level(
            v, np.where(ten, lc, -1), np.where(ten, rc, -1),
            DamerauLevenshtein.distance, lambda s: s <= 1,
        )  # fmt: skip
        return ten & near
    raise ValueError(f"unknown level kind {kind!r}")


def _tf_adjustment(
    model: CompiledModel, level: CompiledLevel, v: Vocabulary, lc: np.ndarray, rc: np.ndarray
) -> np.ndarray:
    if level.tf_col is None:
        raise ValueError("term-frequency adjustment asked for a level without a tf column")
    table = model.tf.get(level.tf_col, {})
    tf_l = v.term_frequencies(level.tf_col, table, lc)
    tf_r = v.term_frequencies(level.tf_col, table, rc)
    either = np.fmax(tf_l, tf_r)
    known = ~np.isnan(either)
    value = np.fmax(np.where(known, either, 1.0), level.tf_min_u)
    return np.where(known, level.tf_weight * (level.log2_u_exact - np.log2(value)), 0.0)


# Comparisons in the order a pruned score evaluates them: the identifiers (their agreement
# weighs most, so nothing is pruned before it is known), then the most telling of the rest.
PRUNE_ORDER = ("identifiers", "date_of_birth", "family_name", "given_name")


def weight_below(model: Model, target: float) -> float:
    """A match weight under which the calibrated probability stays below ``target`` (the
    ``min_weight`` of ``score_pairs`` for pairs that cannot reach that probability)."""
    grid = np.arange(-80.0, 80.0, 0.01)
    calibrated = np.asarray(model.calibrated(probability(grid)), dtype=float)
    reached = np.flatnonzero(calibrated >= target)
    return float(grid[reached[0]] - 0.01) if reached.size else float(grid[-1])


def max_weight(model: CompiledModel, compiled: Sequence[CompiledLevel]) -> float:
    """The highest weight a comparison can add (term-frequency adjustment included)."""
    best = 0.0
    for level in compiled:
        weight = level.weight
        if level.tf_col:
            table = model.tf.get(level.tf_col, {})
            rarest = max(min(table.values(), default=1.0), level.tf_min_u, 1e-300)
            weight += max(0.0, level.tf_weight * (level.log2_u_exact - np.log2(rarest)))
        best = max(best, weight)
    return best


def _max_weights(model: CompiledModel) -> list[float]:
    """``max_weight`` of each comparison, worked out once per compiled model (each scans the
    term-frequency tables)."""
    cached = getattr(model, "_max_weights", None)
    if cached is None:
        cached = [max_weight(model, compiled) for _spec, compiled in model.comparisons]
        model._max_weights = cached  # type: ignore[attr-defined]
    return list(cached)


def score_pairs(
    model: CompiledModel,
    vocabulary: Vocabulary,
    left: Encoded,
    right: Encoded,
    li: np.ndarray,
    ri: np.ndarray,
    min_weight: float | None = None,
    protect: tuple[str, str] = ("identifiers", "identifier agrees"),
) -> Scores:
    """Scores of pairs (``left`` row ``li[k]``, ``right`` row ``ri[k]``); the left side plays
    the query of ``evaluate.score``.

    With ``min_weight``, a pair is dropped as soon as the weight it has plus the most the
    comparisons still to come could add falls below it: its remaining levels stay -1 and its
    match weight is -inf (probability 0). Pairs at or above ``min_weight`` are scored in full,
    exactly as without it, and so are pairs at the ``protect`` level (comparison, label): a
    shared identifier is never dismissed (``calibrate.band``)."""
    li = np.asarray(li, dtype=np.int64)
    ri = np.asarray(ri, dtype=np.int64)
    n, k = len(li), len(model.comparisons)
    levels = np.full((n, k), -1, dtype=np.int64)
    weights = np.zeros((n, k), dtype=float)
    names = [spec.name for spec, _compiled in model.comparisons]
    order = [names.index(x) for x in PRUNE_ORDER if x in names]
    order += [j for j in range(k) if j not in order]
    most = _max_weights(model)
    remaining = sum(most)
    alive = np.arange(n, dtype=np.int64)
    protected = np.zeros(n, dtype=bool)  # kept to the end, whatever the later comparisons add
    for j in order:
        compiled = model.comparisons[j][1]
        open_ = alive
        for i, level in enumerate(compiled):
            if not open_.size:
                break
            hit = _mask(level.spec, vocabulary, left, right, li[open_], ri[open_])
            rows = open_[hit]
            if rows.size:
                levels[rows, j] = i
                weights[rows, j] = level.weight
                if level.tf_col:
                    col = level.tf_col
                    weights[rows, j] += _tf_adjustment(
                        model, level, vocabulary,
                        left.scalars[col][li[rows]], right.scalars[col][ri[rows]],
                    )  # fmt: skip
            open_ = open_[~hit]
        if min_weight is not None:
            remaining = max(remaining - most[j], 0.0)
            bound = model.prior_weight + weights[alive].sum(axis=1) + remaining
            keep = bound >= min_weight - 1e-9  # rounding in the running sums never prunes
            if names[j] == protect[0]:
                wanted = [i for i, lv in enumerate(compiled) if lv.spec.label == protect[1]]
                protected[alive[np.isin(levels[alive, j], wanted)]] = True
            alive = alive[keep | protected[alive]]
    match_weight = model.prior_weight + weights.sum(axis=1)
    if min_weight is not None:
        pruned = np.ones(n, dtype=bool)
        pruned[alive] = False
        match_weight[pruned] = -np.inf
    return Scores(match_weight, probability(match_weight), levels, weights)
