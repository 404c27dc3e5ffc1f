"""``access link`` / ``access dedupe`` / ``access bench matching``: happy paths and refusals,
and which model bands the pairs (the active stored version, a file, or one trained on the
inputs)."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command, load_command_class
from django.core.management.base import CommandError

from access.core.actors import SystemActor
from access.matching.model import Model
from access.matching.testdata import population
from access.records import actions as records_actions
from access.records.model_lifecycle import Trained
from access.records.models import MatchModelVersion

# ``access link`` asks the database which model version is active.
pytestmark = pytest.mark.django_db

HEADER = ["ID", "First", "Last", "DOB", "Sex", "ANUM", "Born"]


def _write(path: Path, records: list) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for r in records:
            writer.writerow([r.record_id, r.given_name, r.family_name, r.date_of_birth, r.sex,
                             r.identifiers.get("a_number", ""), r.place_of_birth])  # fmt: skip
    return path


DJANGO_OPTIONS = {
    "help", "version", "verbosity", "settings", "pythonpath", "traceback", "no_color",
    "force_color", "skip_checks",
}  # fmt: skip
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
    assert message == (
        "Model: no active model version in the database, so a model is trained by EM on the "
        "input(s) (uncalibrated); bands: possible >= 0.5, probable >= 0.99 (the app's defaults)\n"
        f"{len(rows)} pairs written to {out}\n"
    )
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


def _parser(command: str) -> argparse.ArgumentParser:
    return load_command_class("access.records", command).create_parser("access", command)


def test_repeated_map_flags_act_as_one_flag_with_several_values() -> None:
    parser = _parser("link")
    common = ["l.csv", "r.csv", "--id-left", "ID", "--id-right", "ID", "--out", "o.csv"]
    once = parser.parse_args([*common, "--map-left", *MAP, "--map-right", *MAP])
    repeated = parser.parse_args(
        [*common, *(x for m in MAP for x in ("--map-left", m)), "--map-right", *MAP[:2],
         "--map-right", *MAP[2:]]
    )  # fmt: skip
    assert once.map_left == repeated.map_left == MAP
    assert once.map_right == repeated.map_right == MAP
    dedupe = _parser("dedupe").parse_args(
        ["f.csv", "--map", MAP[0], "--map", *MAP[1:], "--id", "ID", "--out", "o.csv"]
    )
    assert dedupe.map == MAP


def test_link_with_repeated_flags_links_on_every_mapped_field(files: tuple, tmp_path: Path) -> None:
    left, right, _persons = files
    out = tmp_path / "out.csv"
    repeated = ["given_name=First", "--map-left", "family_name=Last", "--map-left", *MAP[2:]]
    _link(left, right, out, map_left=repeated)
    rows = list(csv.DictReader(out.open()))
    assert rows
    # the given name was mapped, not only the last --map-left
    assert {r["given_name_level"] for r in rows} - {"given name missing"}
    assert {r["date_of_birth_level"] for r in rows} - {"date of birth missing"}


def test_a_field_mapped_twice_across_flags_is_refused(files: tuple, tmp_path: Path) -> None:
    left, right, _persons = files
    out = tmp_path / "out.csv"
    with pytest.raises(CommandError, match="field 'given_name' is mapped twice"):
        _link(left, right, out, map_left=[*MAP, "--map-left", "given_name=Last"])
    assert not out.exists()


@pytest.mark.parametrize("command", ["link", "dedupe"])
def test_every_option_says_what_it_means(command: str) -> None:
    parser = _parser(command)
    ours = [a for a in parser._actions if a.dest not in DJANGO_OPTIONS]
    assert {a.dest for a in ours} >= {"out", "engine", "model"}
    assert all(a.help and len(a.help) > 20 for a in ours), [a.dest for a in ours if not a.help]
    text = parser.format_help()
    assert "repeat the flag" in text and "id.KIND" in text
    assert "possible 0.5, probable 0.99" in text  # the app's default thresholds, stated


def test_link_bands_with_a_given_model_and_its_thresholds(
    files: tuple, tmp_path: Path, trained: Model
) -> None:
    left, right, _persons = files
    model = Model.from_json(trained.to_json())
    model.thresholds = {"possible": 0.3, "probable": 0.97}
    path = tmp_path / "model.json"
    model.save(path)
    out = tmp_path / "out.csv"
    stderr = io.StringIO()
    call_command(
        "link", str(left), str(right), "--map-left", *MAP, "--map-right", *MAP,
        "--id-left", "ID", "--id-right", "ID", "--out", str(out), "--model", str(path),
        stdout=io.StringIO(), stderr=stderr,
    )  # fmt: skip
    assert "using the given model" in stderr.getvalue()
    assert "training" not in stderr.getvalue()
    rows = list(csv.DictReader(out.open()))
    probable = [float(r["match_probability"]) for r in rows if r["band"] == "probable"]
    assert probable and min(probable) >= 0.97
    assert model.calibration
    low, high = min(model.calibration["y"]), max(model.calibration["y"])
    for r in rows:
        p = float(r["match_probability"])
        assert low - 1e-6 <= p <= high + 1e-6  # the model's calibration was applied
        if r["band"] == "no match":
            assert p < 0.3
        if p >= 0.97 and "capped" not in r["notes"] and "conflict" not in r["notes"]:
            assert r["band"] == "probable"


def test_link_refuses_a_missing_model(files: tuple, tmp_path: Path) -> None:
    left, right, _persons = files
    out = tmp_path / "out.csv"
    with pytest.raises(CommandError, match="no such model file"):
        _link(left, right, out, "--model", str(tmp_path / "nowhere.json"))
    assert not out.exists()


# --- which model: the active stored version by default ---------------------------------------

ACTIVE_THRESHOLDS = {"possible": 0.31, "probable": 0.96}


@pytest.fixture
def active_version(trained: Model) -> MatchModelVersion:
    """The session's calibrated model stored and activated as version 1, with thresholds of
    its own (so the test can tell whose bands were used)."""
    actor = SystemActor("test")
    version = records_actions.store_trained(
        actor, Trained(Model.from_json(trained.to_json()), 1200, 1200, "the test population")
    )
    assert trained.calibration
    version = records_actions.store_calibration(
        actor,
        version,
        calibration=trained.calibration,
        thresholds=ACTIVE_THRESHOLDS,
        pairs={"pairs": 4321, "true_pairs": 1200},
    )
    return records_actions.activate_model(actor, version)


def _run_link(left: Path, right: Path, out: Path, *extra: str) -> tuple[str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command(
        "link", str(left), str(right), "--map-left", *MAP, "--map-right", *MAP,
        "--id-left", "ID", "--id-right", "ID", "--out", str(out), *extra,
        stdout=stdout, stderr=stderr,
    )  # fmt: skip
    return stdout.getvalue(), stderr.getvalue()


def _assert_banded_by(rows: list[dict[str, str]], thresholds: dict[str, float]) -> None:
    """Every band follows ``thresholds`` (the safety rules may only lower a band)."""
    assert rows
    for r in rows:
        p, band = float(r["match_probability"]), r["band"]
        if band == "probable":
            assert p >= thresholds["probable"]
        if band == "no match":
            assert p < thresholds["possible"]
        if band == "possible":
            assert p >= thresholds["possible"]
            capped = "capped" in r["notes"] or "conflict" in r["notes"] or "twin" in r["notes"]
            assert p < thresholds["probable"] or capped


def test_link_bands_with_the_active_version_by_default(
    files: tuple, tmp_path: Path, active_version: MatchModelVersion
) -> None:
    left, right, _persons = files
    out = tmp_path / "out.csv"
    said, progress = _run_link(left, right, out)
    assert said.splitlines()[0] == (
        "Model: matching model v1 (the active version; calibrated on 4,321 labelled pairs); "
        "bands: possible >= 0.31, probable >= 0.96"
    )
    assert "training" not in progress and "using the given model" in progress
    rows = list(csv.DictReader(out.open()))
    _assert_banded_by(rows, ACTIVE_THRESHOLDS)
    assert {r["band"] for r in rows} >= {"probable"}


def test_a_model_file_overrides_the_active_version(
    files: tuple, tmp_path: Path, trained: Model, active_version: MatchModelVersion
) -> None:
    left, right, _persons = files
    model = Model.from_json(trained.to_json())
    model.thresholds = {"possible": 0.2, "probable": 0.995}
    path = tmp_path / "model.json"
    model.save(path)
    out = tmp_path / "out.csv"
    said, _progress = _run_link(left, right, out, "--model", str(path))
    assert said.splitlines()[0] == (
        f"Model: file {path} (calibrated); bands: possible >= 0.2, probable >= 0.995"
    )
    _assert_banded_by(list(csv.DictReader(out.open())), model.thresholds)


def test_a_stored_version_is_chosen_by_number(
    files: tuple, tmp_path: Path, active_version: MatchModelVersion
) -> None:
    left, right, _persons = files
    said, _progress = _run_link(left, right, tmp_path / "out.csv", "--model", "v1")
    assert said.startswith("Model: matching model v1 (stored version, active; calibrated")
    with pytest.raises(CommandError, match="no stored model version 7"):
        _run_link(left, right, tmp_path / "other.csv", "--model", "7")
    assert not (tmp_path / "other.csv").exists()


def test_train_ignores_the_active_version(
    files: tuple, tmp_path: Path, active_version: MatchModelVersion
) -> None:
    left, right, _persons = files
    out = tmp_path / "out.csv"
    said, progress = _run_link(left, right, out, "--train")
    assert said.startswith("Model: --train given, so a model is trained by EM on the input(s)")
    assert "training (EM on the inputs)" in progress
    _assert_banded_by(list(csv.DictReader(out.open())), {"possible": 0.5, "probable": 0.99})
    with pytest.raises(CommandError):  # one or the other
        _run_link(left, right, out, "--train", "--model", "1")


def test_dedupe_uses_the_active_version_too(
    files: tuple, tmp_path: Path, active_version: MatchModelVersion
) -> None:
    left, _right, _persons = files
    out = tmp_path / "dupes.csv"
    stdout = io.StringIO()
    call_command("dedupe", str(left), "--map", *MAP, "--id", "ID", "--out", str(out),
                 stdout=stdout, stderr=io.StringIO())  # fmt: skip
    assert stdout.getvalue().startswith("Model: matching model v1 (the active version;")
