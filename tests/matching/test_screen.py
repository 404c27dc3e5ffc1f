"""Bulk screening gives each pair the online search's probability and band."""

from __future__ import annotations

import dataclasses

from access.matching import online, screen
from access.matching.calibrate import NO_MATCH
from access.matching.model import Model
from access.matching.search import Matcher
from access.matching.store import Store


def test_screening_scores_pairs_as_the_online_search_does(
    trained: Model, population_small: tuple, tmp_path
) -> None:
    records, persons = population_small
    store = Store.build(records[200:])
    roster = [dataclasses.replace(r, record_id=f"roster-{i}") for i, r in enumerate(records[:200])]
    online.from_memory(tmp_path / "store", store.rows, store.index.postings)
    screener = screen.OnlineScreener(trained, tmp_path / "store")
    pairs = screener.screen(roster)  # the online store names records by row number
    assert len(pairs) > 100
    matcher = Matcher(trained, store)
    by_id = {r.record_id: r for r in roster}
    for pair in pairs[::7]:
        online_ = matcher.score(by_id[pair["left_id"]], [pair["right_id"]])[0]
        assert abs(online_.match_probability - pair["match_probability"]) < 1e-6
        assert online_.band == pair["band"]
        assert pair["notes"] == "; ".join(online_.explanation.notes)
    # most roster people who are in the store are found at "possible" or better
    in_store = {persons[200 + i] for i in range(len(store))}
    wanted = {f"roster-{i}" for i in range(200) if persons[i] in in_store}
    found = {
        p["left_id"]
        for p in pairs
        if p["band"] != NO_MATCH and persons[200 + p["right_id"]] == persons[int(p["left_id"][7:])]
    }
    assert len(found) >= 0.9 * len(wanted)


def test_screening_in_two_spawned_workers_gives_the_same_pairs(
    trained: Model, population_small: tuple, tmp_path, monkeypatch
) -> None:
    records, _persons = population_small
    store = Store.build(records[200:])
    roster = [dataclasses.replace(r, record_id=f"roster-{i}") for i, r in enumerate(records[:200])]
    online.from_memory(tmp_path / "store", store.rows, store.index.postings)
    monkeypatch.setattr(screen, "CHUNK", 60)
    mapped = screen.OnlineScreener(trained, tmp_path / "store")
    one = mapped.screen(roster)
    assert len(one) > 100
    assert mapped.screen(roster, workers=2) == one
