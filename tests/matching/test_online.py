"""The online store (memory-mapped keys and encoded feature rows) answers as ``Matcher``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from access.matching import online, search
from access.matching.keys import KeyIndex, query_keys
from access.matching.model import Model
from access.matching.schema import Record
from access.matching.store import Store


def _postings(index: KeyIndex, ids: np.ndarray) -> pa.Table:
    keys, records = [], []
    for key, rows in index.postings.items():
        keys += [key] * len(rows)
        records += [int(ids[r]) for r in rows]
    return pa.table({"key": keys, "record": pa.array(records, pa.int64())})


def _batches(store: Store, ids: np.ndarray, size: int = 700) -> list:
    return [(ids[i : i + size], store.rows[i : i + size]) for i in range(0, len(store), size)]


@pytest.fixture
def published(
    population_small: tuple, tmp_path: Path
) -> tuple[Store, np.ndarray, online.OnlineStore]:
    records, _persons = population_small
    store = Store.build(records)
    ids = np.arange(len(store), dtype=np.int64) * 3 + 10  # record ids need not be row numbers
    root = tmp_path / "online"
    online.publish(
        root,
        lambda d: online.build(
            d, _batches(store, ids), _postings(store.index, ids), stamp={"t": 1}
        ),
    )
    directory = online.current(root)
    assert directory is not None
    return store, ids, online.OnlineStore(directory)


def test_online_store_answers_as_the_in_memory_matcher(trained: Model, published: tuple) -> None:
    store, ids, mapped = published
    matcher = search.Matcher(trained, store)
    position = {row["unique_id"]: i for i, row in enumerate(store.rows)}
    first = next(r for r in store.records if r.identifiers.get("a_number"))
    stranger = Record(
        "stranger", given_name="Zebulon", family_names=("Quixlé",),
        identifiers={"a_number": first.identifiers["a_number"]},
    )  # fmt: skip
    queries = [*store.records[::9][:90], stranger]
    reported = 0
    for query in queries:
        want = [
            (int(ids[position[c.record_id]]), c.band, round(c.match_weight, 9), c.explanation)
            for c in matcher.search(query)
        ]
        rows = mapped.candidates(query_keys(query))
        assert rows.tolist() == matcher.candidate_rows(query)
        found = matcher.scorer.shortlist_online(mapped, query, rows)
        got = [
            (int(c.record_id), c.band, round(c.match_weight, 9), c.explanation)
            for c in search.rank(found, 10)
        ]
        assert got == want
        reported += len(got)
    assert reported > 90
    assert mapped.manifest["stamp"] == {"t": 1}
    assert mapped.max_record_id == int(ids[-1])


def test_shortlists_merged_answer_as_one_search(trained: Model, published: tuple) -> None:
    """Rows split between two parts (the online store and records loaded since) give the
    answer of one search over all of them."""
    store, _ids, _mapped = published
    matcher = search.Matcher(trained, store)
    for query in store.records[::13][:40]:
        rows = [store.rows[i] for i in matcher.candidate_rows(query)]
        half = len(rows) // 2
        parts = []
        for part in (rows[:half], rows[half:]):
            parts += matcher.scorer.shortlist(query, part, 10)
        merged = search.rank(parts, 10)
        whole = matcher.search(query)
        assert [(c.record_id, c.band, c.match_weight, c.explanation) for c in merged] == [
            (c.record_id, c.band, c.match_weight, c.explanation) for c in whole
        ]


def test_keys_over_their_cap_keep_their_count_but_no_postings(
    tmp_path: Path, population_small: tuple
) -> None:
    records, _persons = population_small
    store = Store.build(records[:200])
    ids = np.arange(len(store), dtype=np.int64) + 1
    postings = pa.table(
        {
            "key": ["fy:common|1980"] * 150 + ["nm:rare"] * 2,
            "record": pa.array([*range(1, 151), 1, 2], pa.int64()),
        }
    )
    report = online.build(tmp_path / "s", _batches(store, ids), postings, max_postings=100)
    mapped = online.OnlineStore(tmp_path / "s")
    assert (report.keys, report.keys_over_cap, report.postings) == (2, 1, 2)
    assert mapped.candidates({"fy:common|1980"}).size == 0
    assert mapped.candidates({"nm:rare", "unknown"}).tolist() == [0, 1]
    assert (mapped.count("fy:common|1980"), mapped.count("nm:rare"), mapped.count("x")) == (
        150,
        2,
        0,
    )
    # records outside the store that hold a key count against its cap
    assert mapped.candidates({"nm:rare"}, grown={"nm:rare": 98}).tolist() == [0, 1]
    assert mapped.candidates({"nm:rare"}, grown={"nm:rare": 99}).size == 0
    assert mapped.within_cap({"nm:rare": 98, "fy:common|1980": 1, "new:key": 100}) == {
        "nm:rare",
        "new:key",
    }


def test_bad_input_is_refused_and_nothing_is_published(
    tmp_path: Path, population_small: tuple
) -> None:
    records, _persons = population_small
    store = Store.build(records[:50])
    ids = np.arange(len(store), dtype=np.int64) + 1
    stray = pa.table({"key": ["nm:x"], "record": pa.array([9999], pa.int64())})
    root = tmp_path / "online"
    with pytest.raises(online.OnlineStoreError, match="without a feature row"):
        online.publish(root, lambda d: online.build(d, _batches(store, ids), stray))
    assert online.current(root) is None
    assert [p.name for p in root.iterdir()] == [online.LOCK]  # no version folder left
    backwards = [(ids[::-1], list(reversed(store.rows)))]
    with pytest.raises(online.OnlineStoreError, match="ascending"):
        online.build(tmp_path / "b", backwards, stray.slice(0, 0))
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / online.MANIFEST).write_text('{"format": 99}')
    with pytest.raises(online.OnlineStoreError, match="format 99"):
        online.OnlineStore(tmp_path / "broken")


def test_publishing_replaces_the_current_version(tmp_path: Path, population_small: tuple) -> None:
    records, _persons = population_small
    store = Store.build(records[:30])
    ids = np.arange(len(store), dtype=np.int64) + 1
    root = tmp_path / "online"
    empty = pa.table({"key": pa.array([], pa.string()), "record": pa.array([], pa.int64())})
    first = online.publish(root, lambda d: online.build(d, _batches(store, ids), empty))
    second = online.publish(
        root, lambda d: online.build(d, _batches(store, ids), empty, stamp={"n": 2})
    )
    assert online.current(root) == second != first
    assert not first.exists()
    assert second.stat().st_mode & 0o077 == 0  # person data: the owner's alone
    assert online.withdraw(root) and online.current(root) is None
    assert not online.withdraw(root)
