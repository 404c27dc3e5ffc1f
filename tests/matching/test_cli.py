"""``access link`` / ``access dedupe`` / ``access bench matching``: happy paths and refusals."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from access.matching.testdata import population

HEADER = ["ID", "First", "Last", "DOB", "Sex", "ANUM", "Born"]


def _write(path: Path, records: list) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for r in records:
            writer.writerow([r.record_id, r.given_name, r.family_name, r.date_of_birth, r.sex,
                             r.identifiers.get("a_number", ""), r.place_of_birth])  # fmt: skip
    return path


MAP = [
    "given_name=First",
    "family_name=Last",
    "date_of_birth=DOB",
    "sex=Sex",
    "id.a_number=ANUM",
    "place_of_birth=Born",
]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[int]]:
    records, persons = population(150, seed=5)
    folder = tmp_path_factory.mktemp("link")
    return (
        _write(folder / "left.csv", records[::2]),
        _write(folder / "right.csv", records[1::2]),
        persons,
    )


def _link(left: Path, right: Path, out: Path, *extra: str, map_left: list[str] = MAP) -> str:
    stdout = io.StringIO()
    call_command(
        "link", str(left), str(right), "--map-left", *map_left, "--map-right", *MAP,
        "--id-left", "ID", "--id-right", "ID", "--out", str(out), *extra,
        stdout=stdout, stderr=io.StringIO(),
    )  # fmt: skip
    return stdout.getvalue()


def test_link_writes_banded_explained_pairs(files: tuple, tmp_path: Path) -> None:
    left, right, persons = files
    out = tmp_path / "out.csv"
    message = _link(left, right, out)
    rows = list(csv.DictReader(out.open()))
    assert message == f"{len(rows)} pairs written to {out}\n"
    assert list(rows[0])[:4] == ["left_id", "right_id", "match_probability", "band"]
    assert {"given_name_weight", "date_of_birth_level", "notes"} <= set(rows[0])
    assert {r["band"] for r in rows} <= {"no match", "possible", "probable"}
    left_ids = {line["ID"] for line in csv.DictReader(left.open())}
    assert all(r["left_id"] in left_ids for r in rows)
    probable = [r for r in rows if r["band"] == "probable"]
    assert probable
    right_truth = sum(
        persons[int(r["left_id"][1:])] == persons[int(r["right_id"][1:])] for r in probable
    )
    assert right_truth / len(probable) >= 0.9


def test_dedupe_finds_duplicates(files: tuple, tmp_path: Path) -> None:
    left, _right, _persons = files
    out = tmp_path / "dupes.csv"
    call_command("dedupe", str(left), "--map", *MAP, "--id", "ID", "--out", str(out),
                 stdout=io.StringIO(), stderr=io.StringIO())  # fmt: skip
    rows = list(csv.DictReader(out.open()))
    assert rows
    assert all(r["left_id"] != r["right_id"] for r in rows)


@pytest.mark.parametrize(
    ("map_left", "make_left", "message"),
    [
        (["nickname=First"], None, "unknown field 'nickname'"),
        (["given_name"], None, "is not FIELD=COLUMN"),
        (["given_name=Nope"], None, "missing column(s) Nope"),
        (MAP, "", "the file is empty"),
        (["given_name=First"], "ID,First\n", "no records (only a header)"),
        (MAP, b"ID\x00First\x00\n1\x00x\n", "not a CSV text file"),
        (MAP, "\xe9t\xe9", "not UTF-8 text"),
        (MAP, "missing", "no such file"),
    ],
)
def test_link_refuses_bad_input(
    files: tuple, tmp_path: Path, map_left: list[str], make_left: object, message: str
) -> None:
    left, right, _persons = files
    if make_left == "missing":
        left = tmp_path / "nowhere.csv"
    elif isinstance(make_left, bytes):
        left = tmp_path / "bad.csv"
        left.write_bytes(make_left)
    elif make_left == "\xe9t\xe9":
        left = tmp_path / "latin1.csv"
        left.write_bytes("ID,First\n1,\xe9t\xe9\n".encode("latin-1"))
    elif isinstance(make_left, str):
        left = tmp_path / "thin.csv"
        left.write_text(make_left)
    out = tmp_path / "out.csv"
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        _link(left, right, out, map_left=map_left)
    assert not out.exists()


def test_refusal_from_the_console_script_has_no_traceback(files: tuple, tmp_path: Path) -> None:
    left, right, _persons = files
    env = dict(os.environ, ACCESS_ENV="test")
    script = Path(sys.executable).parent / "access"
    result = subprocess.run(
        [str(script), "link", str(left), str(right), "--map-left", "bogus=First", "--map-right", *MAP,
         "--id-left", "ID", "--id-right", "ID", "--out", str(tmp_path / "o.csv")],
        capture_output=True, text=True, env=env, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert "unknown field 'bogus'" in result.stderr
    assert "Traceback" not in result.stderr


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    path.write_text("ID,First\n1,Ann\n1,Bob\n")
    with pytest.raises(CommandError, match="duplicate id '1'"):
        call_command("dedupe", str(path), "--map", "given_name=First", "--id", "ID",
                     "--out", str(tmp_path / "o.csv"), stdout=io.StringIO(), stderr=io.StringIO())  # fmt: skip


def test_bench_prints_one_json_object() -> None:
    stdout = io.StringIO()
    call_command(
        "bench", "matching", "--records", "600", "--queries", "40", "--roster", "50", stdout=stdout
    )
    result = json.loads(stdout.getvalue())
    for key in ("records", "inquiry_p50_ms", "inquiry_p95_ms", "inquiry_p99_ms", "baseline_p95_ms", "speedup",
                "candidate_recall", "probable_precision", "probable_recall", "possible_precision",
                "possible_recall", "absent_probable_rate", "calibration", "batch_rows", "batch_seconds",
                "train_seconds", "machine"):  # fmt: skip
        assert key in result
    assert result["batch_rows"] == 50
    # inquiries are timed on the online store; the in-memory store answered every one alike
    assert result["queries"] == 40
    assert result["inquiry_disagreements"] == 0
    assert result["inquiry_in_memory_p95_ms"] > 0
    assert all(
        set(b) == {"from", "to", "predicted", "observed", "n", "margin"}
        for b in result["calibration"]
    )


def test_bench_on_an_online_store_alone_prints_the_same_figures() -> None:
    stdout = io.StringIO()
    call_command(
        "bench", "matching", "--online", "--records", "3000", "--queries", "40", "--roster", "60",
        stdout=stdout,
    )  # fmt: skip
    result = json.loads(stdout.getvalue())
    assert result["store"].startswith("online store only")
    assert result["queries"] == 40 and result["batch_rows"] == 60
    assert result["baseline_p95_ms"] is None and result["speedup"] is None  # not run: said so
    assert result["build"]["postings"] > 10 * result["records"]
    assert result["candidate_recall"] > 0.9
    assert result["absent_probable_rate"] == 0.0
    assert result["calibration"] and all(b["n"] > 0 for b in result["calibration"])
    assert result["train_records"] == 3000
