"""Bulk screening gives each pair the online search's probability and band."""

from __future__ import annotations

import dataclasses

from access.matching import online, screen
from access.matching.calibrate import NO_MATCH
from access.matching.model import Model
from access.matching.search import Matcher
from access.matching.store import Store


def test_screening_scores_pairs_as_the_online_search_does(
    trained: Model, population_small: tuple
) -> None:
    records, persons = population_small
    store = Store.build(records[200:])
    roster = [dataclasses.replace(r, record_id=f"roster-{i}") for i, r in enumerate(records[:200])]
    screener = screen.Screener(trained, store.rows, screen.KeyTable.from_index(store.index))
    pairs = screener.screen(roster)
    assert len(pairs) > 100
    matcher = Matcher(trained, store)
    row_of = {row["unique_id"]: i for i, row in enumerate(store.rows)}
    by_id = {r.record_id: r for r in roster}
    for pair in pairs[::7]:
        online = matcher.score_pairs(by_id[pair["left_id"]], [row_of[pair["right_id"]]])[0]
        assert abs(online.match_probability - pair["match_probability"]) < 1e-6
        assert online.band == pair["band"]
        assert pair["notes"] == "; ".join(online.explanation.notes)
    # most roster people who are in the store are found at "possible" or better
    in_store = {persons[200 + i] for i in range(len(store))}
    wanted = {f"roster-{i}" for i in range(200) if persons[i] in in_store}
    found = {
        p["left_id"]
        for p in pairs
        if p["band"] != NO_MATCH
        and persons[200 + row_of[p["right_id"]]] == persons[int(p["left_id"][7:])]
    }
    assert len(found) >= 0.9 * len(wanted)


def test_screening_in_two_processes_gives_the_same_pairs(
    trained: Model, population_small: tuple, monkeypatch
) -> None:
    records, _persons = population_small
    store = Store.build(records[200:])
    roster = list(records[:200])
    monkeypatch.setattr(screen, "CHUNK", 50)
    screener = screen.Screener(trained, store.rows, screen.KeyTable.from_index(store.index))
    assert screener.screen(roster, workers=2) == screener.screen(roster, workers=1)


def test_keys_over_the_cap_give_no_pairs(trained: Model, population_small: tuple) -> None:
    records, _persons = population_small
    store = Store.build(records)
    table = screen.KeyTable.from_index(store.index, max_postings=0)
    assert len(table.hashes) == 0
    li, ri = table.pairs([{"id:a_number:000000001"}])
    assert li.size == ri.size == 0


def test_screening_against_an_online_store_gives_the_in_memory_pairs(
    trained: Model, population_small: tuple, tmp_path, monkeypatch
) -> None:
    """Same pairs, probabilities, bands and explanations as ``Screener`` (roster rows with a
    full date of birth: the screening key table leaves out the date-less ``dp:`` keys that
    only undated rows look up), in one process and in two spawned workers."""
    records, _persons = population_small
    store = Store.build(records[200:])
    roster = [
        dataclasses.replace(r, record_id=f"roster-{i}")
        for i, r in enumerate(records[:200])
        if any(len(d) == 10 for d in r.dates_of_birth)
    ]
    online.from_memory(tmp_path / "store", store.rows, store.index.postings)
    screener = screen.Screener(trained, store.rows, screen.KeyTable.from_index(store.index))
    want = screener.screen(roster)
    monkeypatch.setattr(screen, "CHUNK", 60)
    mapped = screen.OnlineScreener(trained, tmp_path / "store")
    got = mapped.screen(roster)
    assert len(want) > 100
    named = [dict(p, right_id=store.rows[p["right_id"]]["unique_id"]) for p in got]

    def order(pairs: list) -> list:
        return sorted(pairs, key=lambda p: (p["left_id"], p["right_id"]))

    assert order(named) == order(want)
    assert mapped.screen(roster, workers=2) == got
