"""The safety rules hold on every banding path, whatever the model learnt (issue 14 section 1)."""

from __future__ import annotations

import copy
import dataclasses

import numpy as np
import pytest

from access.matching import evaluate, explain, rules, search
from access.matching.calibrate import NO_MATCH, POSSIBLE, PROBABLE, band
from access.matching.link import _predict, _rows
from access.matching.model import COMPARISONS, Compared, LevelKey, Model
from access.matching.schema import Record
from access.matching.store import Store, features_table
from access.matching.vectorised import PRUNE_ORDER

DOB = "1985-03-04"
HOME = {"street": "12 Elm Street", "city": "Springfield", "postcode": "62704"}


def _with(model: Model, strong: dict[tuple[str, str], tuple[float, float]]) -> Model:
    """``model`` with the m/u of some levels (comparison, level key) replaced, no term-frequency
    tables (every name looks rare), a high prior and no calibration: a model trained on inputs
    where those levels alone decide."""
    settings = copy.deepcopy(model.settings)
    for spec, comparison in zip(COMPARISONS, settings["comparisons"], strict=True):
        for level, data in zip(spec.levels, comparison["comparison_levels"], strict=True):
            if (spec.name, level.key) in strong:
                data["m_probability"], data["u_probability"] = strong[(spec.name, level.key)]
    settings["probability_two_random_records_match"] = 0.2
    return Model(settings, {}, {"possible": 0.5, "probable": 0.99})


@pytest.fixture(scope="module")
def names_decide(trained: Model) -> Model:
    """Name agreement alone is overwhelming evidence in this model."""
    return _with(
        trained, {("given_name", "exact"): (0.99, 1e-7), ("family_name", "exact"): (0.99, 1e-7)}
    )


@pytest.fixture(scope="module")
def family_and_birth_decide(trained: Model) -> Model:
    """Family name, date of birth and address outweigh a different given name."""
    return _with(
        trained,
        {
            ("family_name", "exact"): (0.99, 1e-8),
            ("date_of_birth", "exact"): (0.99, 1e-8),
            ("address", "postcode"): (0.99, 1e-8),
            ("given_name", "different"): (0.3, 0.9),
        },
    )


JOHN = Record("a", given_name="John", family_names=("Smith",))
JOHN_AGAIN = Record("b", given_name="John", family_names=("Smith",))
KEVIN = Record("k", given_name="Kevin", family_names=("Smith",), dates_of_birth=(DOB,), **HOME)
KYLE = Record("y", given_name="Kyle", family_names=("Smith",), dates_of_birth=(DOB,), **HOME)


def test_name_alone_is_never_probable(names_decide: Model) -> None:
    found = search.compare(names_decide, JOHN, JOHN_AGAIN)
    # the model alone would say probable: the rule is what keeps it at possible
    assert found.match_probability >= names_decide.thresholds["probable"]
    assert found.band == POSSIBLE
    assert found.explanation.cap == rules.NAME_ALONE
    assert rules.NAME_ALONE in found.explanation.notes


def test_name_alone_capped_on_the_unexplained_and_search_paths(names_decide: Model) -> None:
    matcher = search.Matcher(names_decide, Store.build([JOHN_AGAIN]))
    probabilities, bands = matcher.band(JOHN, [0])
    assert probabilities[0] >= names_decide.thresholds["probable"]
    assert bands == [POSSIBLE]
    [found] = matcher.search(JOHN)
    assert (found.record_id, found.band) == ("b", POSSIBLE)


def test_name_alone_capped_on_the_splink_path_of_access_link(names_decide: Model) -> None:
    # Splink takes term frequencies from the inputs: other people make "John Smith" rare there
    rng = np.random.default_rng(5)
    letters = np.array(list("bcdfghjklmnpqrstvwxz"))

    def stranger(i: int) -> Record:
        given, family = ("".join(rng.choice(letters, 9)) for _ in range(2))
        return Record(f"s{i}", given_name=given, family_names=(family,))

    tables = [
        features_table([JOHN, *map(stranger, range(200))]),
        features_table([JOHN_AGAIN, *map(stranger, range(200, 400))]),
    ]
    pairs = _predict(names_decide, tables, "link_only", "duckdb")
    rows = _rows(names_decide, pairs, lambda p: p.get("source_dataset_l") == "b_input")
    [row] = [r for r in rows if (r["left_id"], r["right_id"]) == ("a", "b")]
    assert row["match_probability"] >= names_decide.thresholds["probable"]
    assert row["band"] == POSSIBLE
    assert rules.NAME_ALONE in str(row["notes"])


def test_a_date_of_birth_or_an_identifier_lifts_the_name_alone_cap(names_decide: Model) -> None:
    born = search.compare(
        names_decide,
        Record("a", given_name="John", family_names=("Smith",), dates_of_birth=(DOB,)),
        Record("b", given_name="John", family_names=("Smith",), dates_of_birth=(DOB,)),
    )
    assert (born.band, born.explanation.cap) == (PROBABLE, "")
    numbered = search.compare(
        names_decide,
        Record("a", given_name="John", family_names=("Smith",), identifiers={"a_number": "1"}),
        Record("b", given_name="John", family_names=("Smith",), identifiers={"a_number": "1"}),
    )
    assert (numbered.band, numbered.explanation.cap) == (PROBABLE, "")


def test_possible_twins_are_capped_and_explained(family_and_birth_decide: Model) -> None:
    found = search.compare(family_and_birth_decide, KEVIN, KYLE)
    assert found.explanation.fields["given_name"]["level"] == "different"
    assert found.match_probability >= family_and_birth_decide.thresholds["probable"]
    assert found.band == POSSIBLE
    assert found.explanation.cap == rules.POSSIBLE_TWIN
    assert rules.POSSIBLE_TWIN in found.explanation.notes


def test_twins_capped_on_the_session_model(trained: Model) -> None:
    found = search.compare(trained, KEVIN, KYLE)
    assert found.band != PROBABLE
    assert found.explanation.cap == rules.POSSIBLE_TWIN


def test_nicknames_are_not_twins(family_and_birth_decide: Model) -> None:
    william = Record(
        "w", given_name="William", family_names=("Smith",), dates_of_birth=(DOB,), **HOME
    )
    bill = Record("b", given_name="Bill", family_names=("Smith",), dates_of_birth=(DOB,), **HOME)
    found = search.compare(family_and_birth_decide, william, bill)
    assert found.explanation.fields["given_name"]["level"] == "nickname"
    assert (found.band, found.explanation.cap) == (PROBABLE, "")


def test_a_true_match_with_date_of_birth_stays_probable(trained: Model) -> None:
    record = Record(
        "a",
        given_name="Maria",
        family_names=("Garcia", "Lopez"),
        dates_of_birth=(DOB,),
        sex="F",
        place_of_birth="Guadalajara",
        **HOME,
    )
    found = search.compare(trained, record, dataclasses.replace(record, record_id="b"))
    assert (found.band, found.explanation.cap) == (PROBABLE, "")
    assert not any(note.startswith("capped") for note in found.explanation.notes)


def test_rules_read_level_keys_not_labels(trained: Model) -> None:
    compiled = evaluate.compile_model(trained)

    def levels(**keys: str) -> list[int]:
        out = []
        for spec in COMPARISONS:
            wanted = keys.get(spec.name, "null")
            out.append(next(i for i, lv in enumerate(spec.levels) if lv.key == wanted))
        return out

    twins = levels(given_name="different", family_name="exact", date_of_birth="exact")
    alone = levels(given_name="exact", family_name="exact")
    swapped = levels(given_name="exact", family_name="exact", date_of_birth="day_month_swapped")
    matrix = np.asarray([twins, alone, swapped])
    assert rules.caps(compiled, matrix) == [rules.POSSIBLE_TWIN, rules.NAME_ALONE, ""]
    # relabelling a level for people changes no rule
    for _spec, compiled_levels in compiled.comparisons:
        for level in compiled_levels:
            renamed = dataclasses.replace(level.spec, label="renamed", note="renamed")
            object.__setattr__(level, "spec", renamed)
    assert rules.caps(compiled, matrix) == [rules.POSSIBLE_TWIN, rules.NAME_ALONE, ""]
    conflict = levels(identifiers="conflict", given_name="exact", family_name="exact")
    assert rules.conflicts(compiled, np.asarray([conflict])) == [explain.DIFFERENT_ID]


def test_rules_and_pruning_name_only_declared_identifiers() -> None:
    """Every comparison and level the safety rules and the pruning order refer to is a
    declared identifier (``Compared`` / ``LevelKey``) that ``COMPARISONS`` holds: a label can
    be reworded freely, and an identifier that went missing fails here, not silently."""
    declared = {spec.name: [level.key for level in spec.levels] for spec in COMPARISONS}
    assert all(isinstance(name, Compared) for name in declared)
    for name, keys in declared.items():
        assert all(isinstance(key, LevelKey) for key in keys)
        assert len(set(keys)) == len(keys), name
    used = [
        rules.IDENTIFIER_AGREES,
        rules.IDENTIFIER_CONFLICT,
        rules.DATE_OF_BIRTH_AGREES,
        rules.DATE_OF_BIRTH_SAME,
        rules.FAMILY_NAME_SAME,
        rules.FAMILY_NAME_DIFFERENT,
        rules.GIVEN_NAME_DIFFERENT,
        rules.ADDRESS_DIFFERENT,
    ]
    for name, keys in used:
        assert isinstance(name, Compared) and all(isinstance(k, LevelKey) for k in keys)
        assert set(keys) <= set(declared[name])
    assert all(isinstance(name, Compared) and name in declared for name in PRUNE_ORDER)


def test_band_caps_only_probable() -> None:
    thresholds = {"possible": 0.5, "probable": 0.99}
    assert band(0.999, thresholds, cap=rules.NAME_ALONE) == POSSIBLE
    assert band(0.7, thresholds, cap=rules.NAME_ALONE) == POSSIBLE
    assert band(0.1, thresholds, cap=rules.POSSIBLE_TWIN) == NO_MATCH
    assert band(0.1, thresholds, conflict=rules.SAME_ID_DIFFERENT_NAME) == POSSIBLE
