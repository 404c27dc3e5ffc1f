"""``access bench matching``: speed and accuracy of the engine on a labelled synthetic population.

Population: ``access.records.synthetic.generate`` when it exists, else this library's
``testdata.population``. The store holds every record except the held-out queries: "present"
queries (one record of a person whose other records stay in the store) and "absent" queries
(people with no record in the store). The isotonic calibration and the thresholds are fitted
on a separate set of labelled probes, then measured on the queries; the batch figure screens a
third set (``roster`` probes) against the store with ``screen.OnlineScreener``: the store
written as an online store (``online.from_memory``, as ``access records publish`` writes it;
``batch_prepare_seconds``), mapped by spawned workers that score chunks of the roster
column-wise (``batch_seconds``, worker start-up included).
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import gc
import json
import logging
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from access.matching import calibrate, online, screen, search
from access.matching.keys import query_keys
from access.matching.model import blocking_rules, dialect_settings, train
from access.matching.normalize import features
from access.matching.schema import Record
from access.matching.store import SCHEMA, Store
from access.matching.testdata import population

Query = tuple[Record, object]  # (record, true person id or None when absent from the store)


Source = tuple[list[Record], list[object], list[Query], list[Query], list[Query], list[Query], str]
CALIBRATION_PROBES = 20  # labelled probes per test query to fit the calibration (at least 20,000)
CHECK_PROBES = 10  # further probes per test query whose pairs join the calibration table (a
# middle bin then holds about 500 pairs: two standard errors there are about 4 points)
PROBABLE_PRECISION = 0.9995  # fitted with a margin over the 99.9% target
CALIBRATION_MIN_BLOCK = 200  # labelled pairs per isotonic block at least (calibrate.fit_isotonic)
BATCH_WORKERS = max(1, min(2, os.cpu_count() or 1))  # roster screening processes


def persons_for(records: int) -> int:
    """Persons to generate for about ``records`` records (2.07 records a person)."""
    return max(1, round(records / 2.07))


def probe_queries(table: Any) -> list[Query]:
    """A probes table (``access.records.synthetic.probes``) as (record, true person or None)."""
    from access.records.synthetic import records_from_table

    renamed = table.rename_columns(["record_id", *table.schema.names[1:]])
    return [(record, row["true_person_id"]) for record, row in records_from_table(renamed)]


def _from_generator(n: int, seed: int, queries: int, roster: int) -> Source | None:
    try:
        from access.records.synthetic import generate, probes, records_from_table
    except ImportError:
        return None
    population_ = generate(persons_for(n), seed)
    store = [record for record, _row in records_from_table(population_.records)]
    persons: list[object] = population_.records.column("person_id").to_pylist()
    as_queries = probe_queries
    test = as_queries(probes(population_, queries, seed))
    calibration = as_queries(
        probes(population_, max(CALIBRATION_PROBES * queries, 20_000), seed + 1)
    )
    batch = as_queries(probes(population_, roster, seed + 2))
    check = as_queries(probes(population_, CHECK_PROBES * queries, seed + 3))
    return (
        store,
        persons,
        test,
        calibration,
        batch,
        check,
        "access.records.synthetic.generate + probes",
    )


def records_of(table: Any) -> list[Record]:
    """The ``Record`` of each row of a synthetic population's records table (for
    ``streamed.build``'s workers: a module function pickles)."""
    from access.records.synthetic import records_from_table

    return [record for record, _row in records_from_table(table)]


def _from_testdata(n: int, seed: int, queries: int, roster: int) -> Source:
    """Fallback: this library's population; held-out records serve as the queries."""
    records, persons = population(max(1, int(n / 1.42)), seed)
    rng = random.Random(seed)  # noqa: S311  # nosec B311 - synthetic data, not secrets
    by_person: dict[int, list[int]] = {}
    for row, person in enumerate(persons):
        by_person.setdefault(person, []).append(row)
    multi = [rows for rows in by_person.values() if len(rows) > 1]
    single = [rows[0] for rows in by_person.values() if len(rows) == 1]
    rng.shuffle(multi)
    rng.shuffle(single)
    n_absent = queries // 5
    present = [rows[0] for rows in multi[: queries - n_absent]]
    absent = single[:n_absent]
    calibration_rows = [rows[0] for rows in multi[queries - n_absent : 2 * queries]]
    check_rows = [rows[0] for rows in multi[2 * queries : 3 * queries]]
    held_out = set(present) | set(absent) | set(calibration_rows) | set(check_rows)
    store_rows = [i for i in range(len(records)) if i not in held_out]
    test: list[Query] = [(records[i], persons[i]) for i in present]
    test += [(records[i], None) for i in absent]
    calibration: list[Query] = [(records[i], persons[i]) for i in calibration_rows]
    batch = (test * (roster // max(len(test), 1) + 1))[:roster]
    return (
        [records[i] for i in store_rows],
        [persons[i] for i in store_rows],
        test,
        calibration,
        batch,
        [(records[i], persons[i]) for i in check_rows],
        "access.matching.testdata.population (held-out records as queries)",
    )


class _Answers:
    """One inquiry's answer on both stores, as (record id, band, weight) rows to compare."""

    LIMIT = 10

    def __init__(self, model: Any, matcher: search.Matcher, served: online.OnlineStore) -> None:
        self.model, self.matcher, self.served = model, matcher, served
        self.ids = [row["unique_id"] for row in matcher.store.rows]

    def warm(self, query: Record) -> None:
        self.served.utf8  # noqa: B018 - a cached property: the store's string facts
        self.online(query)
        self.in_memory(query)

    def online(self, query: Record) -> list[tuple[str, str, float]]:
        """``Scorer.shortlist_online`` and ``rank`` as the inquiry API runs them (candidates
        from the mapped key table, scored in place)."""
        rows = self.served.candidates(query_keys(query))
        found = search.rank(
            self.matcher.scorer.shortlist_online(self.served, query, rows, self.LIMIT),
            self.LIMIT,
        )
        ids = self.ids
        return [(ids[int(c.record_id)], c.band, round(c.match_weight, 9)) for c in found]

    def in_memory(self, query: Record) -> list[tuple[str, str, float]]:
        found = self.matcher.search(query, limit=self.LIMIT)
        return [(c.record_id, c.band, round(c.match_weight, 9)) for c in found]


def _release_memory() -> None:
    """Collect, and hand freed heap back to the system (glibc keeps it otherwise)."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: freed, if not returned
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 3) if ordered else 0.0


def _baseline_ms(model: Any, store: Store, queries: Sequence[Record]) -> list[float]:
    """The same inquiries through Splink itself: ``predict_between`` one query vs the store."""
    from splink import DuckDBAPI, Linker

    db_api = DuckDBAPI()
    store_df = db_api.register(store.table(), table_name="store")
    settings = dialect_settings(model, "duckdb", "dedupe_only")
    linker = Linker(store_df, settings, log_level=logging.ERROR)
    for col in model.tf:
        linker.table_management.compute_tf_table(col)
    import pyarrow as pa

    from access.matching.keys import keys_for

    timings = []
    for i, query in enumerate(queries):
        started = time.perf_counter()
        row = dict(features(query), keys=sorted(keys_for(query)) or None)
        row["unique_id"] = f"query-{i}"
        q_df = db_api.register(pa.Table.from_pylist([row], schema=SCHEMA), table_name=f"q{i}")
        linker.inference.predict_between(
            q_df,
            store_df,
            blocking_rules_to_generate_predictions=blocking_rules(),
            warning_mode="never",
        ).as_record_list()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def batch_metrics(
    roster_persons: Sequence[object],
    pairs: Sequence[dict[str, Any]],
    person_of_store: Callable[[Any], object],
    records_of: dict[Any, int],
) -> dict[str, float]:
    """Precision of "probable" pairs and recall (possible or better) over every true pair;
    ``roster_persons[i]`` is roster row i's person (None: absent from the store)."""
    person_of_row = {f"roster-{i}": person for i, person in enumerate(roster_persons)}
    true_pairs = sum(records_of.get(p, 0) for p in roster_persons if p is not None)
    probable = probable_true = found_true = 0
    for pair in pairs:
        left, right = pair["left_id"], pair["right_id"]
        if left not in person_of_row:
            left, right = right, left
        truth = person_of_row.get(left) is not None and (
            person_of_row.get(left) == person_of_store(right)
        )
        if pair["band"] == calibrate.PROBABLE:
            probable += 1
            probable_true += truth
        if pair["band"] != calibrate.NO_MATCH:
            found_true += truth
    return {
        "batch_precision": round(probable_true / max(probable, 1), 4),
        "batch_probable_recall": round(probable_true / max(true_pairs, 1), 4),
        "batch_recall": round(found_true / max(true_pairs, 1), 4),
    }


def machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
    }


def run(
    records: int,
    seed: int = 0,
    queries: int = 1000,
    roster: int = 100_000,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    step = progress or (lambda _message: None)
    started_all = time.perf_counter()
    step("generating the population")
    source = _from_generator(records, seed, queries, roster) or _from_testdata(
        records, seed, queries, roster
    )
    store_records, store_persons, test, calibration, batch, check, population_name = source
    step("building the store and key index")
    store = Store.build(store_records)

    step("training (EM)")
    started = time.perf_counter()
    model = train(store.table())
    train_seconds = time.perf_counter() - started
    matcher = search.Matcher(model, store)
    step("calibrating")
    gc.collect()
    probs, labels, _bands = search.labelled_pairs(matcher, calibration, store_persons)
    model.calibration = calibrate.fit_isotonic(probs, labels, min_block=CALIBRATION_MIN_BLOCK)
    model.thresholds = calibrate.choose_thresholds(
        model.calibrated(probs), labels, probable_precision=PROBABLE_PRECISION
    )
    matcher = search.Matcher(model, store)

    records_of: dict[object, int] = {}
    for person in store_persons:
        records_of[person] = records_of.get(person, 0) + 1
    scratch = tempfile.TemporaryDirectory(prefix="access-bench-online-")
    directory = Path(scratch.name) / "store"
    step("writing the online store")
    started = time.perf_counter()
    # the store as an online store, as `access records publish` writes it for a host
    online.from_memory(directory, store.rows, store.index.postings)
    served = online.OnlineStore(directory)
    prepare_seconds = time.perf_counter() - started
    answers = _Answers(model, matcher, served)
    answers.warm(test[0][0])  # a serving process opens its store once (string facts, kernel)

    timings, memory_timings, all_probs, all_labels, all_bands = [], [], [], [], []
    true_pairs = disagreements = 0
    absent = absent_probable = 0
    step("inquiries (online store, and the in-memory store)")
    for query, person in test:
        t0 = time.perf_counter()
        found = answers.online(query)
        timings.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        in_memory = answers.in_memory(query)
        memory_timings.append((time.perf_counter() - t0) * 1000)
        disagreements += found != in_memory
        if person is None:
            absent += 1
            absent_probable += any(band == calibrate.PROBABLE for _id, band, _w in found)
        else:
            true_pairs += records_of.get(person, 0)
        # An absent person's candidates are all false pairs: they count in the calibration
        # table and the band precision as they counted in the calibration fit.
        candidates = matcher.candidate_rows(query)
        probs_, bands_ = matcher.band(query, candidates)
        all_probs += probs_.tolist()
        all_labels += [store_persons[i] == person for i in candidates]
        all_bands += bands_

    step("calibration check probes")
    check_probs, check_labels, _check_bands = search.labelled_pairs(matcher, check, store_persons)
    metrics = calibrate.band_metrics(all_bands, all_labels)
    retrieved_true = sum(all_labels)
    for name in ("probable", "possible"):  # recall against every true pair, retrieved or not
        metrics[f"{name}_recall"] = round(
            metrics[f"{name}_recall"] * retrieved_true / max(true_pairs, 1), 4
        )
    step("inquiries through Splink (baseline)")
    baseline = _baseline_ms(model, store, [q for q, _p in test[:50]])

    table = calibrate.reliability(
        np.concatenate([np.asarray(all_probs, dtype=float), check_probs]),
        np.concatenate([np.asarray(all_labels, dtype=bool), check_labels]),
    )
    interim = {  # on stderr before the long batch step, so a failed batch loses nothing
        "inquiry_p95_ms": _percentile(timings, 0.95),
        "inquiry_in_memory_p95_ms": _percentile(memory_timings, 0.95),
        "inquiry_disagreements": disagreements,
        "baseline_p95_ms": _percentile(baseline, 0.95),
        "candidate_recall": round(retrieved_true / max(true_pairs, 1), 4),
        **metrics,
        "absent_probable_rate": round(absent_probable / max(absent, 1), 4),
        "thresholds": model.thresholds,
        "calibration": table,
    }
    print(json.dumps(interim), file=sys.stderr, flush=True)
    step(f"batch screening of {len(batch):,} roster rows")
    roster_records = [
        dataclasses.replace(q, record_id=f"roster-{i}") for i, (q, _p) in enumerate(batch)
    ]
    roster_persons = [p for _q, p in batch]
    store_ids = [row["unique_id"] for row in store.rows]
    store_size, calibration_pairs = len(store), len(all_probs) + len(check_probs)
    record_count, fit_pairs = len(store_records), len(probs)
    # The screening workers map the store's files through the page cache: the population,
    # the in-memory store and the inquiry state (most of this process's memory) go first.
    del source, store_records, store, matcher, answers, served, test, calibration, batch, check
    del all_probs, all_labels, all_bands, check_probs, check_labels, probs, labels
    _release_memory()
    screener = screen.OnlineScreener(
        model,
        directory,
        min_probability=model.thresholds["possible"],  # a screener reviews possible or better
    )
    started = time.perf_counter()
    # spawned workers map the store's files: nothing of this process's heap is inherited
    batch_pairs = screener.screen(roster_records, workers=BATCH_WORKERS)
    batch_seconds = time.perf_counter() - started
    scratch.cleanup()
    for pair in batch_pairs:  # the online store names records by row number
        pair["right_id"] = store_ids[pair["right_id"]]
    person_of_store = dict(zip(store_ids, store_persons, strict=True))
    batch_figures = batch_metrics(roster_persons, batch_pairs, person_of_store.get, records_of)
    p95 = _percentile(timings, 0.95)
    base95 = _percentile(baseline, 0.95)
    return {
        "benchmark": "matching",
        "population": population_name,
        "records": record_count,
        "store_records": store_size,
        "queries": len(timings),
        "seed": seed,
        "inquiry_p50_ms": _percentile(timings, 0.50),
        "inquiry_p95_ms": p95,
        "inquiry_p99_ms": _percentile(timings, 0.99),
        "inquiry_mean_ms": round(statistics.fmean(timings), 3) if timings else 0.0,
        "inquiry_path": "online store (Scorer.shortlist_online), as the inquiry API serves",
        "inquiry_in_memory_p50_ms": _percentile(memory_timings, 0.50),
        "inquiry_in_memory_p95_ms": _percentile(memory_timings, 0.95),
        "inquiry_in_memory_p99_ms": _percentile(memory_timings, 0.99),
        "inquiry_disagreements": disagreements,
        "baseline_p95_ms": base95,
        "baseline_queries": len(baseline),
        "speedup": round(base95 / p95, 1) if p95 else None,
        "candidate_recall": round(retrieved_true / max(true_pairs, 1), 4),
        **metrics,
        "absent_queries": absent,
        "absent_probable_rate": round(absent_probable / max(absent, 1), 4),
        "thresholds": {k: round(v, 6) for k, v in model.thresholds.items()},
        "calibration": table,
        "calibration_pairs": calibration_pairs,
        "calibration_fit_pairs": fit_pairs,
        "batch_rows": len(roster_records),
        "batch_pairs": len(batch_pairs),
        **batch_figures,
        "batch_store_records": store_size,
        "batch_seconds": round(batch_seconds, 2),
        "batch_prepare_seconds": round(prepare_seconds, 2),
        "batch_engine": f"online store, {BATCH_WORKERS} spawned workers (compiled kernel)",
        "train_seconds": round(train_seconds, 2),
        "total_seconds": round(time.perf_counter() - started_all, 1),
        "machine": machine(),
    }
