"""The cases the engine must get right (issue 4), on the session's trained, calibrated model."""

from __future__ import annotations

from access.matching.calibrate import NO_MATCH, POSSIBLE, PROBABLE
from access.matching.explain import SAME_ID_DIFFERENT_NAME
from access.matching.model import Model
from access.matching.schema import Record
from access.matching.search import compare

DOB = "1985-03-04"
AT_LEAST_POSSIBLE = (POSSIBLE, PROBABLE)


def test_compound_surname_and_dropped_second_given_name(trained: Model) -> None:
    result = compare(
        trained,
        Record("a", full_name="José Luis Hernández Pérez", dates_of_birth=(DOB,)),
        Record("b", full_name="Jose Hernandez", dates_of_birth=(DOB,)),
    )
    assert result.band in AT_LEAST_POSSIBLE
    assert result.explanation.fields["family_name"]["level"] == "surname subset"
    assert "surname subset" in result.explanation.notes


def test_name_order_swap(trained: Model) -> None:
    result = compare(
        trained,
        Record("a", full_name="Nguyen Thi Mai", dates_of_birth=(DOB,)),
        Record("b", full_name="Mai Nguyen", dates_of_birth=(DOB,)),
    )
    assert result.band in AT_LEAST_POSSIBLE
    assert result.explanation.fields["given_name"]["level"] == "name order differs"
    assert result.explanation.fields["family_name"]["level"] == "name order differs"


def test_nickname(trained: Model) -> None:
    result = compare(
        trained,
        Record(
            "a",
            given_name="William",
            family_names=("Smith",),
            dates_of_birth=(DOB,),
            place_of_birth="Chicago",
        ),
        Record(
            "b",
            given_name="Bill",
            family_names=("Smith",),
            dates_of_birth=(DOB,),
            place_of_birth="Chicago",
        ),
    )
    assert result.band in AT_LEAST_POSSIBLE
    assert result.explanation.notes == ["nickname"]


def test_day_and_month_swapped(trained: Model) -> None:
    result = compare(
        trained,
        Record("a", given_name="Maria", family_names=("Garcia",), dates_of_birth=("1985-03-04",)),
        Record("b", given_name="Maria", family_names=("Garcia",), dates_of_birth=("1985-04-03",)),
    )
    assert result.band in AT_LEAST_POSSIBLE
    assert result.explanation.notes == ["day and month swapped"]


def test_same_common_name_different_date_is_never_probable(trained: Model) -> None:
    result = compare(
        trained,
        Record("a", given_name="John", family_names=("Smith",), dates_of_birth=(DOB,), sex="M"),
        Record(
            "b", given_name="John", family_names=("Smith",), dates_of_birth=("1972-11-23",), sex="M"
        ),
    )
    assert result.band == NO_MATCH
    assert result.explanation.fields["date_of_birth"]["weight"] < 0


def test_common_name_without_date_or_identifier_is_never_probable(trained: Model) -> None:
    result = compare(
        trained,
        Record("a", given_name="John", family_names=("Smith",)),
        Record("b", given_name="John", family_names=("Smith",)),
    )
    assert result.band != PROBABLE


def test_same_a_number_different_name_is_a_conflict_for_review(trained: Model) -> None:
    result = compare(
        trained,
        Record(
            "a",
            given_name="John",
            family_names=("Smith",),
            dates_of_birth=(DOB,),
            identifiers={"a_number": "A12345678"},
        ),
        Record(
            "b",
            given_name="Ahmed",
            family_names=("Khan",),
            dates_of_birth=(DOB,),
            identifiers={"a_number": "012-345-678"},
        ),
    )
    assert result.band == POSSIBLE
    assert result.explanation.conflict == SAME_ID_DIFFERENT_NAME
    assert SAME_ID_DIFFERENT_NAME in result.explanation.notes
    assert result.explanation.fields["identifiers"]["level"] == "identifier agrees"


def test_different_a_numbers_cap_a_strong_match_at_possible(trained: Model) -> None:
    result = compare(
        trained,
        Record(
            "a",
            given_name="Rosa",
            family_names=("Flores",),
            dates_of_birth=(DOB,),
            identifiers={"a_number": "A12345678"},
        ),
        Record(
            "b",
            given_name="Rosa",
            family_names=("Flores",),
            dates_of_birth=(DOB,),
            identifiers={"a_number": "A87654321"},
        ),
    )
    assert result.band == POSSIBLE
    assert result.explanation.fields["identifiers"]["level"] == "identifier conflict"
