"""The synthetic population: deterministic, realistic errors and collisions, ground truth."""

from __future__ import annotations

import ast
import hashlib
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from access.records import synthetic
from access.records.synthetic import (
    COLUMNS,
    ERROR_RATES,
    ORIGINAL_FACTOR,
    PROBE_COLUMNS,
    generate,
    probes,
    read_table,
    records_from_table,
    write_table,
)


@pytest.fixture(scope="module")
def population() -> synthetic.Population:
    return generate(20_000, 2024)


def _digest(table: pa.Table) -> str:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return hashlib.sha256(sink.getvalue().to_pybytes()).hexdigest()


def test_same_seed_gives_the_same_bytes_and_another_seed_does_not():
    first, again, other = generate(3_000, 7), generate(3_000, 7), generate(3_000, 8)
    assert _digest(first.records) == _digest(again.records)
    assert _digest(first.persons) == _digest(again.persons)
    assert _digest(first.records) != _digest(other.records)


def test_columns_are_the_record_schema_plus_ground_truth(population):
    assert tuple(population.records.schema.names) == COLUMNS
    assert population.records.column("person_id").null_count == 0
    assert set(population.records.column("person_id").to_pylist()) == set(
        population.persons.column("person_id").to_pylist()
    )
    assert population.records.column("record_id").to_pylist()[:2] == ["R000000001", "R000000002"]


def test_each_person_has_one_to_five_records_skewed_towards_one(population):
    per_person = Counter(Counter(population.records.column("person_id").to_pylist()).values())
    assert set(per_person) == {1, 2, 3, 4, 5}
    assert per_person[1] > per_person[2] > per_person[3] > per_person[4] > per_person[5]


def _error_shares(population) -> tuple[dict[str, float], float]:
    records = population.records
    counts: Counter[str] = Counter()
    for errors in records.column("errors").to_pylist():
        counts.update(errors.split("|") if errors else ())
    duplicates = (records.num_rows - population.person_count) / records.num_rows
    factor = duplicates + ORIGINAL_FACTOR * (1 - duplicates)
    return {k: counts[k] / records.num_rows for k in ERROR_RATES}, factor


def test_unconditional_errors_occur_at_their_rates(population):
    shares, factor = _error_shares(population)
    for kind in (
        "typo_given",
        "typo_family",
        "missing_dob",
        "dob_partial",
        "second_dob",
        "missing_sex",
        "missing_country",
        "missing_place",
        "missing_address",
        "alias",
    ):
        expected = ERROR_RATES[kind] * factor
        assert 0.8 * expected <= shares[kind] <= 1.2 * expected, (kind, shares[kind], expected)


def test_conditional_errors_occur_at_plausible_rates(population):
    shares, _ = _error_shares(population)
    bounds = {
        # kind: (low, high) as a share of all records
        "phonetic_given": (0.010, 0.030),
        "phonetic_family": (0.015, 0.035),
        "nickname": (0.025, 0.070),
        "drop_maternal": (0.050, 0.110),
        "hyphenated_surname": (0.010, 0.030),
        "name_order_swap": (0.020, 0.045),
        "missing_middle": (0.040, 0.100),
        "dob_day_month_swap": (0.006, 0.016),
        "dob_transposition": (0.006, 0.016),
        "identifier_typo": (0.010, 0.025),
    }
    for kind, (low, high) in bounds.items():
        assert low <= shares[kind] <= high, (kind, shares[kind])


def test_error_annotations_match_the_data(population):
    truth = {
        row["person_id"]: row
        for row in population.persons.select(
            ["person_id", "family_names", "date_of_birth"]
        ).to_pylist()
    }
    rows = population.records.select(
        ["person_id", "family_names", "dates_of_birth", "errors"]
    ).to_pylist()
    swapped = [r for r in rows if "dob_day_month_swap" in r["errors"].split("|")]
    dropped = [r for r in rows if "drop_maternal" in r["errors"].split("|")]
    assert len(swapped) > 100 and len(dropped) > 1000
    for r in swapped:
        year, month, day = truth[r["person_id"]]["date_of_birth"].split("-")
        assert r["dates_of_birth"].split("|")[0] == f"{year}-{day}-{month}"
    for r in dropped:
        assert "|" in truth[r["person_id"]]["family_names"]
        assert "|" not in r["family_names"]


def test_names_of_many_origins_with_their_own_conventions(population):
    origins = Counter(population.persons.column("origin").to_pylist())
    assert set(origins) == {
        "anglo",
        "hispanic",
        "vietnamese",
        "chinese",
        "arabic",
        "slavic",
        "west_african",
        "south_asian",
    }
    assert 0.40 <= origins["hispanic"] / population.person_count <= 0.50
    records = population.records.select(["given_name", "family_names", "full_name"]).to_pylist()
    given = Counter(r["given_name"] for r in records)
    family = Counter(r["family_names"].split("|")[0] for r in records)
    assert {"Mohammed", "Muhammad", "Mohamed"} <= set(given)  # transliteration variants
    assert {"Zhang", "Chang", "Cheung"} <= set(family)  # pinyin, Wade-Giles, Cantonese
    assert family["Nguyen"] > family["Tran"] > 0
    assert any("José" in r["full_name"] for r in records)  # diacritics where kept ...
    assert given["Jose"] > 0  # ... and folded where not
    assert any(r["full_name"].startswith("Nguyen Thi ") for r in records)  # family first
    assert any("-" in r["family_names"] for r in records)  # hyphenated compound surname


def test_collisions_between_different_persons_exist(population):
    owners: dict[tuple[str, str, str], set[str]] = {}
    for r in population.persons.to_pylist():
        key = (r["given_name"], r["family_names"], r["date_of_birth"])
        owners.setdefault(key, set()).add(r["person_id"])
    shared = [key for key, people in owners.items() if len(people) > 1]
    assert len(shared) > 50
    relations = Counter(population.persons.column("relation").to_pylist())
    assert relations["twin"] == 200
    assert relations["junior"] > 150
    assert relations["namesake"] > 50
    name_counts = Counter(
        (r["given_name"], r["family_names"].split("|")[0]) for r in population.persons.to_pylist()
    )
    assert name_counts[("María", "García")] + name_counts[("James", "Smith")] > 3


def test_citizens_are_a_fifth_to_a_third_of_persons(population):
    citizens = population.persons.column("is_us_citizen").to_pylist()
    share = sum(citizens) / len(citizens)
    assert 0.20 <= share <= 0.33
    kinds = Counter(population.records.column("citizenship").to_pylist())
    assert set(kinds) == {"us_born", "naturalized", "lawful_permanent_resident", "noncitizen"}


def test_identifiers_are_unique_per_person_and_a_numbers_have_nine_digits(population):
    a_numbers = [a for a in population.persons.column("id.a_number").to_pylist() if a]
    assert len(a_numbers) == len(set(a_numbers)) > 10_000
    assert {len(a) for a in a_numbers} == {9}
    born_here = population.persons.filter(
        pc.equal(population.persons.column("citizenship"), "us_born")
    )
    assert set(born_here.column("id.a_number").to_pylist()) == {""}
    recorded = [v for v in population.records.column("id.a_number").to_pylist() if v]
    assert any(v.startswith("A") and len(v) == 9 for v in recorded)  # old 8-digit form
    ssn = population.records.column("id.ssn").to_pylist()
    assert 0 < sum(1 for v in ssn if v) < len(ssn) / 2


def test_probes_mix_present_and_absent_people(population):
    table = probes(population, 1_000, seed=5, absent_share=0.25)
    assert tuple(table.schema.names) == PROBE_COLUMNS
    truth = table.column("true_person_id").to_pylist()
    assert truth.count(None) == 250
    stored = set(population.persons.column("person_id").to_pylist())
    assert all(t in stored for t in truth if t is not None)
    assert sum(1 for e in table.column("errors").to_pylist() if e) > 800
    again = probes(population, 1_000, seed=5, absent_share=0.25)
    assert _digest(table) == _digest(again)


def test_csv_and_parquet_round_trip_keep_identifiers_as_text(tmp_path: Path):
    small = generate(200, 3)
    for name in ("records.csv", "records.parquet"):
        path = tmp_path / name
        write_table(small.records, path)
        back = read_table(path)
        assert back.num_rows == small.records.num_rows
        assert (
            back.column("id.a_number").to_pylist()
            == small.records.column("id.a_number").to_pylist()
        )
        assert (
            back.column("is_us_citizen").to_pylist()
            == small.records.column("is_us_citizen").to_pylist()
        )
    record, row = next(records_from_table(small.records))
    assert record.record_id == "R000000001"
    assert row["person_id"].startswith("P")


def test_the_generator_imports_nothing_from_django():
    folder = Path(synthetic.__file__).parent
    for source in folder.glob("*.py"):
        tree = ast.parse(source.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = (
                    [node.module or ""]
                    if isinstance(node, ast.ImportFrom)
                    else [a.name for a in node.names]
                )
                assert not any(n.split(".")[0] == "django" for n in names), source.name
