"""``access records synthesize`` and ``access records load``: refusals and a small run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from access.audit.models import AuditEvent
from access.records.models import PersonRecord
from access.records.synthetic import generate, read_table


def _run(*args: str) -> None:
    call_command("records", *args)


@pytest.mark.parametrize("persons", ["0", "-5"])
def test_synthesize_refuses_fewer_than_one_person(persons, tmp_path):
    with pytest.raises(CommandError, match="--persons must be at least 1"):
        _run("synthesize", "--persons", persons, "--out", str(tmp_path / "x.csv"))
    assert list(tmp_path.iterdir()) == []


def test_synthesize_refuses_an_unknown_extension(tmp_path):
    with pytest.raises(CommandError, match=r"unknown file extension '\.json'"):
        _run("synthesize", "--persons", "10", "--out", str(tmp_path / "x.json"))
    assert list(tmp_path.iterdir()) == []


def test_synthesize_refuses_a_missing_folder(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        _run("synthesize", "--persons", "10", "--out", str(tmp_path / "nope" / "x.csv"))


def test_synthesize_refuses_an_unwritable_path(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    # Root may write into a read-only folder; /proc refuses everyone.
    target = locked / "x.csv" if os.geteuid() != 0 else Path("/proc/access-records.csv")
    with pytest.raises(CommandError, match="cannot write"):
        _run("synthesize", "--persons", "10", "--out", str(target))
    assert not target.exists()


def test_synthesize_refuses_a_directory_as_output(tmp_path):
    with pytest.raises(CommandError, match="it is a directory"):
        _run("synthesize", "--persons", "10", "--out", str(tmp_path))


def test_synthesize_refuses_to_do_nothing():
    with pytest.raises(CommandError, match="nothing to do"):
        _run("synthesize", "--persons", "10")


def test_synthesize_refuses_a_non_number():
    with pytest.raises(CommandError, match="invalid int value"):
        _run("synthesize", "--persons", "many", "--load")


def test_an_unknown_subcommand_is_refused():
    with pytest.raises(CommandError, match="invalid choice"):
        _run("erase")


@pytest.mark.parametrize("name", ["pop.csv", "pop.parquet"])
def test_synthesize_writes_the_same_records_as_generate(name, tmp_path: Path):
    out = tmp_path / name
    _run("synthesize", "--persons", "50", "--seed", "4", "--out", str(out))
    written = read_table(out)
    expected = generate(50, 4).records
    assert written.num_rows == expected.num_rows
    assert written.column("record_id").to_pylist() == expected.column("record_id").to_pylist()
    assert written.column("id.a_number").to_pylist() == expected.column("id.a_number").to_pylist()


@pytest.mark.django_db
def test_synthesize_load_fills_the_store_with_one_audit_event():
    before = AuditEvent.objects.count()
    _run("synthesize", "--persons", "40", "--seed", "9", "--load")
    assert PersonRecord.objects.count() == generate(40, 9).records.num_rows
    assert AuditEvent.objects.count() == before + 1
    assert AuditEvent.objects.latest("pk").actor_name == "system: access records"


@pytest.mark.django_db
def test_load_reads_a_file_and_refuses_a_second_load(tmp_path: Path):
    out = tmp_path / "pop.csv"
    _run("synthesize", "--persons", "30", "--seed", "2", "--out", str(out))
    _run("load", str(out))
    count = PersonRecord.objects.count()
    assert count == read_table(out).num_rows
    with pytest.raises(CommandError, match="already in the store"):
        _run("load", str(out))
    assert PersonRecord.objects.count() == count


def test_load_refuses_a_missing_file_and_an_unknown_extension(tmp_path: Path):
    with pytest.raises(CommandError, match="no such file"):
        _run("load", str(tmp_path / "none.csv"))
    with pytest.raises(CommandError, match="unknown file extension"):
        _run("load", str(tmp_path / "none.txt"))
