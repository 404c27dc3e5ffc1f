"""The in-process evaluator over many pairs at once, for inquiries and batch screening.

``evaluate.score`` compares one query with its candidates in Python; a roster of 100,000 rows
against a million records is tens of millions of pairs. Here both tables' feature rows are
encoded once as integer codes over one shared vocabulary (scalar columns as code arrays, list
columns as offsets + codes), and ``kernel`` decides every level of ``model.COMPARISONS`` pair
by pair in compiled code, pruning pairs that cannot reach ``min_weight``. Levels and weights
equal ``evaluate.score`` (test), which equals Splink (test).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa

from access.matching import kernel
from access.matching.evaluate import CompiledLevel, CompiledModel, Scores, probability
from access.matching.kernel import PREFIX7, SCALAR_COLUMNS
from access.matching.model import Compared, LevelKey, Model
from access.matching.normalize import LIST_FEATURES, SCALAR_FEATURES

Row = dict[str, Any]


@dataclass
class Encoded:
    """One table's feature rows: ``scalars[col]`` codes (-1 for None), ``lists[col]`` as
    (offsets, codes) with row ``i`` holding ``codes[offsets[i]:offsets[i + 1]]``."""

    size: int
    scalars: dict[str, np.ndarray]
    lists: dict[str, tuple[np.ndarray, np.ndarray]]
    _columns: kernel.Columns | None = field(default=None, repr=False, compare=False)

    def columns(self, strings: kernel.Strings) -> kernel.Columns:
        """The kernel's row-major view of this table, whose codes are of the vocabulary
        ``strings`` (copied once: a store's is kept for every inquiry and roster chunk scored
        against it; a code's string never changes as a vocabulary grows)."""
        if self._columns is None:
            self._columns = kernel.Columns.of(
                [self.scalars[col] for col in SCALAR_COLUMNS],
                [self.lists[col][0] for col in LIST_FEATURES],
                [self.lists[col][1] for col in LIST_FEATURES],
                strings,
            )
        return self._columns


@dataclass
class Vocabulary:
    """Every string value of every column, coded once; both tables share it."""

    index: dict[str, int] = field(default_factory=dict)
    values: list[str] = field(default_factory=list)
    _tf: dict[tuple[str, int], np.ndarray] = field(default_factory=dict)
    _utf8: kernel.Strings | None = None  # the values coded when it was made, as one table

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
            return np.asarray(found.indices.fill_null(-1).to_numpy(zero_copy_only=False), np.int64)
        distinct = found.dictionary.to_pylist()
        known = np.fromiter(map(self.code, distinct), dtype=np.int64, count=len(distinct))
        return recoded(found, known)

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

    @property
    def size(self) -> int:
        """How many values are coded (codes run from 0 to ``size - 1``)."""
        return len(self.values)

    def utf8(self) -> kernel.Strings:
        """Every value as UTF-8 for the kernel: the values coded so far as one table (kept
        while the vocabulary grows by less than half), values coded since as a second."""
        known = self._utf8
        if known is None or 2 * (len(self.values) - known.split) > known.split:
            known = self._utf8 = kernel.strings(self.values)
        return kernel.strings(self.values[known.split :], known)

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


class Overlay(Vocabulary):
    """A store's ``Vocabulary``, left as it is, plus the strings of one query that it does not
    hold (coded after it): every inquiry against an in-memory store is coded against the
    store's codes and string table, made once, instead of a fresh vocabulary of its
    candidates (as ``online.OnlineVocabulary`` does for an online store)."""

    def __init__(self, base: Vocabulary) -> None:
        super().__init__()
        self.base = base
        self.split = len(base.values)
        self.extra: list[str] = []

    @property
    def size(self) -> int:
        return self.split + len(self.extra)

    def code(self, value: str | None) -> int:
        if value is None:
            return -1
        found = self.base.index.get(value)
        if found is None:
            found = self.index.get(value)
            if found is None:
                found = self.index[value] = self.split + len(self.extra)
                self.extra.append(value)
        return found

    def codes(self, values: list[str | None]) -> np.ndarray:
        if not values:
            return np.zeros(0, dtype=np.int64)
        found = pa.array(values, type=pa.string()).dictionary_encode()
        distinct = found.dictionary.to_pylist()
        known = np.fromiter(map(self.code, distinct), dtype=np.int64, count=len(distinct))
        return recoded(found, known)

    def strings(self, codes: np.ndarray) -> list[str]:
        values, extra, split = self.base.values, self.extra, self.split
        return [values[c] if c < split else extra[c - split] for c in codes.tolist()]

    def term_frequencies(self, col: str, table: dict[str, float], codes: np.ndarray) -> np.ndarray:
        return self.tf_of(table, codes)

    def utf8(self) -> kernel.Strings:
        whole = self.base._utf8
        if whole is None or whole.split != self.split:
            whole = self.base._utf8 = kernel.strings(self.base.values)
        return kernel.strings(self.extra, whole)


def recoded(found: pa.DictionaryArray, known: np.ndarray) -> np.ndarray:
    """The codes of Arrow-dictionary-encoded values (-1 for null), ``known[i]`` the code of
    the dictionary's value ``i``."""
    local = np.asarray(found.indices.fill_null(-1).to_numpy(zero_copy_only=False))
    return np.where(local >= 0, known[np.maximum(local, 0)], -1).astype(np.int64)


# --- array helpers ------------------------------------------------------------------------


def ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The concatenation of ``range(s, s + n)`` for each (s, n), without a Python loop."""
    total = int(lengths.sum())
    within = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return np.repeat(starts, lengths) + within


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
PRUNE_ORDER = (
    Compared.IDENTIFIERS,
    Compared.DATE_OF_BIRTH,
    Compared.FAMILY_NAME,
    Compared.GIVEN_NAME,
)


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


def score_pairs(
    model: CompiledModel,
    vocabulary: Vocabulary,
    left: Encoded,
    right: Encoded,
    li: np.ndarray,
    ri: np.ndarray,
    min_weight: float | None = None,
    protect: tuple[str, str] = (Compared.IDENTIFIERS, LevelKey.AGREES),
) -> Scores:
    """Scores of pairs (``left`` row ``li[k]``, ``right`` row ``ri[k]``); the left side plays
    the query of ``evaluate.score`` (a query or a roster chunk: the term-frequency adjustments
    are worked out for its rows).

    With ``min_weight``, a pair is dropped as soon as the weight it has plus the most its
    levels still to evaluate could add falls below it: its remaining levels stay -1 and its
    match weight is -inf (probability 0). The ``protect`` comparison is decided first, and
    pairs at its ``protect`` level (comparison name and level key: a shared identifier) are
    never dropped (``calibrate.band``).
    Comparisons are decided in ``PRUNE_ORDER``, every comparison's levels before its string
    level first, then the string levels. Pairs at or above ``min_weight`` are scored in full,
    exactly as without it."""
    li = np.ascontiguousarray(li, dtype=np.int64)
    ri = np.ascontiguousarray(ri, dtype=np.int64)
    names = [spec.name for spec, _compiled in model.comparisons]
    order = [names.index(x) for x in PRUNE_ORDER if x in names]
    order += [j for j in range(len(names)) if j not in order]
    protect_j = protect_level = -1
    if protect[0] in names:
        protect_j = names.index(protect[0])
        order.remove(protect_j)
        order.insert(0, protect_j)
        keys = [lv.spec.key for lv in model.comparisons[protect_j][1]]
        protect_level = keys.index(protect[1]) if protect[1] in keys else -1
    program = kernel.program(model, order, _tails(model))
    flat = [level for _spec, compiled in model.comparisons for level in compiled]
    tf = np.zeros((len(program.tf_levels), left.size))
    for slot, at in enumerate(program.tf_levels):
        codes = left.scalars[str(flat[at].tf_col)]
        tf[slot] = _tf_adjustment(model, flat[at], vocabulary, codes, codes)
    strings = vocabulary.utf8()
    kept, levels, weights = kernel.score(
        program, li, ri, left.columns(strings), right.columns(strings), strings, tf,
        -np.inf if min_weight is None else float(min_weight), protect_j, protect_level,
    )  # fmt: skip
    weight = model.prior_weight + weights.sum(axis=1)
    if len(kept) == len(li):  # nothing dropped: the rows are the pairs
        return Scores(weight, probability(weight), levels, weights)
    match_weight = np.full(len(li), -np.inf)
    match_weight[kept] = weight
    match_probability = np.zeros(len(li))
    match_probability[kept] = probability(weight)
    return Scores(match_weight, match_probability, levels, weights, kept)
