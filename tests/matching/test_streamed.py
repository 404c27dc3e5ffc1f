"""An online store built in streamed batches and key shards equals one built in memory."""

from __future__ import annotations

import json
import multiprocessing
import os
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import numpy as np
import pytest

from access.benchmarks.matching import records_of
from access.matching import online, streamed
from access.matching.store import Store
from access.records.synthetic import generate


def _arrays(directory: Path) -> dict[str, np.ndarray]:
    return {p.name: np.load(p) for p in sorted(directory.glob("*.npy"))}


@pytest.mark.parametrize("workers", [1, 2])
def test_a_streamed_build_writes_the_in_memory_build_s_files(tmp_path: Path, workers: int) -> None:
    table = generate(1_500, 11).records
    records = records_of(table)
    store = Store.build(records)
    online.from_memory(tmp_path / "memory", store.rows, store.index.postings)
    seen: list[int] = []
    source = table
    if workers > 1:  # the records as a file, as the benchmark gives them at ten million
        source = tmp_path / "records.arrow"
        streamed.write_table(table, source)
    report = streamed.build(
        tmp_path / "streamed", source, records_of, workers=workers, batch=700, shards=8,
        scratch=tmp_path, progress=seen.append,
    )  # fmt: skip
    want, got = _arrays(tmp_path / "memory"), _arrays(tmp_path / "streamed")
    assert set(got) == set(want) and len(want) > 10
    for name, array in want.items():
        assert np.array_equal(got[name], array), name
    manifest = json.loads((tmp_path / "streamed" / online.MANIFEST).read_text())
    expected = json.loads((tmp_path / "memory" / online.MANIFEST).read_text())
    for field in ("records", "vocabulary", "keys", "keys_over_cap", "postings"):
        assert manifest[field] == expected[field], field
    assert report.postings == expected["postings"] > 10 * len(records)
    assert sum(seen) == len(records) == table.num_rows
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("access-keys-")] == []


def test_shard_boundaries_split_the_keys_in_byte_order() -> None:
    records = records_of(generate(400, 3).records)
    cuts = streamed.boundaries(records, 8)
    assert len(cuts) == 7
    assert cuts == sorted(cuts, key=lambda k: k.encode())
    keys = sorted({k for r in records for k in streamed.keys_for(r)}, key=lambda k: k.encode())
    data, offsets = streamed.string_buffers(streamed.pa.array(keys, streamed.pa.large_string()))
    cut_data, cut_offsets = streamed.string_buffers(
        streamed.pa.array(cuts, streamed.pa.large_string())
    )
    shard = streamed._shard_of(data, offsets, cut_data, cut_offsets)
    assert (np.diff(shard) >= 0).all()  # sorted keys fall in ascending shards
    assert shard.min() == 0 and shard.max() == 7
    for key, s in zip(keys, shard.tolist(), strict=True):
        assert sum(c.encode() <= key.encode() for c in cuts) == s


def test_keys_over_the_cap_are_counted_across_shards(tmp_path: Path) -> None:
    table = generate(800, 5).records
    records = records_of(table)
    store = Store.build(records)
    keys = list(store.index.postings)
    which = np.repeat(np.arange(len(keys)), [len(store.index.postings[k]) for k in keys])
    postings = online.pa.table(
        {
            "key": online.pa.array([keys[i] for i in which.tolist()], online.pa.string()),
            "record": online.pa.array(
                [r for k in keys for r in store.index.postings[k]], online.pa.int64()
            ),
        }
    )
    rows = [(np.arange(len(records), dtype=np.int64), store.rows)]
    whole = online.build(tmp_path / "whole", rows, postings, max_postings=4)
    split = streamed.build(
        tmp_path / "split", table, records_of, workers=1, batch=300, shards=6, max_postings=4
    )
    assert split.keys_over_cap == whole.keys_over_cap > 0
    assert (split.keys, split.postings) == (whole.keys, whole.postings)
    want, got = _arrays(tmp_path / "whole"), _arrays(tmp_path / "split")
    for name, array in want.items():
        assert np.array_equal(got[name], array), name


def _dies_in_a_worker(table: object) -> list:
    """``records_of`` in this process; in a build's worker, the worker dies (as the kernel
    kills a process out of memory)."""
    if multiprocessing.parent_process() is not None:
        os._exit(1)
    return records_of(table)


def test_a_worker_that_dies_fails_the_build_instead_of_hanging_it(tmp_path: Path) -> None:
    table = generate(300, 2).records
    with pytest.raises(BrokenProcessPool):
        streamed.build(
            tmp_path / "store", table, _dies_in_a_worker, workers=2, batch=100, scratch=tmp_path
        )
    assert not (tmp_path / "store").exists()
    assert list(tmp_path.iterdir()) == []  # the keys' scratch folder is removed too
