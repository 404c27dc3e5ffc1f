"""Feature rows and candidate keys for a set of records, as Python rows or an Arrow table."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from access.matching.keys import MAX_POSTINGS, KeyIndex, keys_for, posting_cap
from access.matching.normalize import LIST_FEATURES, SCALAR_FEATURES, features
from access.matching.schema import Record

SCHEMA = pa.schema(
    [("unique_id", pa.string())]
    + [(c, pa.string()) for c in SCALAR_FEATURES]
    + [(c, pa.list_(pa.string())) for c in LIST_FEATURES]
    + [("keys", pa.list_(pa.string()))]
)


def prune_keys(key_sets: Sequence[set[str]], max_postings: int = MAX_POSTINGS) -> list[list[str]]:
    """Drop keys held by more than ``keys.posting_cap`` records (the caps of ``KeyIndex``)."""
    counts = Counter(k for keys in key_sets for k in keys)
    return [
        sorted(k for k in keys if counts[k] <= posting_cap(k, max_postings)) for keys in key_sets
    ]


def features_table(
    records: Iterable[Record],
    max_postings: int = MAX_POSTINGS,
    source: str | None = None,
) -> pa.Table:
    """One row per record: ``normalize.features`` plus the ``keys`` list used for blocking."""
    records = list(records)
    rows = [features(r) for r in records]
    for row, keys in zip(
        rows, prune_keys([keys_for(r) for r in records], max_postings), strict=True
    ):
        row["keys"] = keys or None
    table = pa.Table.from_pylist(rows, schema=SCHEMA)
    if source is not None:
        table = table.append_column("source_dataset", pa.array([source] * len(rows), pa.string()))
    return table


@dataclass
class Store:
    """Records held in memory for online inquiries: feature rows and the key index."""

    records: list[Record]
    rows: list[dict[str, Any]]
    index: KeyIndex

    @classmethod
    def build(cls, records: Iterable[Record], max_postings: int = MAX_POSTINGS) -> Store:
        records = list(records)
        index = KeyIndex(max_postings)
        rows = []
        for i, record in enumerate(records):
            rows.append(features(record))
            index.add(i, keys_for(record))
        return cls(records, rows, index)

    def table(self) -> pa.Table:
        key_sets = [set[str]() for _ in self.rows]
        for key, postings in self.index.postings.items():
            if len(postings) <= posting_cap(key, self.index.max_postings):
                for i in postings:
                    key_sets[i].add(key)
        rows = [
            dict(row, keys=sorted(k) or None) for row, k in zip(self.rows, key_sets, strict=True)
        ]
        return pa.Table.from_pylist(rows, schema=SCHEMA)

    def __len__(self) -> int:
        return len(self.rows)
