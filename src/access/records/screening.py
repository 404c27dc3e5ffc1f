"""The front door's batch side: many people screened at once against the person records.

CAP screening hands a chunk of booked people (``matching.schema.Record``) to ``screen`` and
gets, for each, the best candidates at or above *possible* (calibrated probability, band,
per-field explanation), exactly as ``records.search`` would answer each of them alone::

    from access.records import screening

    answer = screening.screen(records, limit=3)
    answer.note                       # "" when screened; else why not (no model yet, ...)
    answer.candidates["booking-17"]   # matching.search.Candidate list, best first ([] if none)

Two paths, one answer (tests hold them equal):

- **online store** (the fast path): while the published online store describes the whole
  database (``records.online.check`` through ``Searcher.online_store``, and no record loaded
  since it was published), the chunk's keys are looked up in the store's sorted key table at
  once and every pair is scored by the compiled kernel in one call (``matching.screen``'s
  ``key_pairs`` and ``vectorised.score_pairs``), pruned at the *possible* floor;
- **per record**: otherwise (no store, a stale one, records loaded since it was published,
  tests), each record goes through ``Searcher.search`` (database index, or the store merged
  with the database).

Both use the searcher's model (the active ``MatchModelVersion``, or a pinned file) and band
with its calibration and thresholds after the safety rules (``matching.rules``), as inquiries
do. Nothing here trains: with no model the answer is a note. Spark is not a path here
(docs/decisions.md): ``access link --engine spark`` links files, not the stored records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from django.conf import settings

from access.matching import calibrate, explain, vectorised
from access.matching.keys import query_keys
from access.matching.normalize import features
from access.matching.online import OnlineStore, OnlineVocabulary
from access.matching.schema import Record
from access.matching.screen import key_pairs
from access.matching.search import Candidate, Scorer, rank, reporting_floor
from access.records import search
from access.records.choices import ModelStatus
from access.records.model_lifecycle import MIN_RECORDS_TO_TRAIN
from access.records.models import FeatureRow, MatchModelVersion

__all__ = ["ONLINE_STORE", "PER_RECORD", "BatchAnswer", "model_in_use", "prepare", "screen"]
WARM_UP = Record(
    record_id="warm-up", given_name="ANA", family_names=("GARCIA",), dates_of_birth=("1980-01-01",)
)

ONLINE_STORE = "online store"
PER_RECORD = "per record"


@dataclass(frozen=True)
class BatchAnswer:
    """``candidates``: each query's ``record_id`` -> its candidates, most likely first (an
    empty list when none reaches *possible*); ``note``: why nothing was screened (then
    ``candidates`` is empty); ``path``: which path answered."""

    candidates: dict[str, list[Candidate]] = field(default_factory=dict)
    note: str = ""
    path: str = ""


def _whole_store(searcher: search.Searcher) -> OnlineStore | None:
    """The served online store when it holds every stored record (no record loaded since it
    was published); ``None`` otherwise, and for a searcher with a fixed source."""
    if searcher.fixed_source is not None:
        return None
    store = searcher.online_store()
    if store is None or FeatureRow.objects.filter(record_id__gt=store.max_record_id).exists():
        return None
    return store


def model_in_use() -> str:
    """What bands the answers, for the record: a pinned model file, the active version
    ("matching model v3"), or "" when there is none."""
    pinned = getattr(settings, "INQUIRIES_MODEL_PATH", None)
    if pinned and Path(pinned).is_file():
        return f"model file {Path(pinned).name}"
    active = MatchModelVersion.objects.filter(status=ModelStatus.ACTIVE).first()
    return str(active) if active else ""


def _candidate(
    scorer: Scorer,
    record_id: str,
    weight: float,
    p_raw: float,
    levels: Sequence[int],
    weights: Sequence[float],
) -> Candidate:
    why = explain.explain(scorer.compiled, levels, weights)
    p = float(scorer.model.calibrated(p_raw))
    return Candidate(
        record_id=record_id,
        match_weight=weight,
        match_probability=p,
        band=calibrate.band_explained(p, scorer.model.thresholds, why),
        explanation=why,
    )


def _on_store(
    scorer: Scorer, store: OnlineStore, queries: Sequence[Record], limit: int
) -> dict[str, list[Candidate]]:
    """Every query of the chunk against the store at once; per query, the answer
    ``Scorer.shortlist_online`` + ``rank`` would give it alone (the ``limit * 3`` heaviest
    pairs scored in full, ties in store order, then ``rank``)."""
    out: dict[str, list[Candidate]] = {q.record_id: [] for q in queries}
    vocabulary = OnlineVocabulary(store)
    left = vocabulary.encode([features(q) for q in queries])
    li, ri = key_pairs(store, [query_keys(q) for q in queries])
    if not li.size:
        return out
    scores = vectorised.score_pairs(
        scorer.compiled, vocabulary, left, store.encoded, li, ri, reporting_floor(scorer.model)
    )
    weights = scores.match_weight
    # by query, heaviest first, ties in pair order (store-row order within a query)
    order = np.lexsort((np.arange(len(li)), -weights, li))
    starts = np.searchsorted(li[order], np.arange(len(queries) + 1))
    ids = store.record_ids
    keep = max(limit * 3, limit)
    for i, query in enumerate(queries):
        group = order[starts[i] : starts[i + 1]][:keep]
        group = group[np.isfinite(weights[group])]
        shortlist = []
        for j in group.tolist():
            row = scores.row(j)
            shortlist.append(
                _candidate(
                    scorer,
                    str(int(ids[ri[j]])),
                    float(weights[j]),
                    float(scores.match_probability[j]),
                    scores.levels[row],
                    scores.weights[row],
                )
            )
        out[query.record_id] = rank(shortlist, limit)
    return out


def prepare() -> None:
    """Load the model, map the online store and score one made-up person, so that a job's
    first chunk does not carry the set-up (compiling the model, the kernel's copy of the
    store's codes: seconds at a million records)."""
    searcher = search.searcher()
    scorer = searcher.scorer()
    store = _whole_store(searcher) if scorer is not None else None
    if scorer is not None and store is not None:
        _on_store(scorer, store, [WARM_UP], 1)


def screen(queries: Sequence[Record], limit: int = 3) -> BatchAnswer:
    """The best ``limit`` candidates (at or above *possible*) of each query, or a note saying
    why there was no screening. Query ``record_id``s must be distinct."""
    searcher = search.searcher()
    scorer = searcher.scorer()
    if scorer is None:
        if FeatureRow.objects.count() < MIN_RECORDS_TO_TRAIN:
            return BatchAnswer(note=search.EMPTY_NOTE)
        return BatchAnswer(note=search.NO_MODEL_NOTE)
    store = _whole_store(searcher)
    if store is not None:
        return BatchAnswer(_on_store(scorer, store, queries, limit), path=ONLINE_STORE)
    found: dict[str, list[Candidate]] = {}
    for query in queries:
        answer = searcher.search(query, limit)
        if answer.note:
            return BatchAnswer(note=answer.note, path=PER_RECORD)
        found[query.record_id] = answer.candidates
    return BatchAnswer(found, path=PER_RECORD)
