"""Compiled lookups in an online store's sorted tables, for roster chunks of thousands of rows.

The store keeps its vocabulary and its candidate keys as sorted UTF-8 strings
(``online.SortedStrings``) and each key's records as a posting list. A roster chunk looks up
tens of thousands of strings at once: ``find_all`` bisects for all of them in compiled code,
and ``posted_pairs`` turns the keys found into distinct (roster row, store row) pairs with a
counting sort by store row, which is the order the scoring kernel reads the store in.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from numba import njit

from access.matching.kernel import string_buffers


@njit(cache=True, nogil=True)
def _compare(a: np.ndarray, a_from: int, a_to: int, b: np.ndarray, b_from: int, b_to: int) -> int:
    """-1, 0 or 1 as bytes ``a[a_from:a_to]`` sort before, equal or after ``b[b_from:b_to]``."""
    n = min(a_to - a_from, b_to - b_from)
    for k in range(n):
        x, y = a[a_from + k], b[b_from + k]
        if x != y:
            return -1 if x < y else 1
    la, lb = a_to - a_from, b_to - b_from
    return 0 if la == lb else (-1 if la < lb else 1)


def find_all(data: np.ndarray, offsets: np.ndarray, query: pa.Array) -> np.ndarray:
    """The rank of each string of ``query`` in the sorted table (``data``, ``offsets``: UTF-8
    bytes in byte order), or -1 when it is not there. The queries are looked up in sorted
    order, each search starting from the last one's rank, so the table is read forwards."""
    query = query.cast(pa.large_binary())
    order = np.asarray(pc.sort_indices(query), dtype=np.int64)
    query_data, query_offsets = string_buffers(query.cast(pa.large_string()))
    return _find_sorted(
        np.asarray(data), np.ascontiguousarray(offsets, dtype=np.int64),
        query_data, query_offsets, order,
    )  # fmt: skip


@njit(cache=True, nogil=True)
def _find_sorted(
    data: np.ndarray,
    offsets: np.ndarray,
    query: np.ndarray,
    query_offsets: np.ndarray,
    order: np.ndarray,
) -> np.ndarray:
    size = len(offsets) - 1
    out = np.full(len(order), -1, dtype=np.int64)
    low = 0
    for q in order:
        q_from, q_to = query_offsets[q], query_offsets[q + 1]
        # gallop from the last rank to bracket this query, then bisect the bracket
        step = 1
        high = low
        while (
            high < size
            and _compare(data, offsets[high], offsets[high + 1], query, q_from, q_to) < 0
        ):
            low = high + 1
            high = low + step
            step *= 2
        high = min(high, size)
        while low < high:
            mid = (low + high) // 2
            if _compare(data, offsets[mid], offsets[mid + 1], query, q_from, q_to) < 0:
                low = mid + 1
            else:
                high = mid
        if low < size and _compare(data, offsets[low], offsets[low + 1], query, q_from, q_to) == 0:
            out[q] = low
    return out


@njit(cache=True, nogil=True)
def posted_pairs(
    owner: np.ndarray, lists: np.ndarray, offsets: np.ndarray, postings: np.ndarray, size: int
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (owner, store row) pairs: ``owner[k]`` (ascending) with every row of posting
    list ``lists[k]`` (``postings[offsets[i]:offsets[i + 1]]``), ordered by store row, then
    owner; ``size``: the store's rows."""
    count = np.zeros(size + 1, dtype=np.int64)  # then where each store row's owners start
    for k in range(len(lists)):
        for x in range(offsets[lists[k]], offsets[lists[k] + 1]):
            count[postings[x] + 1] += 1
    for r in range(size):
        count[r + 1] += count[r]
    slots = np.empty(count[size], dtype=np.int32)  # owners: a chunk's row numbers
    fill = count[:size].copy()
    for k in range(len(lists)):
        for x in range(offsets[lists[k]], offsets[lists[k] + 1]):
            r = postings[x]
            slots[fill[r]] = owner[k]
            fill[r] += 1
    left = np.empty(len(slots), dtype=np.int64)
    right = np.empty(len(slots), dtype=np.int64)
    n = 0
    for r in range(size):
        previous = -1
        for s in range(count[r], count[r + 1]):
            if slots[s] != previous:  # a row's owners arrive in ascending order
                previous = slots[s]
                left[n] = previous
                right[n] = r
                n += 1
    return left[:n], right[:n]
