"""The in-process evaluator over many pairs at once, for batch screening.

``evaluate.score`` compares one query with its candidates; a roster of 100,000 rows against a
million records is tens of millions of pairs, too many for per-pair Python. Here both tables'
feature rows are encoded once as integer codes over one shared vocabulary (scalar columns as
code arrays, list columns as offsets + codes), and every level of ``model.COMPARISONS`` is
evaluated column-wise over arrays of pair indices: equality on codes, list levels as lookups
of one side's elements in the other side's sorted (row, code) keys, and Jaro-Winkler /
Damerau-Levenshtein only on each distinct pair of strings, through rapidfuzz's ``cpdist``. Levels and weights equal ``evaluate.score`` (test),
which equals Splink (test).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
CODE_BITS = 32  # a (row, code) pair packs into one int64 as row << CODE_BITS | code
Row = dict[str, Any]


@dataclass
class Encoded:
    """One table's feature rows: ``scalars[col]`` codes (-1 for None), ``lists[col]`` as
    (offsets, codes) with row ``i`` holding ``codes[offsets[i]:offsets[i + 1]]``."""

    size: int
    scalars: dict[str, np.ndarray]
    lists: dict[str, tuple[np.ndarray, np.ndarray]]
    _list_keys: dict[str, np.ndarray] = field(default_factory=dict, repr=False, compare=False)

    def list_keys(self, col: str) -> np.ndarray:
        """``row << CODE_BITS | code`` of every element of list column ``col``, sorted: whether
        a row's list holds a code is then one ``searchsorted`` (worked out once per column)."""
        found = self._list_keys.get(col)
        if found is None:
            offsets, codes = self.lists[col]
            rows = np.repeat(np.arange(self.size, dtype=np.int64), np.diff(offsets))
            found = self._list_keys[col] = np.sort((rows << CODE_BITS) | codes)
        return found


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
        if not self.values:  # a fresh vocabulary takes Arrow's codes as they are
            distinct = found.dictionary.to_pylist()
            self.values = distinct
            self.index = dict(zip(distinct, range(len(distinct)), strict=True))
            lengths = pc.utf8_length(found.dictionary).to_numpy(zero_copy_only=False)
            self._lengths = np.asarray(lengths, dtype=np.int64)
            return np.asarray(found.indices.fill_null(-1).to_numpy(zero_copy_only=False), np.int64)
        return recoded(found, self.code)

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


def recoded(found: pa.DictionaryArray, code: Callable[[str], int]) -> np.ndarray:
    """The codes of Arrow-dictionary-encoded values (-1 for null), ``code`` asked once per
    distinct value."""
    local = np.asarray(found.indices.fill_null(-1).to_numpy(zero_copy_only=False))
    distinct = found.dictionary.to_pylist()
    known = np.fromiter(map(code, distinct), dtype=np.int64, count=len(distinct))
    return np.where(local >= 0, known[np.maximum(local, 0)], -1).astype(np.int64)


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


def _hits(n: int, positions: np.ndarray) -> np.ndarray:
    out = np.zeros(n, dtype=bool)
    out[positions] = True
    return out


def _member(side: Encoded, col: str, rows: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Whether list ``col`` of ``side``'s row ``rows[k]`` holds ``codes[k]`` (codes >= 0)."""
    keys = side.list_keys(col)
    if not keys.size:
        return np.zeros(len(rows), dtype=bool)
    probe = (rows << CODE_BITS) | codes
    at = np.minimum(np.searchsorted(keys, probe), len(keys) - 1)
    return keys[at] == probe


def _any_common(
    left: Encoded, right: Encoded, col: str, li: np.ndarray, ri: np.ndarray
) -> np.ndarray:
    """Whether the two lists ``col`` of each pair share a value: the right side's elements
    looked up in the left side's (a query or a roster chunk, the smaller table)."""
    owner, codes = _explode(right.lists[col], ri)
    return _hits(len(li), owner[_member(left, col, li[owner], codes)])


def _contains(
    left: Encoded, right: Encoded, col: str, lists: str, li: np.ndarray, ri: np.ndarray
) -> np.ndarray:
    """Whether either side's scalar ``col`` occurs in the other side's list ``lists``."""
    owner, codes = _explode(right.lists[lists], ri)
    forward = owner[codes == left.scalars[col][li][owner]]
    value = right.scalars[col][ri]
    known = np.flatnonzero(value >= 0)
    backward = known[_member(left, lists, li[known], value[known])]
    return _hits(len(li), np.concatenate([forward, backward]))


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
        return none | ~_any_common(left, right, "id_kinds", li, ri)
    if kind == "addr_null":
        post = (left.scalars["postcode"][li] < 0) | (right.scalars["postcode"][ri] < 0)
        city = (left.scalars["city"][li] < 0) | (right.scalars["city"][ri] < 0)
        return post & city
    if kind == "intersect":
        return _any_common(left, right, col, li, ri)
    if kind == "contains":
        return _contains(left, right, col, level.arg, li, ri)
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


def _level_max(model: CompiledModel, level: CompiledLevel) -> float:
    """The highest weight a level can give (its term-frequency adjustment at the rarest value)."""
    weight = level.weight
    if level.tf_col:
        table = model.tf.get(level.tf_col, {})
        rarest = max(min(table.values(), default=1.0), level.tf_min_u, 1e-300)
        weight += max(0.0, level.tf_weight * (level.log2_u_exact - np.log2(rarest)))
    return float(weight)


def _tails(model: CompiledModel) -> list[np.ndarray]:
    """For each comparison, ``tail[i]``: the most its levels ``i`` onwards can give (what a pair
    not on any of the levels before ``i`` can still add). Worked out once per compiled model:
    each scans the term-frequency tables."""
    cached = getattr(model, "_tails", None)
    if cached is None:
        cached = []
        for _spec, compiled in model.comparisons:
            tail = np.full(len(compiled) + 1, -np.inf)
            for i in range(len(compiled) - 1, -1, -1):
                tail[i] = max(_level_max(model, compiled[i]), tail[i + 1])
            cached.append(tail)
        model._tails = cached  # type: ignore[attr-defined]
    return list(cached)


# Levels that cost one gather and compare per pair. A pruned score decides these leading
# levels of every comparison before the costly ones (list lookups, string similarity): a pair
# whose names are not equal can then gain at most a near spelling's weight, not a rare exact
# name's, and at a million records about half the candidate pairs are dropped before any name
# string is compared.
CHEAP_KINDS = frozenset({"null", "exact", "addr_null", "swapped", "prefix7", "else"})


def _cheap_prefix(compiled: Sequence[CompiledLevel]) -> int:
    count = 0
    while count < len(compiled) and compiled[count].spec.kind in CHEAP_KINDS:
        count += 1
    return count


@dataclass
class _Pairs:
    """Pairs being scored: their levels and weights so far, the live pairs, and each pair's
    ``bound`` (the most its match weight can still reach)."""

    model: CompiledModel
    vocabulary: Vocabulary
    left: Encoded
    right: Encoded
    li: np.ndarray
    ri: np.ndarray

    def __post_init__(self) -> None:
        n, k = len(self.li), len(self.model.comparisons)
        self.levels = np.full((n, k), -1, dtype=np.int64)
        self.weights = np.zeros((n, k), dtype=float)
        self.done = [0] * k  # levels of comparison j evaluated for every open pair
        self.alive = np.arange(n, dtype=np.int64)
        self.tails = _tails(self.model)
        # the most each pair can still reach: its weights so far plus its open levels' tails
        start = self.model.prior_weight + sum(float(tail[0]) for tail in self.tails)
        self.bound = np.full(n, start)

    def evaluate(self, j: int, stop: int | None = None) -> None:
        """Levels ``done[j]`` to ``stop`` of comparison ``j`` for the live pairs not yet on
        one of its levels (first matching level wins, as in ``evaluate.score``)."""
        compiled = self.model.comparisons[j][1]
        stop = len(compiled) if stop is None else stop
        if self.done[j] >= stop:
            return
        li, ri, left, right = self.li, self.ri, self.left, self.right
        open_ = self.alive[self.levels[self.alive, j] < 0] if self.done[j] else self.alive
        before = float(self.tails[j][self.done[j]])
        for i in range(self.done[j], stop):
            if not open_.size:
                break
            level = compiled[i]
            hit = _mask(level.spec, self.vocabulary, left, right, li[open_], ri[open_])
            rows = open_[hit]
            if rows.size:
                weight: Any = level.weight
                if level.tf_col:
                    col = level.tf_col
                    weight = weight + _tf_adjustment(
                        self.model, level, self.vocabulary,
                        left.scalars[col][li[rows]], right.scalars[col][ri[rows]],
                    )  # fmt: skip
                self.levels[rows, j] = i
                self.weights[rows, j] = weight
                self.bound[rows] += weight - before
            open_ = open_[~hit]
        # a pair on none of the levels (a comparison without an "else") keeps weight 0
        after = float(self.tails[j][stop]) if stop < len(compiled) else 0.0
        self.bound[open_] += after - before
        self.done[j] = stop

    def prune(self, min_weight: float, protected: np.ndarray) -> None:
        """Drop the live pairs whose ``bound`` is below ``min_weight`` (pairs marked
        ``protected`` stay)."""
        alive = self.alive
        keep = self.bound[alive] >= min_weight - 1e-9  # rounding in the running sums never prunes
        self.alive = alive[keep | protected[alive]]


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
    the query of ``evaluate.score`` (list levels look the right side's values up in the left
    side's, so the left is best the smaller table).

    With ``min_weight``, a pair is dropped as soon as the weight it has plus the most its
    levels still to evaluate could add falls below it: its remaining levels stay -1 and its
    match weight is -inf (probability 0). The ``protect`` comparison is evaluated first, and
    pairs at its ``protect`` level (a shared identifier) are never dropped (``calibrate.band``).
    Then the date of birth in full, the cheap leading levels of every comparison
    (``CHEAP_KINDS``), then the rest in ``PRUNE_ORDER``, pruning after each step. Pairs at or above ``min_weight`` are scored in
    full, exactly as without it."""
    if vocabulary.size >= 1 << CODE_BITS:
        raise ValueError(f"a vocabulary of {vocabulary.size:,} values is too large to score")
    pairs = _Pairs(
        model, vocabulary, left, right,
        np.asarray(li, dtype=np.int64), np.asarray(ri, dtype=np.int64),
    )  # fmt: skip
    names = [spec.name for spec, _compiled in model.comparisons]
    order = [names.index(x) for x in PRUNE_ORDER if x in names]
    order += [j for j in range(len(names)) if j not in order]
    if min_weight is None:
        for j in order:
            pairs.evaluate(j)
    else:
        protected = np.zeros(len(pairs.li), dtype=bool)
        if protect[0] in names:
            j = names.index(protect[0])
            pairs.evaluate(j)
            wanted = [
                i for i, lv in enumerate(model.comparisons[j][1]) if lv.spec.label == protect[1]
            ]
            protected[np.isin(pairs.levels[:, j], wanted)] = True
        # a different date of birth (about -10) is what rules most candidate pairs out
        for j in order[:2]:
            pairs.evaluate(j)
        pairs.prune(min_weight, protected)
        for j in order:
            pairs.evaluate(j, _cheap_prefix(model.comparisons[j][1]))
        pairs.prune(min_weight, protected)
        for j in order:
            pairs.evaluate(j)
            pairs.prune(min_weight, protected)
    match_weight = model.prior_weight + pairs.weights.sum(axis=1)
    if min_weight is not None:
        pruned = np.ones(len(pairs.li), dtype=bool)
        pruned[pairs.alive] = False
        match_weight[pruned] = -np.inf
    return Scores(match_weight, probability(match_weight), pairs.levels, pairs.weights)
