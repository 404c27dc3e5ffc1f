"""An online store built from more records than fit in memory as Python objects.

``online.from_memory`` starts from a ``store.Store``: every record, feature row and posting
list as Python objects, about 21 GB at a million records. Ten million records (786 million
postings) fit neither as objects nor as one table of postings. Here the records arrive as
Arrow batches (rows of ``access.records.synthetic`` tables); spawned workers compute each
batch's feature rows and candidate keys, and write the keys to disk split into shards by byte
range (``boundaries``, from a sample of keys), so every posting of a key lands in one shard.
The parent encodes the feature rows as they come back, in record order, over one vocabulary;
then each shard's postings are read and sorted alone (``online.build``). Record ids are row
numbers from 0, as ``online.from_memory`` gives them: the same records give the same files
(test).
"""

from __future__ import annotations

import multiprocessing as mp
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
from numba import njit

from access.matching import online
from access.matching.kernel import string_buffers
from access.matching.keys import MAX_POSTINGS, keys_for
from access.matching.lookups import _compare
from access.matching.normalize import features
from access.matching.schema import Record

BATCH = 100_000  # records a worker turns into feature rows and keys at once
SHARDS = 64  # byte ranges of keys sorted one at a time (~12M postings each at 10M records)
SAMPLE = 20_000  # records whose keys choose the shards' boundaries

ToRecords = Callable[[pa.Table], list[Record]]


def boundaries(records: Sequence[Record], shards: int) -> list[str]:
    """``shards - 1`` keys splitting a sample of ``records``' keys into ranges of about equal
    postings (sorted, distinct; fewer when the sample has fewer distinct keys)."""
    keys = sorted(k for r in records for k in keys_for(r))
    if not keys:
        return []
    cuts = {keys[len(keys) * i // shards] for i in range(1, shards)}
    return sorted(cuts)


@njit(cache=True, nogil=True)
def _shard_of(
    data: np.ndarray, offsets: np.ndarray, cut: np.ndarray, cut_offsets: np.ndarray
) -> np.ndarray:
    """For each string, how many boundaries sort at or before it (its shard)."""
    n, m = len(offsets) - 1, len(cut_offsets) - 1
    out = np.empty(n, dtype=np.int32)
    for i in range(n):
        low, high = 0, m
        while low < high:
            mid = (low + high) // 2
            if _compare(cut, cut_offsets[mid], cut_offsets[mid + 1], data, offsets[i],
                        offsets[i + 1]) <= 0:  # fmt: skip
                low = mid + 1
            else:
                high = mid
        out[i] = low
    return out


def _keys_written(records: Sequence[Record], first_row: int, cuts: list[str], folder: Path) -> int:
    """Write ``records``' (key, row) postings into one file per shard; how many were written."""
    keys: list[str] = []
    rows: list[int] = []
    for row, record in enumerate(records, start=first_row):
        found = keys_for(record)
        keys.extend(found)
        rows.extend([row] * len(found))
    if not keys:
        return 0
    key_array = pa.array(keys, type=pa.large_string())
    cut_data, cut_offsets = string_buffers(pa.array(cuts, type=pa.large_string()))
    data, offsets = string_buffers(key_array)
    shard = _shard_of(
        data, np.ascontiguousarray(offsets), cut_data, np.ascontiguousarray(cut_offsets)
    )
    order = np.argsort(shard, kind="stable")
    table = pa.table({"key": key_array, "record": pa.array(rows, pa.int64())}).take(order)
    ends = np.searchsorted(shard[order], np.arange(len(cuts) + 1), side="right")
    start = 0
    for s, end in enumerate(ends.tolist()):
        if end > start:
            path = folder / f"{s:04d}" / f"{first_row:012d}.arrow"
            path.parent.mkdir(exist_ok=True)
            with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as out:
                out.write_table(table.slice(start, end - start))
        start = end
    return len(keys)


_WORKER: dict[str, Any] = {}


def _worker(to_records: ToRecords, cuts: list[str], folder: str, records: str) -> None:
    _WORKER.update(to_records=to_records, cuts=cuts, folder=Path(folder), table=mapped(records))


def mapped(path: str | Path) -> pa.Table:
    """An Arrow IPC file's table, memory-mapped (the map stays open while the table lives):
    a slice reads its own rows alone, and the pages belong to the page cache, not the heap."""
    return pa.ipc.open_file(pa.memory_map(str(path))).read_all()


def write_table(table: pa.Table, path: Path) -> None:
    """``table`` as an Arrow IPC file, for ``build`` (which then need not hold it in memory)."""
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as out:
        out.write_table(table)


def _batch(job: tuple[int, int]) -> tuple[int, list[dict[str, Any]], int]:
    """One batch (first row, rows): its feature rows and how many postings it wrote."""
    first_row, size = job
    records = _WORKER["to_records"](_WORKER["table"].slice(first_row, size))
    written = _keys_written(records, first_row, _WORKER["cuts"], _WORKER["folder"])
    return first_row, [features(r) for r in records], written


def _in_order(pool: Executor, jobs: list[tuple[int, int]], ahead: int) -> Iterator[Any]:
    """``_batch`` of each job in order, with at most ``ahead`` batches submitted and not yet
    taken: finished batches' feature rows wait in memory only that far ahead of the encoding.
    A worker that dies (killed for memory) fails the build: ``BrokenProcessPool``, where a
    ``multiprocessing.Pool`` would replace it and wait for its batch forever."""
    pending: deque[Future[Any]] = deque()
    for job in jobs:
        pending.append(pool.submit(_batch, job))
        if len(pending) >= ahead:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def build(
    directory: Path,
    source: pa.Table | Path,
    to_records: ToRecords,
    *,
    workers: int = 2,
    batch: int = BATCH,
    shards: int = SHARDS,
    max_postings: int = MAX_POSTINGS,
    scratch: Path | None = None,
    progress: Callable[[int], None] | None = None,
) -> online.BuildReport:
    """Write the online store of the rows of ``source`` (a table, or an Arrow IPC file of one,
    ``write_table``) into ``directory``; record ids are row numbers.

    ``to_records`` turns a slice of the table into ``Record`` s (it must pickle: a module
    function). The keys (and a given table) go to a scratch folder under ``scratch``
    (default: the system's), removed at the end; ``progress`` is told how many rows each
    batch held."""
    folder = Path(tempfile.mkdtemp(prefix="access-keys-", dir=scratch))
    try:
        if isinstance(source, pa.Table):
            write_table(source, folder / "records.arrow")
            source = folder / "records.arrow"
        table = mapped(source)
        every = max(1, table.num_rows // SAMPLE)  # rows spread over the table
        cuts = boundaries(to_records(table.take(np.arange(0, table.num_rows, every))), shards)
        jobs = [(start, batch) for start in range(0, table.num_rows, batch)]
        del table
        setup = (to_records, cuts, str(folder), str(source))
        shard_tables = _shards(folder, len(cuts) + 1)
        if workers > 1:
            context = mp.get_context("spawn")
            with ProcessPoolExecutor(workers, context, _worker, setup) as pool:
                batches = _features(_in_order(pool, jobs, 2 * workers), progress)
                return online.build(directory, batches, shard_tables, max_postings=max_postings)
        _worker(*setup)
        batches = _features(map(_batch, jobs), progress)
        return online.build(directory, batches, shard_tables, max_postings=max_postings)
    finally:
        _WORKER.clear()
        shutil.rmtree(folder, ignore_errors=True)


def _features(
    results: Iterator[tuple[int, list[dict[str, Any]], int]],
    progress: Callable[[int], None] | None,
) -> Iterator[tuple[np.ndarray, list[dict[str, Any]]]]:
    for first_row, rows, _written in results:
        yield np.arange(first_row, first_row + len(rows), dtype=np.int64), rows
        if progress:
            progress(len(rows))


def _shards(folder: Path, count: int) -> Iterator[pa.Table]:
    """Each shard's postings, in byte order of the shards (read after every batch is done)."""
    schema = pa.schema([("key", pa.large_string()), ("record", pa.int64())])
    for s in range(count):
        parts = []
        for path in sorted((folder / f"{s:04d}").glob("*.arrow")):
            with pa.OSFile(str(path)) as source:
                parts.append(pa.ipc.open_file(source).read_all())
        table = pa.concat_tables(parts) if parts else schema.empty_table()
        yield table.cast(pa.schema([("key", pa.string()), ("record", pa.int64())]))
