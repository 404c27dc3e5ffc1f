from __future__ import annotations

from access.matching.calibrate import PROBABLE
from access.matching.model import Model
from access.matching.schema import Record
from access.matching.search import Matcher
from access.matching.store import Store


def test_search_ranks_the_true_record_first(trained: Model, population_small: tuple) -> None:
    records, persons = population_small
    matcher = Matcher(trained, Store.build(records))
    target = records[0]
    query = Record("q", given_name=target.given_name, family_names=target.family_names,
                   dates_of_birth=target.dates_of_birth, identifiers=dict(target.identifiers))  # fmt: skip
    found = matcher.search(query, limit=5)
    assert found
    assert persons[int(found[0].record_id[1:])] == persons[0]
    assert len(found) <= 5


def test_search_finds_nothing_for_a_stranger(trained: Model, population_small: tuple) -> None:
    records, _persons = population_small
    matcher = Matcher(trained, Store.build(records))
    stranger = Record(
        "q", given_name="Zebedee", family_names=("Quixotrop",), dates_of_birth=("1901-01-01",)
    )
    assert matcher.search(stranger) == []
    assert all(c.band != PROBABLE for c in matcher.search(Record("q2", given_name="Maria")))
