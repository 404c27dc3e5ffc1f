"""``generate(persons, seed)``: a synthetic records store with ground truth; ``probes(...)``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa

from access.matching.schema import KNOWN_IDENTIFIERS
from access.records.synthetic.errors import ERROR_KINDS, ORIGINAL_FACTOR
from access.records.synthetic.lexicon import ORIGINS, lexicon
from access.records.synthetic.persons import (
    CITIZENSHIPS,
    Truth,
    add_collisions,
    assign_identifiers,
    sample,
)
from access.records.synthetic.render import choose_sources, render

# Extra records per person: 0-4, skewed towards none.
EXTRA_RECORDS_P = (0.40, 0.30, 0.17, 0.09, 0.04)
CHUNK = 200_000

RECORD_COLUMNS = (
    "record_id",
    "given_name",
    "middle_name",
    "family_names",
    "full_name",
    "aliases",
    "dates_of_birth",
    "sex",
    "country_of_birth",
    "place_of_birth",
    *(f"id.{kind}" for kind in KNOWN_IDENTIFIERS),
    "street",
    "city",
    "postcode",
    "state",
)
TRUTH_COLUMNS = (
    "person_id",
    "is_us_citizen",
    "citizenship",
    "record_source",
    "ncic_offense",
    "event_date",
    "errors",
)
COLUMNS = RECORD_COLUMNS + TRUTH_COLUMNS
PROBE_COLUMNS = ("probe_id", *RECORD_COLUMNS[1:], "true_person_id", "errors")
# Errors a probe is given on purpose (one each), on top of the usual rates.
PROBE_FORCED = (
    "typo_given",
    "typo_family",
    "phonetic_given",
    "phonetic_family",
    "nickname",
    "drop_maternal",
    "name_order_swap",
    "dob_partial",
    "dob_day_month_swap",
    "dob_transposition",
    "identifier_typo",
)

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class Population:
    """Records (one row per record, ``COLUMNS``) and the persons behind them (ground truth)."""

    records: pa.Table
    persons: pa.Table
    seed: int
    truth: Truth = field(repr=False, compare=False)

    @property
    def person_count(self) -> int:
        return self.persons.num_rows

    def __len__(self) -> int:
        return self.records.num_rows


def generate(persons: int, seed: int, progress: Progress | None = None) -> Population:
    """Deterministic for (persons, seed): the same arguments give the same tables."""
    if persons < 1:
        raise ValueError("persons must be at least 1")
    report = progress or (lambda stage, fraction: None)
    rng = np.random.default_rng(seed)
    report("persons", 0.0)
    truth = sample(persons, rng)
    add_collisions(truth, rng)
    assign_identifiers(truth, rng)
    report("persons", 0.15)
    extra = rng.choice(len(EXTRA_RECORDS_P), size=persons, p=EXTRA_RECORDS_P)
    src = np.repeat(np.arange(persons), 1 + extra)
    first = np.ones(len(src), bool)
    first[1:] = src[1:] != src[:-1]
    factor = np.where(first, ORIGINAL_FACTOR, 1.0)
    source = choose_sources(truth, src, rng)
    chunks: list[dict[str, Any]] = []
    for start in range(0, len(src), CHUNK):
        end = start + CHUNK
        chunks.append(render(truth, src[start:end], factor[start:end], source[start:end], rng))
        report("records", 0.15 + 0.7 * min(end, len(src)) / len(src))
    columns = {name: np.concatenate([c[name] for c in chunks]) for name in chunks[0]}
    order = rng.permutation(len(src))
    columns = {name: values[order] for name, values in columns.items()}
    person_of = src[order]
    columns["record_id"] = _ids("R", len(src), 9)
    columns["person_id"] = _ids("P", persons, 8)[person_of]
    citizenship = truth.citizenship[person_of]
    columns["is_us_citizen"] = citizenship <= 1
    columns["citizenship"] = np.array(CITIZENSHIPS, dtype=object)[citizenship]
    records = pa.table({name: _arrow(columns[name]) for name in COLUMNS})
    report("tables", 0.9)
    population = Population(records=records, persons=persons_table(truth), seed=seed, truth=truth)
    report("done", 1.0)
    return population


def _ids(prefix: str, n: int, width: int) -> np.ndarray:
    return np.array([f"{prefix}{i:0{width}d}" for i in range(1, n + 1)], dtype=object)


def _arrow(values: np.ndarray) -> pa.Array:
    if values.dtype == bool:
        return pa.array(values, type=pa.bool_())
    return pa.array(values, type=pa.string())


def persons_table(truth: Truth) -> pa.Table:
    """One row per true person: the canonical attributes and how persons collide."""
    lex = lexicon()
    n = len(truth)
    ids = _ids("P", n, 8)
    family = [
        a + "|" + b if b else a
        for a, b in zip(
            lex.strings[truth.family1].tolist(), lex.strings[truth.family2].tolist(), strict=True
        )
    ]
    related = np.where(truth.related >= 0, ids[np.maximum(truth.related, 0)], "")
    columns: dict[str, Any] = {
        "person_id": ids,
        "origin": np.array(ORIGINS, dtype=object)[truth.origin],
        "sex": truth.sex,
        "given_name": lex.strings[truth.given],
        "middle_name": lex.strings[truth.middle],
        "family_names": np.array(family, dtype=object),
        "date_of_birth": np.datetime_as_string(truth.dob, unit="D").astype(object),
        "country_of_birth": truth.country,
        "place_of_birth": truth.place,
        "citizenship": np.array(CITIZENSHIPS, dtype=object)[truth.citizenship],
        "is_us_citizen": truth.citizenship <= 1,
        "relation": truth.relation,
        "related_person_id": related.astype(object),
        **{f"id.{kind}": truth.ids[kind] for kind in KNOWN_IDENTIFIERS},
    }
    return pa.table({name: _arrow(np.asarray(v)) for name, v in columns.items()})


def probes(population: Population, n: int, seed: int, absent_share: float = 0.2) -> pa.Table:
    """Inquiries for benchmarks: persons from the store written down afresh (each with one
    deliberate error on top of the usual rates) and persons *not* in the store
    (``true_person_id`` null). Namesakes of stored persons among the absent are the hard case.
    """
    if n < 1 or not 0.0 <= absent_share <= 1.0:
        raise ValueError("need n >= 1 and 0 <= absent_share <= 1")
    rng = np.random.default_rng([seed, 0x1A9])
    n_absent = round(n * absent_share)
    n_present = n - n_absent
    parts: list[dict[str, Any]] = []
    truths: list[np.ndarray] = []
    if n_present:
        chosen = rng.choice(
            population.person_count, size=n_present, replace=n_present > population.person_count
        )
        parts.append(_probe_rows(population.truth, chosen, rng))
        truths.append(population.persons.column("person_id").to_numpy(zero_copy_only=False)[chosen])
    if n_absent:
        absent = sample(n_absent, rng)
        assign_identifiers(absent, rng)
        _forget_identifiers_in(absent, population.truth)
        parts.append(_probe_rows(absent, np.arange(n_absent), rng))
        truths.append(np.full(n_absent, None, dtype=object))
    columns = {name: np.concatenate([p[name] for p in parts]) for name in parts[0]}
    true_ids = np.concatenate(truths)
    order = rng.permutation(n)
    columns = {name: values[order] for name, values in columns.items()}
    columns["probe_id"] = _ids("Q", n, 7)
    columns["true_person_id"] = true_ids[order]
    return pa.table({name: _arrow(columns[name]) for name in PROBE_COLUMNS})


def _probe_rows(truth: Truth, src: np.ndarray, rng: np.random.Generator) -> dict[str, Any]:
    kinds = np.array([ERROR_KINDS.index(k) for k in PROBE_FORCED])
    forced = kinds[rng.integers(0, len(kinds), len(src))]
    source = np.full(len(src), "inquiry", dtype=object)
    return render(truth, src, np.ones(len(src)), source, rng, forced=forced)


def _forget_identifiers_in(absent: Truth, store: Truth) -> None:
    """An absent person must not share an identifier with someone in the store."""
    for kind, values in absent.ids.items():
        taken = set(store.ids[kind].tolist()) - {""}
        clash = np.array([v in taken for v in values.tolist()], dtype=bool)
        values[clash] = ""
