"""The figures of ``access bench link`` (the benchmark itself runs outside ``make test``)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from access.benchmarks.link_public import FEBRL_FIELDS, _records, metrics


def test_metrics_of_possible_and_probable_pairs() -> None:
    truth = {("a1", "b1"), ("a2", "b2"), ("a3", "b3"), ("a4", "b4")}
    possible = [("a1", "b1"), ("a2", "b2"), ("a3", "b3"), ("a1", "b9")]
    probable = [("a1", "b1"), ("a2", "b2")]
    found = metrics(possible, probable, truth)
    assert found["possible_or_better"] == {
        "pairs": 4, "false_pairs": 1, "precision": 0.75, "recall": 0.75, "f1": 0.75,
    }  # fmt: skip
    assert found["probable"] == {"pairs": 2, "false_pairs": 0, "precision": 1.0, "recall": 0.5}


def test_metrics_with_nothing_found() -> None:
    found = metrics([], [], {("a", "b")})
    assert found["possible_or_better"]["f1"] == 0.0
    assert found["probable"]["precision"] == 0.0


def test_febrl_rows_become_records_as_access_link_reads_them() -> None:
    row = {
        "rec_id": "rec-1-org", "given_name": "michaela", "surname": "neumann",
        "street_number": "8", "address_1": "stanley street", "suburb": "winston hills",
        "postcode": "4223", "state": "nsw", "date_of_birth": "19151111", "soc_sec_id": "5304218",
    }  # fmt: skip
    [record] = _records([row])
    assert record.record_id == "rec-1-org"
    assert (record.given_name, record.family_names) == ("michaela", ("neumann",))
    assert record.street == "8 stanley street" and record.city == "winston hills"
    assert record.identifiers == {"soc_sec_id": "5304218"}
    assert record.dates_of_birth == ("19151111",)  # parsed by the normaliser, as in a CSV
    assert set(FEBRL_FIELDS) >= {"given_name", "family_name", "date_of_birth", "id.soc_sec_id"}


def test_bench_link_refuses_an_unknown_dataset() -> None:
    with pytest.raises(CommandError, match="invalid choice: 'nope'"):
        call_command("bench", "link", "--dataset", "nope", stdout=io.StringIO())
