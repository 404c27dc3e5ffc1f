"""``access bench matching --online``: the matching benchmark on an online store alone.

``bench.run`` holds the whole store as Python objects (about 21 GB at a million records), for
the in-memory searches, the Splink baseline and training. At ten million records only the
online store fits: it is built from the population table in streamed batches
(``streamed.build``), and every figure is measured on it, as the inquiry API and roster
screening use it.

What differs from ``bench.run``, and why:
- the model is trained on the population of the same generator and seed at 1,000,000
  records (``TRAIN_RECORDS``): Splink's EM over the whole store does not fit in memory, and
  a random tenth of the store would keep a hundredth of its duplicate pairs;
- training and generation each run in a spawned process of their own (``_in_child``): the
  memory they peak at (DuckDB's; ten million records as Python objects) goes back to the
  system when that process exits, where freeing it here would leave this process at 9-11 GB
  through the build (seen at ten million records);
- the calibration is fitted and checked on the same probes as ``bench.run``'s, scored
  against the whole store;
- there is no Splink baseline (``baseline_p95_ms`` and ``speedup`` are null): it needs the
  store with its keys as one DuckDB table.
"""

from __future__ import annotations

import dataclasses
import multiprocessing as mp
import statistics
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from access.benchmarks import matching as bench
from access.matching import calibrate, online, screen, search, streamed
from access.matching.keys import query_keys
from access.matching.model import Model, train
from access.matching.schema import Record
from access.matching.store import features_table

TRAIN_RECORDS = 1_000_000
ABSENT = -2  # the person code of a probe whose person is not in the store (matches no row)

Coded = tuple[Record, int]  # a probe and its true person's code (``ABSENT``: not in the store)


@dataclasses.dataclass
class _Population:
    """What the benchmark keeps of the generated population: each store row's person code,
    each person's count of records, and the probes (the records go to an Arrow file)."""

    records: int
    store_persons: np.ndarray
    records_per_person: np.ndarray
    test: list[Coded]
    calibration: list[Coded]
    batch: list[Coded]
    check: list[Coded]


def _in_child(function: Callable[..., Any], *args: Any) -> Any:
    """``function(*args)`` in a spawned process, whose memory the system gets back when it
    exits (glibc and DuckDB keep much of what is freed in a process that lives on)."""
    with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


def _trained(records: int, seed: int) -> tuple[str, float]:
    """The model trained by EM on the population of ``records`` records (as JSON), and the
    seconds training took (generation excluded)."""
    from access.records.synthetic import generate

    sample = generate(bench.persons_for(records), seed).records
    sample_table = features_table(bench.records_of(sample))
    del sample
    started = time.perf_counter()
    model = train(sample_table)
    return model.to_json(), time.perf_counter() - started


def _coded(probe_table: pa.Table, persons: pa.Array) -> list[Coded]:
    codes = _person_codes(probe_table.column("true_person_id").combine_chunks(), persons)
    queries = bench.probe_queries(probe_table)
    return [
        (record, ABSENT if code < 0 else code)
        for (record, _person), code in zip(queries, codes.tolist(), strict=True)
    ]


def _population(
    records: int, seed: int, queries: int, roster: int, records_file: Path
) -> _Population:
    """Generate the population, write its records table to ``records_file`` (for the
    streamed build's workers) and return the rest (``_Population``)."""
    from access.records.synthetic import generate, probes

    population = generate(bench.persons_for(records), seed)
    table = population.records
    persons = population.persons.column("person_id").combine_chunks()
    store_persons = _person_codes(table.column("person_id").combine_chunks(), persons)
    calibration_probes = max(bench.CALIBRATION_PROBES * queries, 20_000)
    kept = _Population(
        records=table.num_rows,
        store_persons=store_persons,
        records_per_person=np.bincount(store_persons, minlength=len(persons)),
        test=_coded(probes(population, queries, seed), persons),
        calibration=_coded(probes(population, calibration_probes, seed + 1), persons),
        batch=_coded(probes(population, roster, seed + 2), persons),
        check=_coded(probes(population, bench.CHECK_PROBES * queries, seed + 3), persons),
    )
    streamed.write_table(table, records_file)
    return kept


def _person_codes(values: pa.Array, dictionary: pa.Array) -> np.ndarray:
    """Each person id's position in ``dictionary`` (-1 when absent or null)."""
    found = pc.index_in(values, value_set=dictionary)
    return np.asarray(found.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64)


def _labelled(
    model: Model,
    served: online.OnlineStore,
    queries: list[Coded],
    store_persons: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Every candidate pair of each query: calibrated probability and truth."""
    scorer = search.Scorer(model)  # the calibration does not enter the compiled model
    probs, labels = [], []
    for query, person in queries:
        rows = served.candidates(query_keys(query))
        probs.append(scorer.band_online(served, query, rows)[0])
        labels.append(store_persons[rows] == person)
    return np.concatenate(probs), np.concatenate(labels)


def run(
    records: int,
    seed: int = 0,
    queries: int = 1000,
    roster: int = 100_000,
    progress: Callable[[str], None] | None = None,
    scratch: Path | None = None,
) -> dict[str, Any]:
    step = progress or (lambda _message: None)
    started_all = time.perf_counter()
    trained_on = min(records, TRAIN_RECORDS)
    step(f"training (EM) on the {trained_on:,}-record population of the same seed")
    model_json, train_seconds = _in_child(_trained, trained_on, seed)
    model = Model.from_json(model_json)

    with tempfile.TemporaryDirectory(prefix="access-bench-online-", dir=scratch) as folder:
        step("generating the population")
        records_file = Path(folder) / "records.arrow"
        population = _in_child(_population, records, seed, queries, roster, records_file)
        store_persons, store_size = population.store_persons, population.records
        test, batch = population.test, population.batch
        queried = {p for _q, p in (*test, *batch) if p != ABSENT}
        records_of = {p: int(population.records_per_person[p]) for p in queried}

        directory = Path(folder) / "store"
        step(f"building the online store of {store_size:,} records (streamed)")
        started = time.perf_counter()
        built = streamed.build(directory, records_file, bench.records_of, scratch=Path(folder))
        build_seconds = time.perf_counter() - started
        records_file.unlink()
        bench._release_memory()

        served = online.OnlineStore(directory)
        served.utf8  # noqa: B018 - a serving process's one-time work, before any timing
        step("calibrating")
        probs, labels = _labelled(model, served, population.calibration, store_persons)
        model.calibration = calibrate.fit_isotonic(
            probs, labels, min_block=bench.CALIBRATION_MIN_BLOCK
        )
        model.thresholds = calibrate.choose_thresholds(
            model.calibrated(probs), labels, probable_precision=bench.PROBABLE_PRECISION
        )
        fit_pairs = len(probs)
        del probs, labels
        scorer = search.Scorer(model)

        step("inquiries (online store)")
        timings, all_probs, all_labels, all_bands, candidates = [], [], [], [], []
        true_pairs = absent = absent_probable = 0
        for query, person in test:
            t0 = time.perf_counter()
            rows = served.candidates(query_keys(query))
            found = search.rank(scorer.shortlist_online(served, query, rows, 10), 10)
            timings.append((time.perf_counter() - t0) * 1000)
            candidates.append(len(rows))
            if person == ABSENT:
                absent += 1
                absent_probable += any(c.band == calibrate.PROBABLE for c in found)
            else:
                true_pairs += records_of[person]
            p, bands = scorer.band_online(served, query, rows)
            all_probs.append(p)
            all_labels.append(store_persons[rows] == person)
            all_bands += bands

        step("calibration check probes")
        check_probs, check_labels = _labelled(model, served, population.check, store_persons)
        labels_all = np.concatenate(all_labels)
        metrics = calibrate.band_metrics(all_bands, labels_all)
        retrieved_true = int(labels_all.sum())
        for name in ("probable", "possible"):  # recall against every true pair
            metrics[f"{name}_recall"] = round(
                metrics[f"{name}_recall"] * retrieved_true / max(true_pairs, 1), 4
            )
        reliability_table = calibrate.reliability(
            np.concatenate([*all_probs, check_probs]), np.concatenate([labels_all, check_labels])
        )
        calibration_pairs = len(labels_all) + len(check_labels)
        del served, all_probs, all_labels, check_probs, check_labels
        bench._release_memory()

        step(f"batch screening of {len(batch):,} roster rows")
        roster_records = [
            dataclasses.replace(q, record_id=f"roster-{i}") for i, (q, _p) in enumerate(batch)
        ]
        screener = screen.OnlineScreener(
            model, directory, min_probability=model.thresholds["possible"]
        )
        started = time.perf_counter()
        batch_pairs = screener.screen(roster_records, workers=bench.BATCH_WORKERS)
        batch_seconds = time.perf_counter() - started

    batch_figures = bench.batch_metrics(
        [None if p == ABSENT else p for _q, p in batch],
        batch_pairs,
        lambda row: int(store_persons[row]),
        records_of,
    )
    p95 = bench._percentile(timings, 0.95)
    return {
        "benchmark": "matching",
        "population": "access.records.synthetic.generate + probes",
        "store": "online store only (streamed build; bench_online)",
        "records": store_size,
        "store_records": store_size,
        "queries": len(timings),
        "seed": seed,
        "inquiry_p50_ms": bench._percentile(timings, 0.50),
        "inquiry_p95_ms": p95,
        "inquiry_p99_ms": bench._percentile(timings, 0.99),
        "inquiry_mean_ms": round(statistics.fmean(timings), 3) if timings else 0.0,
        "inquiry_path": "online store (Scorer.shortlist_online), as the inquiry API serves",
        "candidates_p50": int(np.percentile(candidates, 50)) if candidates else 0,
        "candidates_p95": int(np.percentile(candidates, 95)) if candidates else 0,
        "baseline_p95_ms": None,
        "speedup": None,
        "candidate_recall": round(retrieved_true / max(true_pairs, 1), 4),
        **metrics,
        "absent_queries": absent,
        "absent_probable_rate": round(absent_probable / max(absent, 1), 4),
        "thresholds": {k: round(v, 6) for k, v in model.thresholds.items()},
        "calibration": reliability_table,
        "calibration_pairs": calibration_pairs,
        "calibration_fit_pairs": fit_pairs,
        "batch_rows": len(roster_records),
        "batch_pairs": len(batch_pairs),
        **batch_figures,
        "batch_store_records": store_size,
        "batch_seconds": round(batch_seconds, 2),
        "batch_engine": f"online store, {bench.BATCH_WORKERS} spawned workers (compiled kernel)",
        "build_seconds": round(build_seconds, 2),
        "build": {
            "keys": built.keys,
            "postings": built.postings,
            "keys_over_cap": built.keys_over_cap,
            "vocabulary": built.vocabulary,
        },
        "train_records": trained_on,
        "train_seconds": round(train_seconds, 2),
        "total_seconds": round(time.perf_counter() - started_all, 1),
        "machine": bench.machine(),
    }
