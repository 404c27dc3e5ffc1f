"""The kernel's string levels equal rapidfuzz's, which ``evaluate.score`` and Splink use."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import DamerauLevenshtein, JaroWinkler

from access.matching import kernel
from access.matching.normalize import features

# short strings over few letters meet every branch: windows, transpositions, prefixes
LETTERS = st.text(alphabet="abcdeéñ", min_size=0, max_size=12)
DATES = st.text(alphabet="0123456789-", min_size=8, max_size=11)


def _points(text: str) -> tuple[np.ndarray, int]:
    """``text`` decoded by the kernel from UTF-8, as the kernel sees a vocabulary value."""
    data = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    out = np.zeros(max(len(data), 1), dtype=np.int64)
    return out, kernel._decode(data, 0, len(data), out)


def _jaro_winkler(a: str, b: str) -> float:
    (s1, n1), (s2, n2) = _points(a), _points(b)
    flags = np.zeros(max(n1, n2, 1), dtype=np.bool_)
    return float(kernel.jaro_winkler(s1, n1, s2, n2, flags, flags.copy()))


@settings(deadline=None)
@given(LETTERS)
def test_utf8_decodes_to_the_code_points(text: str) -> None:
    points, n = _points(text)
    assert points[:n].tolist() == [ord(c) for c in text]


@settings(max_examples=3000, deadline=None)
@given(LETTERS, LETTERS)
def test_jaro_winkler_equals_rapidfuzz_bit_for_bit(a: str, b: str) -> None:
    assert _jaro_winkler(a, b) == JaroWinkler.similarity(a, b)


def test_jaro_winkler_equals_rapidfuzz_on_names(population_small: tuple) -> None:
    records, _persons = population_small
    rows = [features(r) for r in records[:800]]
    names = sorted({v for r in rows for col in ("given", "family", "pob") if (v := r[col])})
    assert len(names) > 300
    near = 0
    for a, b in itertools.combinations(names[:300], 2):
        want = JaroWinkler.similarity(a, b)
        assert _jaro_winkler(a, b) == want, (a, b)
        near += want >= 0.88
    assert near > 50  # the thresholds' neighbourhood is exercised, not only far pairs


@settings(max_examples=3000, deadline=None)
@given(DATES, DATES)
def test_one_edit_dates_equal_damerau_levenshtein(a: str, b: str) -> None:
    (s1, n1), (s2, n2) = _points(a), _points(b)
    want = len(a) == 10 == len(b) and DamerauLevenshtein.distance(a, b) <= 1
    assert kernel._one_edit_dates(s1, n1, s2, n2) == want


def test_one_edit_dates_on_the_errors_records_carry() -> None:
    base = "1985-03-04"
    assert kernel._one_edit_dates(*_points(base), *_points("1985-03-04"))
    assert kernel._one_edit_dates(*_points(base), *_points("1985-03-05"))  # one digit
    assert kernel._one_edit_dates(*_points(base), *_points("1958-03-04"))  # adjacent swap
    assert not kernel._one_edit_dates(*_points(base), *_points("1985-04-03"))  # two edits
    assert not kernel._one_edit_dates(*_points(base), *_points("1985-03"))  # partial date


def test_strings_of_an_arrow_slice_start_at_zero() -> None:
    import pyarrow as pa

    data, offsets = kernel.string_buffers(pa.array(["x", "ab", "ñu", "q"]).slice(1, 2))
    assert offsets.tolist() == [0, 2, 5]
    assert bytes(data).decode("utf-8") == "abñu"
    assert kernel.widest(offsets) == 3


def _shape(text: str) -> int:
    data = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    return int(kernel.string_shapes(data, np.array([0, len(data)], dtype=np.int64))[0])


@settings(max_examples=3000, deadline=None)
@given(LETTERS, LETTERS, st.sampled_from([0.5, 0.7, 0.88, 0.92, 0.97]))
def test_the_shape_filter_never_rules_out_a_pair_that_reaches_the_threshold(
    a: str, b: str, threshold: float
) -> None:
    reached = JaroWinkler.similarity(a, b) >= threshold
    assert kernel._may_reach(_shape(a), _shape(b), threshold) or not reached


def test_the_shape_filter_rules_out_most_different_names(population_small: tuple) -> None:
    records, _persons = population_small
    names = sorted({v for r in records[:800] if (v := features(r)["given"])})
    pairs = list(itertools.combinations(names[:200], 2))
    ruled_out = sum(not kernel._may_reach(_shape(a), _shape(b), 0.92) for a, b in pairs)
    assert ruled_out > len(pairs) // 2


def _date_fact(text: str) -> int:
    data = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    return int(kernel.string_dates(data, np.array([0, len(data)], dtype=np.int64))[0])


@settings(max_examples=3000, deadline=None)
@given(DATES, DATES)
def test_packed_dates_decide_one_edit_as_the_strings_do(a: str, b: str) -> None:
    """Two full dates are compared as packed digits; the facts of anything else say whether
    both have ten characters, as the string comparison requires."""
    fact1, fact2 = _date_fact(a), _date_fact(b)
    want = kernel._one_edit_dates(*_points(a), *_points(b))
    if fact1 >= 0 and fact2 >= 0:
        s1, s2 = np.zeros(10, dtype=np.int64), np.zeros(10, dtype=np.int64)
        n1, n2 = kernel._unpacked(fact1, s1), kernel._unpacked(fact2, s2)
        assert kernel._one_edit_dates(s1, n1, s2, n2) == want
    else:
        assert (kernel._ten_characters(fact1) and kernel._ten_characters(fact2)) or not want
    assert kernel._ten_characters(fact1) == (len(a) == 10)


def test_a_full_date_packs_and_others_carry_their_length() -> None:
    assert _date_fact("1985-03-04") >= 0
    assert _date_fact("1985-03") == -8
    assert _date_fact("1985-03-0x") == -11  # ten characters, not all digits
    assert _date_fact("1985-03-0é") == -11  # ten characters, eleven bytes
