"""The computations of the matching model's lifecycle, over the records store (no writes).

``records.actions`` stores their results as ``MatchModelVersion`` rows; the heavy work here
(EM training, scoring labelled pairs) runs before the audited transaction that records it, so
neither a web request nor an audited transaction ever trains.

- training: EM (``matching.model.train``) on a bounded sample of stored feature rows, spread
  evenly over the store (every k-th record);
- labelled pairs: *synthetic probes* (stored records with a ``synthetic_person_id``, each
  searched against the rest of the store as an inquiry would be, a candidate being a true pair
  when it belongs to the same synthetic person) and *decisions* (pairs people decided on:
  inquiries registers its analysts' verified and rejected candidates with
  ``register_decisions``; records cannot import the apps above it);
- calibration: ``matching.calibrate.fit_isotonic`` and ``choose_thresholds`` on the raw
  probabilities of the calibration pairs, "probable" at ``PROBABLE_PRECISION`` as
  ``benchmarks/matching.py`` does;
- evaluation: precision and recall per band and the reliability table, on probes held out from
  the calibration (every other probe) plus the recorded decisions.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db.models import Count, F

from access.matching import calibrate, evaluate
from access.matching.keys import posting_cap, query_keys
from access.matching.model import Model
from access.matching.normalize import features
from access.matching.schema import Record
from access.matching.search import Scorer
from access.records.engine import parsed_row, parsed_rows, stored_record
from access.records.models import CandidateKey, FeatureRow, PersonRecord

MIN_RECORDS_TO_TRAIN = 50
TRAIN_SAMPLE = 200_000
PROBES = 4_000  # synthetic probes searched per calibration (half calibrate, half evaluate)
PROBABLE_PRECISION = 0.9995  # as benchmarks/matching.py: a margin over the 99.9% target
POSSIBLE_RECALL = 0.99
CALIBRATION_MIN_BLOCK = 200  # labelled pairs per isotonic block at most asked (fewer pairs: less)
SYNTHETIC, DECISIONS = "synthetic probes", "analyst decisions"


@dataclass(frozen=True)
class Decision:
    """A pair a person decided on: the query as entered, the stored record, and whether it
    was the same person (verified) or not (rejected)."""

    query: Record
    record_pk: int
    same_person: bool


DecisionSource = Callable[[], Iterable[Decision]]
_decision_sources: dict[str, DecisionSource] = {}


def register_decisions(name: str, source: DecisionSource) -> None:
    """An app above records contributes its people's decisions to every calibration."""
    _decision_sources[name] = source


def decisions() -> list[Decision]:
    return [found for source in _decision_sources.values() for found in source()]


# --- training -------------------------------------------------------------------------------


@dataclass
class Trained:
    model: Model
    store_size: int
    sample_size: int
    description: str


def sample_rows(limit: int = TRAIN_SAMPLE) -> tuple[list[dict[str, Any]], int, int]:
    """Up to ``limit`` stored feature rows, every k-th record; with the store size and k."""
    total = FeatureRow.objects.count()
    rows = FeatureRow.objects.order_by("record_id")
    step = max(1, math.ceil(total / max(limit, 1)))
    if step > 1:
        rows = rows.annotate(stride=F("record_id") % step).filter(stride=0)
    found = [parsed_row(value) for value in rows.values_list("row", flat=True)[:limit]]
    return found, total, step


def train(limit: int = TRAIN_SAMPLE) -> Trained | None:
    """EM on a bounded sample of the store; ``None`` below ``MIN_RECORDS_TO_TRAIN`` rows."""
    import pyarrow as pa

    from access.matching.model import train as em_train
    from access.matching.store import SCHEMA

    rows, total, step = sample_rows(limit)
    if len(rows) < MIN_RECORDS_TO_TRAIN:
        return None
    # Training blocks on names, dates and A-numbers; the candidate keys are not needed.
    table = pa.Table.from_pylist([dict(row, keys=None) for row in rows], schema=SCHEMA)
    model = em_train(table)
    model.calibration = None
    description = (
        f"all {total:,} records"
        if step == 1
        else f"1 in {step} of {total:,} records (record id divisible by {step})"
    ) + f", at most {limit:,} rows"
    return Trained(model, total, len(rows), description)


# --- labelled pairs -------------------------------------------------------------------------


@dataclass
class Pairs:
    """Scored labelled pairs, grouped by query (each group one ``evaluate.Scores``)."""

    groups: list[tuple[evaluate.Scores, np.ndarray]] = field(default_factory=list)
    sources: dict[str, int] = field(default_factory=dict)

    def add(self, scores: evaluate.Scores, labels: np.ndarray, source: str) -> None:
        if len(labels):
            self.groups.append((scores, labels))
            self.sources[source] = self.sources.get(source, 0) + len(labels)

    def raw(self) -> tuple[np.ndarray, np.ndarray]:
        """Raw (uncalibrated) probabilities and labels of every pair."""
        if not self.groups:
            return np.zeros(0), np.zeros(0, bool)
        return (
            np.concatenate([s.match_probability for s, _ in self.groups]),
            np.concatenate([y for _, y in self.groups]),
        )

    def banded(self, model: Model) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """Calibrated probabilities, labels and bands under ``model`` (the shared banding,
        ``Scorer.band``, with its safety rules)."""
        if not self.groups:
            return np.zeros(0), np.zeros(0, bool), []
        scorer = Scorer(model)
        probs: list[np.ndarray] = []
        bands: list[str] = []
        for scores, _labels in self.groups:
            p, found = scorer.band(scores)
            probs.append(p)
            bands += found
        labels = np.concatenate([y for _, y in self.groups]) if self.groups else np.zeros(0, bool)
        return np.concatenate(probs or [np.zeros(0)]), labels, bands

    def summary(self) -> dict[str, Any]:
        _p, labels = self.raw()
        return {"pairs": len(labels), "true_pairs": int(labels.sum()), **self.sources}


def _candidates(keys: set[str], exclude: int | None) -> list[tuple[int, dict[str, Any]]]:
    """(pk, feature row) of the records sharing a key with ``keys`` (keys over their posting
    cap skipped, as an inquiry's search skips them), in pk order, without ``exclude``."""
    if not keys:
        return []
    counts = (
        CandidateKey.objects.filter(key__in=sorted(keys))
        .values("key")
        .annotate(n=Count("record"))
        .values_list("key", "n")
    )
    kept = [key for key, n in counts if n <= posting_cap(key)]
    holders = CandidateKey.objects.filter(key__in=kept).values("record_id")
    rows = FeatureRow.objects.filter(record_id__in=holders).order_by("record_id")
    if exclude is not None:
        rows = rows.exclude(record_id=exclude)
    return parsed_rows(list(rows.values_list("record_id", "row")))


def synthetic_probes(limit: int = PROBES) -> list[PersonRecord]:
    """Up to ``limit`` stored synthetic records (with ground truth), every k-th one."""
    people = PersonRecord.objects.exclude(synthetic_person_id="").order_by("pk")
    total = people.count()
    step = max(1, math.ceil(total / max(limit, 1)))
    if step > 1:
        people = people.annotate(stride=F("pk") % step).filter(stride=0)
    return list(people.prefetch_related("birth_dates", "identifiers", "addresses")[:limit])


def probe_pairs(model: Model, probes: Iterable[PersonRecord], pairs: Pairs) -> None:
    """Each probe searched against the rest of the store; a candidate is a true pair when it
    holds the probe's synthetic person."""
    compiled = evaluate.compile_model(model)
    for probe in probes:
        query = stored_record(probe)
        found = _candidates(query_keys(query), exclude=probe.pk)
        if not found:
            continue
        truth = dict(
            PersonRecord.objects.filter(pk__in=[pk for pk, _ in found]).values_list(
                "pk", "synthetic_person_id"
            )
        )
        labels = np.array([truth[pk] == probe.synthetic_person_id for pk, _ in found], bool)
        scores = evaluate.score(compiled, features(query), [row for _pk, row in found])
        pairs.add(scores, labels, SYNTHETIC)


def decision_pairs(model: Model, decided: Iterable[Decision], pairs: Pairs) -> None:
    decided = list(decided)
    if not decided:
        return
    compiled = evaluate.compile_model(model)
    rows = dict(
        parsed_rows(
            list(
                FeatureRow.objects.filter(record_id__in={d.record_pk for d in decided}).values_list(
                    "record_id", "row"
                )
            )
        )
    )
    for decision in decided:
        row = rows.get(decision.record_pk)
        if row is None:  # the record was removed from the store since
            continue
        scores = evaluate.score(compiled, features(decision.query), [row])
        pairs.add(scores, np.array([decision.same_person]), DECISIONS)


def labelled_pairs(model: Model, probes: int = PROBES) -> tuple[Pairs, Pairs]:
    """(calibration pairs, evaluation pairs): alternate synthetic probes go to each, and
    every recorded decision to both (there are few, and each is a person's verdict)."""
    chosen = synthetic_probes(probes)
    decided = decisions()
    fit, check = Pairs(), Pairs()
    probe_pairs(model, chosen[0::2], fit)
    probe_pairs(model, chosen[1::2], check)
    decision_pairs(model, decided, fit)
    decision_pairs(model, decided, check)
    return fit, check


# --- calibration and evaluation -------------------------------------------------------------


class NotEnoughLabels(ValueError):
    """The labelled pairs cannot fit a calibration (none, or only one kind)."""


def calibration(model: Model, pairs: Pairs) -> tuple[dict[str, list[float]], dict[str, float]]:
    """The isotonic calibration and the thresholds fitted on ``pairs``."""
    raw, labels = pairs.raw()
    if not len(labels) or labels.all() or not labels.any():
        raise NotEnoughLabels(
            f"{len(labels)} labelled pairs ({int(labels.sum())} true): a calibration needs "
            "both true and false pairs. Load a synthetic population (`access records "
            "synthesize --load`) or record analysts' decisions first."
        )
    min_block = min(CALIBRATION_MIN_BLOCK, max(1, len(labels) // 50))
    fitted = calibrate.fit_isotonic(raw, labels, min_block=min_block)
    if fitted is None:
        raise NotEnoughLabels("the labelled pairs give no calibration")
    calibrated = Model(model.settings, model.tf, model.thresholds, fitted)
    thresholds = calibrate.choose_thresholds(
        calibrated.calibrated(raw),
        labels,
        probable_precision=PROBABLE_PRECISION,
        possible_recall=POSSIBLE_RECALL,
    )
    return fitted, thresholds


def evaluation(model: Model, pairs: Pairs) -> dict[str, Any]:
    """Precision and recall per band and the reliability table of ``model`` on ``pairs``."""
    probs, labels, bands = pairs.banded(model)
    return {
        **calibrate.band_metrics(bands, labels),
        "reliability": calibrate.reliability(probs, labels),
        **pairs.summary(),
    }
