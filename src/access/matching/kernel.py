"""The compiled inner loop of ``vectorised.score_pairs``: every level of every comparison of one
pair decided in one pass, with the pruning bound kept per pair.

``model.COMPARISONS`` becomes a small program (``Program``: one row per level with its kind,
columns, weight and the most the levels from it onwards can give), which ``_score`` interprets
pair by pair over the two tables' codes. String levels compare the strings themselves, decoded
from UTF-8: Jaro-Winkler as rapidfuzz computes it (``jaro_winkler``, the same arithmetic in the
same order: ``tests/matching/test_kernel.py`` holds it to rapidfuzz on names and random
strings), and dates one edit apart as a Damerau-Levenshtein distance of at most 1 between two
ten-character strings (equal length: one substitution or one adjacent transposition).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pyarrow as pa
from numba import njit

from access.matching.evaluate import CompiledModel
from access.matching.model import COMPARISONS
from access.matching.normalize import LIST_FEATURES, SCALAR_FEATURES

PREFIX7 = "dob@7"  # derived scalar column: the first seven characters of ``dob``
SCALAR_COLUMNS = (*SCALAR_FEATURES, PREFIX7)

# level kinds as the kernel knows them
ELSE, NULL, EXACT, INTERSECT, CONTAINS, SWAPPED, PREFIX, ID_NULL, ADDR_NULL, JW, DL1 = range(11)
KINDS = {
    "else": ELSE, "null": NULL, "exact": EXACT, "intersect": INTERSECT, "contains": CONTAINS,
    "swapped": SWAPPED, "prefix7": PREFIX, "id_null": ID_NULL, "addr_null": ADDR_NULL,
    "jw": JW, "dl1": DL1,
}  # fmt: skip
STRING_KINDS = (JW, DL1)  # decided after every other comparison's leading levels
# scalar columns compared as strings; each row carries a fact about each (``Columns.facts``)
STRING_COLUMNS = tuple(
    sorted({lv.col for c in COMPARISONS for lv in c.levels if lv.kind in ("jw", "dl1")})
)
DATE_COLUMNS = tuple(sorted({lv.col for c in COMPARISONS for lv in c.levels if lv.kind == "dl1"}))


@dataclass(frozen=True)
class Program:
    """A compiled model as arrays: comparison ``j``'s levels are rows ``start[j]:start[j + 1]``
    (``kind``, columns ``a`` and ``b``, ``threshold``, ``weight``, term-frequency ``slot``);
    ``tail[j, i]`` is the most levels ``i`` onwards of comparison ``j`` can give."""

    order: np.ndarray
    start: np.ndarray
    kind: np.ndarray
    a: np.ndarray
    b: np.ndarray
    threshold: np.ndarray
    weight: np.ndarray
    slot: np.ndarray
    tail: np.ndarray
    tf_levels: tuple[int, ...]  # level rows with a term-frequency adjustment, by slot
    prior_weight: float


def _columns(kind: str, col: str, arg: object) -> tuple[int, int]:
    scalar, lists = SCALAR_COLUMNS.index, LIST_FEATURES.index
    if kind in ("jw", "dl1"):
        return scalar(col), STRING_COLUMNS.index(col)
    if kind in ("null", "exact"):
        return scalar(col), -1
    if kind == "intersect":
        return lists(col), -1
    if kind == "contains":
        return scalar(col), lists(str(arg))
    if kind == "swapped":
        return scalar(col), scalar(str(arg))
    if kind == "prefix7":
        return scalar(PREFIX7), -1
    if kind == "id_null":
        return lists("ids"), lists("id_kinds")
    if kind == "addr_null":
        return scalar("postcode"), scalar("city")
    if kind == "else":
        return -1, -1
    raise ValueError(f"unknown level kind {kind!r}")


def program(model: CompiledModel, order: Sequence[int], tails: Sequence[np.ndarray]) -> Program:
    """The kernel's program of ``model``; comparisons are decided in ``order``, ``tails`` as
    ``vectorised._tails``. Worked out once per compiled model."""
    cached = getattr(model, "_program", None)
    if cached is not None and list(cached.order) == list(order):
        return cached
    rows: list[tuple[int, int, int, float, float, int]] = []
    start = [0]
    tf_levels: list[int] = []
    width = max(len(levels) for _spec, levels in model.comparisons) + 1
    tail = np.full((len(model.comparisons), width), -np.inf)
    for j, (_spec, levels) in enumerate(model.comparisons):
        for level in levels:
            spec = level.spec
            a, b = _columns(spec.kind, spec.col, spec.arg)
            slot = -1
            if level.tf_col:
                if spec.kind != "exact" or level.tf_col != spec.col:
                    raise ValueError(f"term frequencies on {spec.kind} {spec.col!r} unsupported")
                slot = len(tf_levels)
                tf_levels.append(len(rows))
            threshold = float(spec.arg) if spec.kind == "jw" else 0.0
            rows.append((KINDS[spec.kind], a, b, threshold, level.weight, slot))
        start.append(len(rows))
        tail[j, : len(tails[j])] = tails[j]
    columns = list(zip(*rows, strict=True))

    def column(i: int, dtype: type) -> np.ndarray:
        return np.asarray(columns[i], dtype=dtype)

    built = Program(
        order=np.asarray(order, dtype=np.int64),
        start=np.asarray(start, dtype=np.int64),
        kind=column(0, np.int64),
        a=column(1, np.int64),
        b=column(2, np.int64),
        threshold=column(3, np.float64),
        weight=column(4, np.float64),
        slot=column(5, np.int64),
        tail=tail,
        tf_levels=tuple(tf_levels),
        prior_weight=float(model.prior_weight),
    )
    model._program = built  # type: ignore[attr-defined]
    return built


class Columns(NamedTuple):
    """One table's codes, row-major so that one pair's values lie together: ``scalars[row,
    c]`` the code of scalar column ``SCALAR_COLUMNS[c]``, ``offsets[row, c]`` where row
    ``row``'s list ``LIST_FEATURES[c]`` starts in ``codes[c]`` (``offsets[row + 1, c]``: ends),
    ``facts[row, c]`` what the string levels need of column ``STRING_COLUMNS[c]``'s value
    without reading it: its shape (``string_shapes``) or, for a date, its packed digits
    (``string_dates``)."""

    scalars: np.ndarray
    offsets: np.ndarray
    codes: tuple[np.ndarray, ...]
    facts: np.ndarray

    @classmethod
    def of(
        cls,
        scalars: Sequence[np.ndarray],
        offsets: Sequence[np.ndarray],
        codes: Sequence[np.ndarray],
        strings: Strings,
    ) -> Columns:
        """From column arrays (``vectorised.Encoded``'s) over the vocabulary ``strings``;
        the matrices are copies."""
        facts = []
        for col in STRING_COLUMNS:
            code = np.asarray(scalars[SCALAR_COLUMNS.index(col)], dtype=np.int64)
            dated = col in DATE_COLUMNS
            base = strings.dates if dated else strings.shapes
            extra = strings.extra_dates if dated else strings.extra_shapes
            facts.append(_facts(code, strings.split, base, extra))
        return cls(
            _matrix(scalars, np.int32), _matrix(offsets, np.int64), _frozen(codes),
            _matrix(facts, np.int64),
        )  # fmt: skip


def _facts(code: np.ndarray, split: int, base: np.ndarray, extra: np.ndarray) -> np.ndarray:
    """``base[c]`` for codes below ``split``, ``extra[c - split]`` above, 0 for -1."""
    out = np.zeros(len(code), dtype=np.int64)
    low = (code >= 0) & (code < split)
    out[low] = base[code[low]]
    high = code >= split
    out[high] = extra[code[high] - split]
    return out


def _matrix(columns: Sequence[np.ndarray], dtype: type) -> np.ndarray:
    out: np.ndarray = np.empty((len(columns[0]), len(columns)), dtype=dtype)
    for c, column in enumerate(columns):
        out[:, c] = column
    out.flags.writeable = False
    return out


class Strings(NamedTuple):
    """A vocabulary's values as UTF-8: codes below ``split`` in (``data``, ``offsets``), the
    rest in (``extra``, ``extra_offsets``) from ``split`` on; ``width``: the longest, in bytes;
    ``shapes`` / ``extra_shapes``: each value's ``string_shapes``, ``dates`` /
    ``extra_dates`` its ``string_dates``."""

    split: int
    data: np.ndarray
    offsets: np.ndarray
    extra: np.ndarray
    extra_offsets: np.ndarray
    width: int
    shapes: np.ndarray
    extra_shapes: np.ndarray
    dates: np.ndarray
    extra_dates: np.ndarray


def string_buffers(values: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """(UTF-8 bytes, int64 offsets from 0) of a null-free Arrow string array."""
    values = values.cast(pa.large_string()) if values.type != pa.large_string() else values
    if values.null_count:
        raise ValueError("strings must be null-free")
    buffers = values.buffers()
    at = values.offset
    offsets = np.frombuffer(buffers[1], dtype=np.int64)[at : at + len(values) + 1]
    start, end = (int(offsets[0]), int(offsets[-1])) if len(offsets) else (0, 0)
    data = (
        np.frombuffer(buffers[2], dtype=np.uint8)[start:end]
        if buffers[2] is not None
        else np.zeros(0, dtype=np.uint8)
    )
    return data, (offsets - start if len(offsets) else np.zeros(1, dtype=np.int64))


def strings(values: Sequence[str], base: Strings | None = None) -> Strings:
    """``values`` as a table of ``Strings``: alone, or as the extra values after ``base``'s."""
    data, offsets = string_buffers(pa.array(values, type=pa.string()))
    shapes, dates = string_shapes(data, offsets), string_dates(data, offsets)
    if base is None:
        return Strings(len(values), data, offsets, data[:0], offsets[:1], widest(offsets),
                       shapes, shapes[:0], dates, dates[:0])  # fmt: skip
    width = max(base.width, widest(offsets))
    return base._replace(
        extra=data, extra_offsets=offsets, width=width, extra_shapes=shapes, extra_dates=dates
    )


def widest(offsets: np.ndarray) -> int:
    """The longest string of a table, in bytes (at least 1)."""
    return max(int(widest_bytes(np.ascontiguousarray(offsets, dtype=np.int64))), 1)


def _frozen(arrays: Sequence[np.ndarray]) -> tuple[np.ndarray, ...]:
    """Read-only int64 views, so every table compiles to the one kernel signature."""
    out = []
    for array in arrays:
        view = np.ascontiguousarray(array, dtype=np.int64).view()
        view.flags.writeable = False
        out.append(view)
    return tuple(out)


def score(
    program: Program,
    li: np.ndarray,
    ri: np.ndarray,
    left: Columns,
    right: Columns,
    strings: Strings,
    tf_adjustment: np.ndarray,
    min_weight: float,
    protect_comparison: int,
    protect_level: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(kept, levels, weights): the pairs scored in full, ascending, and their levels and
    weights (rows aligned with ``kept``); ``min_weight`` -inf keeps every pair."""
    comparisons = len(program.order)
    if not len(li):
        return (
            np.zeros(0, np.int64),
            np.zeros((0, comparisons), np.int64),
            np.zeros((0, comparisons)),
        )
    # written only for the pairs kept: untouched pages of these are never materialised
    kept = np.empty(len(li), dtype=np.int64)
    levels = np.empty((len(li), comparisons), dtype=np.int64)
    weights = np.empty((len(li), comparisons), dtype=np.float64)
    data = np.ascontiguousarray(strings.data, dtype=np.uint8).view()
    extra = np.ascontiguousarray(strings.extra, dtype=np.uint8).view()
    data.flags.writeable = extra.flags.writeable = False
    (offsets, extra_offsets) = _frozen((strings.offsets, strings.extra_offsets))
    count = _score(
        li, ri, left.scalars, right.scalars,
        left.offsets, left.codes, right.offsets, right.codes, left.facts, right.facts,
        strings.split, data, offsets, extra, extra_offsets, max(strings.width, 1),
        program.order, program.start, program.kind, program.a, program.b, program.threshold,
        program.weight, program.slot, program.tail, program.prior_weight,
        np.ascontiguousarray(tf_adjustment, dtype=np.float64),
        min_weight, protect_comparison, protect_level, bool(np.isfinite(min_weight)),
        kept, levels, weights,
    )  # fmt: skip
    return kept[:count], levels[:count], weights[:count]


# --- strings ---------------------------------------------------------------------------------


@njit(cache=True, nogil=True)
def _decode(data: np.ndarray, begin: int, end: int, out: np.ndarray) -> int:
    """The code points of UTF-8 ``data[begin:end]`` into ``out``; how many."""
    n = 0
    at = begin
    while at < end:
        byte = np.int64(data[at])
        if byte < 0x80:
            value, more = byte, 0
        elif byte < 0xE0:
            value, more = byte & 0x1F, 1
        elif byte < 0xF0:
            value, more = byte & 0x0F, 2
        else:
            value, more = byte & 0x07, 3
        for step in range(1, more + 1):
            value = (value << 6) | (np.int64(data[at + step]) & 0x3F)
        out[n] = value
        n += 1
        at += more + 1
    return n


SHAPE_BITS = 40  # a shape is (length << SHAPE_BITS) | the classes of characters present


@njit(cache=True, nogil=True)
def string_shapes(data: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """The shape of every string of a table: ``(code points << SHAPE_BITS) | classes``, one
    bit per class of character present (a-z, 0-9, space, three classes for the rest). Two
    shapes bound the Jaro-Winkler similarity of their strings (``_may_reach``)."""
    out = np.empty(len(offsets) - 1, dtype=np.int64)
    points = np.empty(max(widest_bytes(offsets), 1), dtype=np.int64)
    for code in range(len(out)):
        n = _decode(data, offsets[code], offsets[code + 1], points)
        present = np.int64(0)
        for k in range(n):
            value = points[k]
            if 97 <= value <= 122:
                present |= np.int64(1) << (value - 97)
            elif 48 <= value <= 57:
                present |= np.int64(1) << (value - 48 + 26)
            elif value == 32:
                present |= np.int64(1) << 36
            else:
                present |= np.int64(1) << (37 + value % 3)
        out[code] = (np.int64(n) << SHAPE_BITS) | present
    return out


@njit(cache=True, nogil=True)
def string_dates(data: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Each string of ten characters from ``0-9`` and ``-`` (a full date) as one number, four
    bits a character, first character lowest, with bit 62 set; any other string as
    ``-1 - its length in characters``."""
    out = np.empty(len(offsets) - 1, dtype=np.int64)
    for code in range(len(out)):
        begin, end = offsets[code], offsets[code + 1]
        packed = (1 << 62) + 0
        characters = np.int64(0)
        for k in range(begin, end):
            byte = np.int64(data[k])
            if byte & 0xC0 != 0x80:  # not a continuation byte: a character starts
                characters += 1
            if k - begin >= 10:
                packed = -1
            elif 48 <= byte <= 57:
                packed |= (byte - 48) << (4 * (k - begin))
            elif byte == 45:
                packed |= np.int64(10) << (4 * (k - begin))
            else:
                packed = -1
        out[code] = packed if packed >= 0 and characters == 10 else -1 - characters
    return out


@njit(cache=True, nogil=True)
def _ten_characters(fact: int) -> bool:
    """Whether a ``string_dates`` fact is of a string of ten characters."""
    return fact >= 0 or fact == -11


@njit(cache=True, nogil=True)
def _unpacked(fact: int, out: np.ndarray) -> int:
    """A packed date's ten characters (``string_dates``) into ``out`` as small numbers, one
    per character (equal characters, equal numbers); ten."""
    for k in range(10):
        out[k] = (fact >> (4 * k)) & 15
    return 10


@njit(cache=True, nogil=True)
def widest_bytes(offsets: np.ndarray) -> int:
    widest = 0
    for code in range(len(offsets) - 1):
        widest = max(widest, offsets[code + 1] - offsets[code])
    return widest


@njit(cache=True, nogil=True)
def _bits(value: int) -> int:
    count = 0
    while value:
        value &= value - 1
        count += 1
    return count


@njit(cache=True, nogil=True)
def _may_reach(shape1: int, shape2: int, threshold: float) -> bool:
    """Whether strings of these shapes can reach Jaro-Winkler ``threshold``. A class of
    characters one string holds and the other lacks leaves at least one character unmatched,
    which bounds the common characters; no transpositions and a full prefix bound the rest."""
    mask = (1 << SHAPE_BITS) - 1
    n1 = shape1 >> SHAPE_BITS
    n2 = shape2 >> SHAPE_BITS
    if n1 == 0 or n2 == 0:
        return True
    common = min(n1 - _bits(shape1 & ~shape2 & mask), n2 - _bits(shape2 & ~shape1 & mask))
    if common <= 0:
        return threshold <= 0.0
    jaro = (common / n1 + common / n2 + 1.0) / 3.0
    best = jaro + 0.4 * (1.0 - jaro) if jaro > 0.7 else jaro
    return best >= threshold - 1e-9


@njit(cache=True, nogil=True)
def _string(
    code: int,
    split: int,
    base: np.ndarray,
    base_offsets: np.ndarray,
    extra: np.ndarray,
    extra_offsets: np.ndarray,
    out: np.ndarray,
) -> int:
    if code < split:
        return _decode(base, base_offsets[code], base_offsets[code + 1], out)
    code -= split
    return _decode(extra, extra_offsets[code], extra_offsets[code + 1], out)


@njit(cache=True, nogil=True)
def jaro_winkler(
    s1: np.ndarray, n1: int, s2: np.ndarray, n2: int, f1: np.ndarray, f2: np.ndarray
) -> float:
    """rapidfuzz's ``JaroWinkler.similarity`` (prefix weight 0.1) of ``s1[:n1]`` and
    ``s2[:n2]``; ``f1``, ``f2`` are scratch flags at least as long."""
    prefix = 0
    for k in range(min(n1, n2, 4)):
        if s1[k] != s2[k]:
            break
        prefix += 1
    if n1 == 0 or n2 == 0:
        return 1.0 if n1 == n2 else 0.0
    if n1 == 1 and n2 == 1:
        sim = 1.0 if s1[0] == s2[0] else 0.0
    else:
        # only the part of the longer string within the window of the shorter can match
        use1, use2 = n1, n2
        if n2 > n1:
            bound = n2 // 2 - 1
            if n2 > n1 + bound:
                use2 = n1 + bound
        else:
            bound = n1 // 2 - 1
            if n1 > n2 + bound:
                use1 = n2 + bound
        for k in range(n1):
            f1[k] = False
        for k in range(n2):
            f2[k] = False
        common = 0
        for i in range(use1):
            for j in range(max(0, i - bound), min(i + bound, n2 - 1) + 1):
                if j < use2 and not f2[j] and s2[j] == s1[i]:
                    f1[i] = True
                    f2[j] = True
                    common += 1
                    break
        if common == 0:
            return 0.0
        at = 0
        swaps = 0
        for i in range(use1):
            if f1[i]:
                j = at
                while not f2[j]:
                    j += 1
                at = j + 1
                if s1[i] != s2[j]:
                    swaps += 1
        swaps //= 2
        sim = 0.0
        sim += common / n1
        sim += common / n2
        sim += (common - swaps) / common
        sim = sim / 3.0
    if sim > 0.7:
        sim += prefix * 0.1 * (1.0 - sim)
        sim = min(sim, 1.0)
    return sim


@njit(cache=True, nogil=True)
def _one_edit_dates(s1: np.ndarray, n1: int, s2: np.ndarray, n2: int) -> bool:
    """Both ten characters long and at most one substitution or adjacent transposition
    apart (a Damerau-Levenshtein distance of at most 1 between strings of equal length)."""
    if n1 != 10 or n2 != 10:
        return False
    first = -1
    differ = 0
    for k in range(10):
        if s1[k] != s2[k]:
            if differ == 0:
                first = k
            differ += 1
            if differ > 2:
                return False
    if differ <= 1:
        return True
    second = first + 1
    return s1[first] == s2[second] and s1[second] == s2[first]


# --- levels ----------------------------------------------------------------------------------


@njit(cache=True, nogil=True)
def _common(
    left: np.ndarray,
    left_from: int,
    left_to: int,
    right: np.ndarray,
    right_from: int,
    right_to: int,
) -> bool:
    """Whether ``left[left_from:left_to]`` and ``right[right_from:right_to]`` share a code."""
    for x in range(left_from, left_to):
        value = left[x]
        for y in range(right_from, right_to):
            if right[y] == value:
                return True
    return False


@njit(cache=True, nogil=True)
def _holds(codes: np.ndarray, begin: int, end: int, value: int) -> bool:
    if value < 0:
        return False
    for x in range(begin, end):  # noqa: SIM110 - numba compiles no any()
        if codes[x] == value:
            return True
    return False


@njit(cache=True, nogil=True)
def _score(
    li, ri, left_scalars, right_scalars, left_offsets, left_codes, right_offsets, right_codes,
    left_facts, right_facts, split, base, base_offsets, extra, extra_offsets, width,
    order, start, kind, col_a, col_b, threshold, weight, slot, tail, prior_weight,
    tf_adjustment, min_weight, protect_comparison, protect_level, prune,
    kept, levels, weights,
):  # fmt: skip
    """Levels and weights of pairs (``li[k]``, ``ri[k]``); how many pairs were kept. Kept
    pair number ``n`` is pair ``kept[n]``, with ``levels[n]`` and ``weights[n]``. With
    ``prune``, a pair is dropped as soon as the most it can still reach falls below
    ``min_weight`` (unless it is at level ``protect_level`` of comparison
    ``protect_comparison``)."""
    s1 = np.empty(width, dtype=np.int64)
    s2 = np.empty(width, dtype=np.int64)
    f1 = np.empty(width, dtype=np.bool_)
    f2 = np.empty(width, dtype=np.bool_)
    comparisons = len(order)
    resume = np.empty(comparisons, dtype=np.int64)
    pair_levels = np.empty(comparisons, dtype=np.int64)
    pair_weights = np.empty(comparisons, dtype=np.float64)
    count = 0
    first_bound = prior_weight
    for j in range(comparisons):
        first_bound += tail[j, 0]
    for k in range(len(li)):
        row = li[k]
        other = ri[k]
        bound = first_bound
        protected = False
        dropped = False
        pair_levels[:] = -1
        pair_weights[:] = 0.0
        # two passes: every comparison's levels up to its first string level, then the rest
        for phase in range(2):
            for step in range(comparisons):
                j = order[step]
                first = start[j]
                if phase == 0:
                    at = first
                else:
                    at = resume[j]
                    if at < 0:
                        continue
                before = tail[j, at - first]
                found = -1
                while at < start[j + 1]:
                    kd = kind[at]
                    if phase == 0 and kd in STRING_KINDS:
                        break
                    a = col_a[at]
                    hit = False
                    if kd == ELSE:
                        hit = True
                    elif kd == NULL:
                        hit = left_scalars[row, a] < 0 or right_scalars[other, a] < 0
                    elif kd in (EXACT, PREFIX):
                        value = left_scalars[row, a]
                        hit = value >= 0 and value == right_scalars[other, a]
                    elif kd == INTERSECT:
                        hit = _common(
                            left_codes[a], left_offsets[row, a], left_offsets[row + 1, a],
                            right_codes[a], right_offsets[other, a], right_offsets[other + 1, a],
                        )  # fmt: skip
                    elif kd == CONTAINS:
                        lists = col_b[at]
                        hit = _holds(
                            right_codes[lists], right_offsets[other, lists],
                            right_offsets[other + 1, lists], left_scalars[row, a],
                        ) or _holds(
                            left_codes[lists], left_offsets[row, lists],
                            left_offsets[row + 1, lists], right_scalars[other, a],
                        )  # fmt: skip
                    elif kd == SWAPPED:
                        value = right_scalars[other, a]
                        hit = value >= 0 and value == left_scalars[row, col_b[at]]
                    elif kd == ID_NULL:
                        kinds = col_b[at]
                        hit = (
                            left_offsets[row + 1, a] == left_offsets[row, a]
                            or right_offsets[other + 1, a] == right_offsets[other, a]
                            or not _common(
                                left_codes[kinds], left_offsets[row, kinds],
                                left_offsets[row + 1, kinds], right_codes[kinds],
                                right_offsets[other, kinds], right_offsets[other + 1, kinds],
                            )
                        )  # fmt: skip
                    elif kd == ADDR_NULL:
                        b = col_b[at]
                        hit = (left_scalars[row, a] < 0 or right_scalars[other, a] < 0) and (
                            left_scalars[row, b] < 0 or right_scalars[other, b] < 0
                        )
                    else:  # JW or DL1: both strings known
                        lc = left_scalars[row, a]
                        rc = right_scalars[other, a]
                        if lc >= 0 and rc >= 0:
                            fact1 = left_facts[row, col_b[at]]
                            fact2 = right_facts[other, col_b[at]]
                            if kd == DL1 and fact1 >= 0 and fact2 >= 0:  # two packed dates
                                hit = _one_edit_dates(
                                    s1, _unpacked(fact1, s1), s2, _unpacked(fact2, s2)
                                )
                            elif (
                                _may_reach(fact1, fact2, threshold[at])
                                if kd == JW
                                else _ten_characters(fact1) and _ten_characters(fact2)
                            ):
                                n1 = _string(
                                    lc, split, base, base_offsets, extra, extra_offsets, s1
                                )
                                n2 = _string(
                                    rc, split, base, base_offsets, extra, extra_offsets, s2
                                )
                                if kd == JW:
                                    hit = jaro_winkler(s1, n1, s2, n2, f1, f2) >= threshold[at]
                                else:
                                    hit = _one_edit_dates(s1, n1, s2, n2)
                    if hit:
                        found = at
                        break
                    at += 1
                if found >= 0:
                    gained = weight[found]
                    if slot[found] >= 0:
                        gained = gained + tf_adjustment[slot[found], row]
                    pair_levels[j] = found - first
                    pair_weights[j] = gained
                    bound += gained - before
                    resume[j] = -1
                    if j == protect_comparison and found - first == protect_level:
                        protected = True
                elif at < start[j + 1]:  # stopped at a string level: resume there
                    bound += tail[j, at - first] - before
                    resume[j] = at
                else:  # on none of the levels (a comparison without "else"): weight 0
                    bound += 0.0 - before
                    resume[j] = -1
                if prune and not protected and bound < min_weight - 1e-9:
                    dropped = True
                    break
            if dropped:
                break
        if not dropped:
            kept[count] = k
            levels[count, :] = pair_levels
            weights[count, :] = pair_weights
            count += 1
    return count
