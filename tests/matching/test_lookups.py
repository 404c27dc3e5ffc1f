"""Compiled lookups in sorted tables answer as a bisection and a sort would."""

from __future__ import annotations

import bisect

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from access.matching import lookups
from access.matching.kernel import string_buffers

WORDS = st.lists(st.text(alphabet="abcñé:1", min_size=0, max_size=6), max_size=60)


@settings(max_examples=500, deadline=None)
@given(WORDS, WORDS)
def test_find_all_gives_each_strings_rank_or_minus_one(
    table: list[str], queries: list[str]
) -> None:
    ordered = sorted({t.encode("utf-8") for t in table})
    data, offsets = string_buffers(pa.array([b.decode("utf-8") for b in ordered], pa.string()))
    got = lookups.find_all(data, offsets, pa.array(queries, pa.string()))
    want = []
    for query in queries:
        at = bisect.bisect_left(ordered, query.encode("utf-8"))
        want.append(at if at < len(ordered) and ordered[at] == query.encode("utf-8") else -1)
    assert got.tolist() == want


def test_posted_pairs_are_the_distinct_pairs_ordered_by_store_row() -> None:
    rng = np.random.default_rng(5)
    size = 500
    lengths = rng.integers(0, 40, 300)
    offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    postings = rng.integers(0, size, int(offsets[-1]))
    owner = np.sort(rng.integers(0, 50, 2_000))
    lists = rng.integers(0, len(lengths), len(owner))
    left, right = lookups.posted_pairs(owner, lists, offsets, postings, size)
    want = sorted(
        {(int(r), int(o)) for o, k in zip(owner, lists, strict=True)
         for r in postings[offsets[k] : offsets[k + 1]]}
    )  # fmt: skip
    assert list(zip(right.tolist(), left.tolist(), strict=True)) == want
    assert len(want) > 1_000
