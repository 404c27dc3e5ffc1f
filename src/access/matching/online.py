"""The online store: a store's candidate keys and encoded feature rows as memory-mapped arrays.

A database index answers an inquiry by reading every candidate's feature row (JSON) and
encoding it again; at a million records that read and parse cost more than the scoring. Here
the whole store is encoded once, over one vocabulary, into flat arrays on disk:

- the vocabulary: every distinct feature string, sorted (UTF-8 bytes + offsets), with its length
  in characters; a string's code is its rank, so a query's strings are found by bisection;
- each feature column of ``vectorised.Encoded`` (scalar codes; list offsets + codes);
- the candidate keys, sorted (bytes + offsets), each with its count of records and its posting
  list of store rows; a key held by more rows than ``keys.posting_cap`` allows keeps its count
  but no postings (a query skips it; records loaded later only add to the count).

``OnlineStore.open`` maps the files read-only (``numpy.load(mmap_mode="r")``), so every worker
process on a host shares one copy in the page cache, and opening costs milliseconds. Scoring
reads the store's columns in place (``vectorised.score_pairs`` with the store as the right
side). Nothing here knows about Django: the records app builds and publishes the files.
"""

from __future__ import annotations

import bisect
import contextlib
import fcntl
import functools
import json
import os
import shutil
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from access.matching import kernel, lookups, vectorised
from access.matching.kernel import PREFIX7, string_buffers
from access.matching.keys import MAX_POSTINGS, SHORT_CAP, SHORT_CAP_FAMILIES, posting_cap
from access.matching.normalize import LIST_FEATURES, SCALAR_FEATURES
from access.matching.vectorised import Encoded, Vocabulary, recoded

FORMAT = 2
MANIFEST = "manifest.json"
CURRENT = "CURRENT"
LOCK = ".publish.lock"
VERSION_PREFIX = "v"
Row = dict[str, Any]


class OnlineStoreError(Exception):
    """The files are missing, of another format, or inconsistent."""


def _file(name: str) -> str:
    return name.replace("@", "_at_") + ".npy"


class SortedStrings(Sequence[bytes]):
    """Sorted UTF-8 strings as one byte buffer and offsets; ``find`` bisects."""

    def __init__(self, data: np.ndarray, offsets: np.ndarray) -> None:
        self.data, self.offsets = data, offsets
        # slicing a memoryview is far cheaper than numpy's, for the bisection's many probes
        self._bytes = memoryview(data)  # type: ignore[arg-type]
        at = np.ascontiguousarray(offsets, dtype=np.int64)
        self._at = memoryview(at).cast("B").cast("q")  # type: ignore[arg-type]

    def __len__(self) -> int:
        return len(self._at) - 1

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            raise TypeError("SortedStrings does not slice")
        return self._bytes[self._at[i] : self._at[i + 1]].tobytes()

    def arrow(self) -> pa.LargeStringArray:
        """The strings as an Arrow array over the same buffers (no copy)."""
        return pa.LargeStringArray.from_buffers(
            len(self), pa.py_buffer(self.offsets), pa.py_buffer(self.data)
        )

    def find(self, value: str) -> int:
        """The rank of ``value``, or -1 when it is not there."""
        target = value.encode("utf-8")
        i = bisect.bisect_left(self, target)
        return i if i < len(self) and self[i] == target else -1


def _byte_order(values: pa.Array) -> np.ndarray:
    """Indices that sort ``values`` by their UTF-8 bytes (the order ``SortedStrings`` bisects)."""
    return np.asarray(pc.array_sort_indices(values.cast(pa.large_binary())), dtype=np.int64)


# --- building ---------------------------------------------------------------------------------


@dataclass
class BuildReport:
    records: int = 0
    vocabulary: int = 0
    keys: int = 0
    keys_over_cap: int = 0
    postings: int = 0
    seconds: float = 0.0


def _encode_all(
    batches: Iterable[tuple[np.ndarray, Sequence[Row]]],
) -> tuple[np.ndarray, Encoded, list[str]]:
    """Record ids (in the order given) and every feature row encoded over one vocabulary."""
    vocabulary = Vocabulary()
    ids: list[np.ndarray] = []
    parts: list[Encoded] = []
    for record_ids, rows in batches:
        if len(record_ids) != len(rows):
            raise OnlineStoreError("a batch of feature rows and its record ids differ in length")
        ids.append(np.asarray(record_ids, dtype=np.int64))
        parts.append(vocabulary.encode(rows))
    record_ids = np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64)
    scalars = {
        col: np.concatenate([p.scalars[col] for p in parts]) if parts else np.zeros(0, np.int64)
        for col in (*SCALAR_FEATURES, PREFIX7)
    }
    lists: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for col in LIST_FEATURES:
        lengths = [np.diff(p.lists[col][0]) for p in parts]
        offsets = np.zeros(len(record_ids) + 1, dtype=np.int64)
        if lengths:
            np.cumsum(np.concatenate(lengths), out=offsets[1:])
        codes = np.concatenate([p.lists[col][1] for p in parts]) if parts else np.zeros(0, np.int64)
        lists[col] = (offsets, codes)
    return record_ids, Encoded(len(record_ids), scalars, lists), vocabulary.values


def _recode(encoded: Encoded, rank: np.ndarray) -> Encoded:
    """Every code replaced by its rank in the sorted vocabulary (-1 stays -1)."""

    def apply(codes: np.ndarray) -> np.ndarray:
        return np.where(codes >= 0, rank[np.maximum(codes, 0)], -1).astype(np.int64)

    return Encoded(
        encoded.size,
        {col: apply(codes) for col, codes in encoded.scalars.items()},
        {col: (offsets, apply(codes)) for col, (offsets, codes) in encoded.lists.items()},
    )


def _postings(
    postings: pa.Table, record_ids: np.ndarray, max_postings: int, report: BuildReport
) -> dict[str, np.ndarray]:
    """The sorted keys (bytes, offsets), each key's count of records, and posting offsets and
    rows; a key held by more records than its cap keeps its count but no postings (records
    loaded later add to the count: ``OnlineStore.candidates``)."""
    if postings.num_rows == 0:
        return {
            "key_bytes": np.zeros(0, np.uint8),
            "key_offsets": np.zeros(1, np.int64),
            "key_counts": np.zeros(0, np.int64),
            "posting_offsets": np.zeros(1, np.int64),
            "posting_rows": np.zeros(0, _row_type(len(record_ids))),
        }
    column = postings.column("key").combine_chunks()
    keys = column if pa.types.is_dictionary(column.type) else pc.dictionary_encode(column)
    distinct = keys.dictionary
    which = np.asarray(keys.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    records = np.asarray(postings.column("record").to_numpy(), dtype=np.int64)
    rows = np.searchsorted(record_ids, records)
    inside = rows < len(record_ids)
    inside[inside] = record_ids[rows[inside]] == records[inside]
    if not inside.all():
        raise OnlineStoreError(
            f"{int((~inside).sum())} candidate keys name records without a feature row"
        )
    counts = np.bincount(which, minlength=len(distinct))
    short = np.asarray(
        pc.is_in(pc.utf8_slice_codeunits(distinct, 0, 3), pa.array(SHORT_CAP_FAMILIES)), bool
    )
    kept = counts <= np.where(short, min(max_postings, SHORT_CAP), max_postings)
    report.keys_over_cap = int((~kept).sum())
    ordered = _byte_order(distinct)
    rank = np.empty(len(distinct), dtype=np.int64)
    rank[ordered] = np.arange(len(ordered), dtype=np.int64)
    live = kept[which]
    posting_rank, rows = rank[which[live]], rows[live]
    order = np.lexsort((rows, posting_rank))
    posting_rank, rows = posting_rank[order], rows[order]
    offsets = np.zeros(len(ordered) + 1, dtype=np.int64)
    np.cumsum(np.bincount(posting_rank, minlength=len(ordered)), out=offsets[1:])
    data, key_offsets = string_buffers(distinct.take(pa.array(ordered)))
    report.keys, report.postings = len(ordered), len(rows)
    return {
        "key_bytes": data,
        "key_offsets": key_offsets,
        "key_counts": counts[ordered].astype(np.int64),
        "posting_offsets": offsets,
        "posting_rows": rows.astype(_row_type(len(record_ids))),
    }


def _row_type(records: int) -> type[np.signedinteger[Any]]:
    """The type of posting rows: the largest of the files, narrow while row numbers fit."""
    return np.int32 if records < 2**31 else np.int64


def _key_file_types(records: int) -> dict[str, np.dtype[Any]]:
    """The key files, in the order ``_postings`` returns them, and each one's type."""
    wide = np.dtype(np.int64)
    return {
        "key_bytes": np.dtype(np.uint8),
        "key_offsets": wide,
        "key_counts": wide,
        "posting_offsets": wide,
        "posting_rows": np.dtype(_row_type(records)),
    }


def _sharded_postings(
    shards: Iterable[pa.Table],
    record_ids: np.ndarray,
    max_postings: int,
    report: BuildReport,
    directory: Path,
) -> None:
    """``_postings`` of each shard, written into ``directory``'s key files: shards come in
    byte order of their keys and hold every posting of their keys, so each is sorted alone
    and appended (offsets shifted past the shards before it). One shard is in memory at a
    time: at ten million records the key table is several gigabytes. Each file's length is
    known only at the end, so its data goes to a part file first and then after the header."""
    types = _key_file_types(len(record_ids))
    parts = {name: directory / f".{name}.part" for name in types}
    sizes = dict.fromkeys(types, 0)
    bases = {"key_offsets": 0, "posting_offsets": 0}  # an offsets file starts at 0
    keys = postings = over_cap = 0
    with contextlib.ExitStack() as stack:
        raw = {name: stack.enter_context(open(path, "wb")) for name, path in parts.items()}

        def append(name: str, array: np.ndarray) -> None:
            raw[name].write(np.ascontiguousarray(array, dtype=types[name]).tobytes())
            sizes[name] += len(array)

        for name in bases:
            append(name, np.zeros(1))
        for shard in shards:
            report.keys_over_cap = 0  # an empty shard leaves it as it is
            found = _postings(shard, record_ids, max_postings, report)
            over_cap += report.keys_over_cap
            keys += len(found["key_counts"])
            postings += len(found["posting_rows"])
            for name, array in found.items():
                if name in bases:  # the shard's leading 0 dropped, shifted past those before
                    array, bases[name] = array[1:] + bases[name], bases[name] + int(array[-1])
                append(name, array)
    for name, part in parts.items():
        with open(directory / _file(name), "wb") as out, open(part, "rb") as data:
            header = {"descr": np.lib.format.dtype_to_descr(types[name]),
                      "fortran_order": False, "shape": (sizes[name],)}  # fmt: skip
            np.lib.format.write_array_header_1_0(out, header)
            shutil.copyfileobj(data, out, 1 << 24)
            out.flush()
            os.fsync(out.fileno())
        part.unlink()
    report.keys, report.postings, report.keys_over_cap = keys, postings, over_cap


def build(
    directory: Path,
    feature_batches: Iterable[tuple[np.ndarray, Sequence[Row]]],
    postings: pa.Table | Iterable[pa.Table],
    *,
    max_postings: int = MAX_POSTINGS,
    stamp: dict[str, Any] | None = None,
) -> BuildReport:
    """Write an online store into ``directory`` (which must not exist yet).

    ``feature_batches`` yields (record ids, feature rows) in ascending record id; ``postings``
    has columns ``key`` (string) and ``record`` (int64): one table, or shards of it in byte
    order of their keys with every posting of a key in one shard (``streamed``), read after
    the feature batches. ``stamp`` is kept in the manifest for the caller (what the store was
    built from)."""
    started = time.perf_counter()
    report = BuildReport()
    record_ids, encoded, values = _encode_all(feature_batches)
    if len(record_ids) > 1 and not (np.diff(record_ids) > 0).all():
        raise OnlineStoreError("feature rows must come in ascending, distinct record ids")
    strings = pa.array(values, type=pa.large_string())
    order = _byte_order(strings)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order), dtype=np.int64)
    encoded = _recode(encoded, rank)
    vocab_sorted = strings.take(pa.array(order))
    vocab_bytes, vocab_offsets = string_buffers(vocab_sorted)
    lengths = np.asarray(pc.utf8_length(vocab_sorted).to_numpy(zero_copy_only=False), np.int64)
    directory.mkdir(parents=True, mode=0o700)  # person data: names, dates, identifiers
    arrays: dict[str, np.ndarray] = {
        "record_ids": record_ids,
        "vocab_bytes": vocab_bytes,
        "vocab_offsets": vocab_offsets,
        "vocab_lengths": lengths,
    }
    for col, codes in encoded.scalars.items():
        arrays[f"scalar.{col}"] = codes
    for col, (offsets, codes) in encoded.lists.items():
        arrays[f"list.{col}.offsets"] = offsets
        arrays[f"list.{col}.codes"] = codes
    for name, array in arrays.items():
        with open(directory / _file(name), "wb") as out:
            np.save(out, np.ascontiguousarray(array))
            out.flush()
            os.fsync(out.fileno())
    del arrays, encoded, strings, vocab_sorted, vocab_bytes, vocab_offsets, lengths
    shards = [postings] if isinstance(postings, pa.Table) else postings
    try:
        _sharded_postings(shards, record_ids, max_postings, report, directory)
    except BaseException:
        shutil.rmtree(directory, ignore_errors=True)  # a store without its keys is no store
        raise
    report.records, report.vocabulary = len(record_ids), len(values)
    report.seconds = round(time.perf_counter() - started, 3)
    manifest = {
        "format": FORMAT,
        "records": report.records,
        "max_record_id": int(record_ids[-1]) if len(record_ids) else 0,
        "vocabulary": report.vocabulary,
        "keys": report.keys,
        "keys_over_cap": report.keys_over_cap,
        "postings": report.postings,
        "max_postings": max_postings,
        "short_cap": SHORT_CAP,
        "short_cap_families": list(SHORT_CAP_FAMILIES),
        "built_seconds": report.seconds,
        "stamp": stamp or {},
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=1), "utf-8")
    return report


def from_memory(
    directory: Path, rows: Sequence[Row], postings: dict[str, list[int]]
) -> BuildReport:
    """``build`` from an in-memory store (``store.Store``: its feature rows and its key
    index's postings); record ids are the row numbers."""
    keys = list(postings)
    counts = np.fromiter(map(len, postings.values()), dtype=np.int64, count=len(keys))
    records = np.empty(int(counts.sum()), dtype=np.int64)
    at = 0
    for posted in postings.values():
        records[at : at + len(posted)] = posted
        at += len(posted)
    which = np.repeat(np.arange(len(keys), dtype=np.int32), counts)
    table = pa.table(
        {
            "key": pa.DictionaryArray.from_arrays(pa.array(which), pa.array(keys, pa.string())),
            "record": pa.array(records),
        }
    )
    ids = np.arange(len(rows), dtype=np.int64)
    batches = ((ids[i : i + 200_000], rows[i : i + 200_000]) for i in range(0, len(rows), 200_000))
    return build(directory, batches, table)


@contextlib.contextmanager
def new_version(root: Path) -> Iterator[Path]:
    """A new version's folder under ``root`` to build into, with the publish lock held (one
    publisher at a time); removed again if the block fails. ``make_current`` inside the block
    serves it. Folders and files are the owner's alone: they hold person data."""
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    with open(root / LOCK, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        name = VERSION_PREFIX + time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        directory = root / f"{name}-{os.getpid()}-{time.time_ns()}"
        try:
            yield directory
        except BaseException:
            shutil.rmtree(directory, ignore_errors=True)
            raise


def make_current(root: Path, directory: Path) -> None:
    """Serve ``directory`` (one atomic rename of the ``CURRENT`` pointer) and remove the older
    versions; workers that still map one keep reading it until they reopen."""
    pointer = root / f".{CURRENT}.{os.getpid()}"
    pointer.write_text(directory.name + "\n", "utf-8")
    os.replace(pointer, root / CURRENT)
    for old in root.iterdir():
        if old.is_dir() and old.name.startswith(VERSION_PREFIX) and old != directory:
            shutil.rmtree(old, ignore_errors=True)


def publish(root: Path, build_into: Any) -> Path:
    """``build_into(directory)`` a new version and serve it."""
    with new_version(root) as directory:
        build_into(directory)
        make_current(root, directory)
    return directory


def withdraw(root: Path) -> bool:
    """Stop serving the current version (workers fall back on their next inquiry)."""
    try:
        (root / CURRENT).unlink()
    except FileNotFoundError:
        return False
    return True


def current(root: Path) -> Path | None:
    try:
        name = (root / CURRENT).read_text("utf-8").strip()
    except OSError:
        return None
    directory = root / name
    return directory if name and (directory / MANIFEST).is_file() else None


# --- serving ----------------------------------------------------------------------------------


class OnlineVocabulary(Vocabulary):
    """The store's sorted vocabulary plus one query's strings that it does not hold (coded
    after it). Used by ``vectorised.score_pairs`` exactly as a ``Vocabulary``: codes
    (``code``, ``codes``), ``size``, ``strings``, ``utf8`` and ``term_frequencies``."""

    def __init__(self, store: OnlineStore) -> None:
        super().__init__()
        self.store = store
        self.base = len(store.vocabulary)
        self.extra: list[str] = []

    @property
    def size(self) -> int:
        return self.base + len(self.extra)

    def code(self, value: str | None) -> int:
        if value is None:
            return -1
        found = self.index.get(value)
        if found is None:
            found = self.store.vocabulary.find(value)
            if found < 0:
                return self._added(value)
            self.index[value] = found
        return found

    def _added(self, value: str) -> int:
        """The code of a value the store does not hold (coded after the store's)."""
        found = self.index.get(value)
        if found is None:
            found = self.index[value] = self.base + len(self.extra)
            self.extra.append(value)
        return found

    def codes(self, values: list[str | None]) -> np.ndarray:
        """The code of each value (-1 for None): the distinct values bisected for in the
        store's sorted vocabulary at once, in compiled code."""
        if not values:
            return np.zeros(0, dtype=np.int64)
        found = pa.array(values, type=pa.string()).dictionary_encode()
        strings = self.store.utf8
        known = lookups.find_all(strings.data, strings.offsets, found.dictionary)
        missing = np.flatnonzero(known < 0)
        if missing.size:
            added = found.dictionary.take(pa.array(missing)).to_pylist()
            known[missing] = [self._added(value) for value in added]
        return recoded(found, known)

    def strings(self, codes: np.ndarray) -> list[str]:
        codes = np.asarray(codes, dtype=np.int64)
        extra = np.flatnonzero(codes >= self.base)
        # Arrow decodes the store's strings in one call (a roster chunk asks for millions)
        out: list[str] = self.store.strings.take(
            pa.array(np.where(codes < self.base, codes, 0))
        ).to_pylist()
        for k in extra.tolist():
            out[k] = self.extra[int(codes[k]) - self.base]
        return out

    def term_frequencies(self, col: str, table: dict[str, float], codes: np.ndarray) -> np.ndarray:
        return self.tf_of(table, codes)

    def utf8(self) -> kernel.Strings:
        return kernel.strings(self.extra, self.store.utf8)


class OnlineStore:
    """One published version, mapped read-only."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        try:
            self.manifest: dict[str, Any] = json.loads((directory / MANIFEST).read_text("utf-8"))
        except (OSError, ValueError) as error:
            raise OnlineStoreError(f"cannot read {directory / MANIFEST}: {error}") from None
        if self.manifest.get("format") != FORMAT:
            raise OnlineStoreError(
                f"{directory} holds format {self.manifest.get('format')!r}, not {FORMAT}"
            )

        def load(name: str) -> np.ndarray:
            try:
                return np.load(directory / _file(name), mmap_mode="r")
            except (OSError, ValueError) as error:
                raise OnlineStoreError(f"cannot map {name} in {directory}: {error}") from None

        self.record_ids = load("record_ids")
        self.vocabulary = SortedStrings(load("vocab_bytes"), load("vocab_offsets"))
        self.strings = self.vocabulary.arrow()  # Arrow decodes many codes at once
        self.lengths = load("vocab_lengths")
        self.keys = SortedStrings(load("key_bytes"), load("key_offsets"))
        self.key_counts = load("key_counts")
        self.posting_offsets = load("posting_offsets")
        self.posting_rows = load("posting_rows")
        scalars = {col: load(f"scalar.{col}") for col in (*SCALAR_FEATURES, PREFIX7)}
        lists = {
            col: (load(f"list.{col}.offsets"), load(f"list.{col}.codes")) for col in LIST_FEATURES
        }
        self.encoded = Encoded(len(self.record_ids), scalars, lists)
        if (
            len(self.vocabulary) != self.manifest["vocabulary"]
            or self.encoded.size != (self.manifest["records"])
        ):
            raise OnlineStoreError(f"{directory}: the arrays do not match the manifest")

    @functools.cached_property
    def utf8(self) -> kernel.Strings:
        """The vocabulary for the kernel (its shapes worked out once per process)."""
        data = np.asarray(self.vocabulary.data)
        offsets = np.ascontiguousarray(self.vocabulary.offsets, dtype=np.int64)
        shapes, dates = kernel.string_shapes(data, offsets), kernel.string_dates(data, offsets)
        return kernel.Strings(
            len(self.vocabulary), data, offsets, data[:0], offsets[:1],
            kernel.widest(offsets), shapes, shapes[:0], dates, dates[:0],
        )  # fmt: skip

    @property
    def max_record_id(self) -> int:
        return int(self.manifest["max_record_id"])

    def __len__(self) -> int:
        return self.encoded.size

    def cap(self, key: str) -> int:
        """The posting cap of ``key`` this version was built with (``keys.posting_cap``)."""
        return posting_cap(key, int(self.manifest["max_postings"]))

    def count(self, key: str) -> int:
        """How many of this version's records hold ``key``."""
        rank = self.keys.find(key)
        return int(self.key_counts[rank]) if rank >= 0 else 0

    def within_cap(self, grown: dict[str, int]) -> set[str]:
        """The keys of ``grown`` (key -> records holding it that this version does not hold)
        whose records, here and there, are still within the key's cap."""
        return {k for k, n in grown.items() if self.count(k) + n <= self.cap(k)}

    def candidates(self, keys: Iterable[str], grown: dict[str, int] | None = None) -> np.ndarray:
        """Store rows sharing any of ``keys``, ascending (which is ascending record id). A key
        held by more records than its cap is skipped, counting the ``grown`` records that
        hold it outside this version (loaded since)."""
        grown = grown or {}
        found = []
        for key in keys:
            rank = self.keys.find(key)
            if rank >= 0 and int(self.key_counts[rank]) + grown.get(key, 0) <= self.cap(key):
                found.append(rank)
        if not found:
            return np.zeros(0, dtype=np.int64)
        ranks = np.array(found, dtype=np.int64)
        starts = np.asarray(self.posting_offsets[ranks])
        lengths = np.asarray(self.posting_offsets[ranks + 1]) - starts
        rows = np.asarray(self.posting_rows[vectorised.ranges(starts, lengths)], dtype=np.int64)
        return vectorised.unique(rows)
