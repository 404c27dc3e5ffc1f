"""The column-wise evaluator gives ``evaluate.score``'s levels and weights on every pair."""

from __future__ import annotations

import numpy as np

from access.matching import calibrate, evaluate, search, vectorised
from access.matching.keys import query_keys
from access.matching.model import Compared, LevelKey, Model
from access.matching.normalize import features
from access.matching.schema import Record
from access.matching.store import Store


def test_column_wise_scores_equal_the_per_query_evaluator(
    trained: Model, population_small: tuple
) -> None:
    records, _persons = population_small
    store = Store.build(records)
    compiled = evaluate.compile_model(trained)
    queries = records[::7][:60]
    vocabulary = vectorised.Vocabulary()
    right = vocabulary.encode(store.rows)
    left = vocabulary.encode([features(q) for q in queries])
    li, ri, expected = [], [], []
    for i, query in enumerate(queries):
        # its candidates plus a spread of unrelated records, so "different" levels occur too
        found = store.index.candidates(query_keys(query))
        rows = sorted(found | set(range(i, len(store), 19)))
        expected.append(evaluate.score(compiled, features(query), [store.rows[r] for r in rows]))
        li += [i] * len(rows)
        ri += rows
    got = vectorised.score_pairs(compiled, vocabulary, left, right, np.array(li), np.array(ri))
    want_levels = np.vstack([s.levels for s in expected])
    want_weights = np.vstack([s.weights for s in expected])
    assert len(li) > 5000
    assert (got.levels == want_levels).all()
    assert np.allclose(got.weights, want_weights, atol=1e-9)
    assert np.allclose(got.match_weight, np.concatenate([s.match_weight for s in expected]))
    # every level of every comparison is reached somewhere in the sample
    reached = {(j, int(x)) for j in range(got.levels.shape[1]) for x in np.unique(got.levels[:, j])}
    assert len(reached) >= 30


def test_pruning_drops_only_pairs_below_the_weight_and_keeps_shared_identifiers(
    trained: Model, population_small: tuple
) -> None:
    records, _persons = population_small
    compiled = evaluate.compile_model(trained)
    vocabulary = vectorised.Vocabulary()
    rows = [features(r) for r in records]
    table = vocabulary.encode(rows)
    rng = np.random.default_rng(3)
    li = rng.integers(0, len(rows), 20_000)
    ri = rng.integers(0, len(rows), 20_000)
    full = vectorised.score_pairs(compiled, vocabulary, table, table, li, ri)
    cut = float(np.quantile(full.match_weight, 0.9))
    pruned = vectorised.score_pairs(compiled, vocabulary, table, table, li, ri, min_weight=cut)
    above = full.match_weight >= cut
    assert np.array_equal(pruned.match_weight[above], full.match_weight[above])
    dropped = np.isneginf(pruned.match_weight)
    assert dropped.sum() > 10_000  # most random pairs never reach the later comparisons
    assert (full.match_weight[dropped] < cut).all()
    ids = [spec.name for spec, _c in compiled.comparisons].index(Compared.IDENTIFIERS)
    agree = [
        i for i, lv in enumerate(compiled.comparisons[ids][1]) if lv.spec.key == LevelKey.AGREES
    ]
    shared = np.isin(full.levels[:, ids], agree)
    assert np.array_equal(pruned.match_weight[shared], full.match_weight[shared])


def _unpruned_best(matcher: search.Matcher, query: Record, limit: int = 10) -> list:
    """``Scorer.search`` as it was before pruning: every candidate scored one by one."""
    rows = [matcher.store.rows[i] for i in matcher.candidate_rows(query)]
    if not rows:
        return []
    scores = evaluate.score(matcher.compiled, features(query), rows)
    order = np.argsort(-scores.match_weight, kind="stable")[: limit * 3]
    found = matcher.scorer.score(query, [rows[j] for j in order])
    found = [c for c in found if c.band != calibrate.NO_MATCH]
    found.sort(key=lambda c: (-(c.band == calibrate.PROBABLE), -c.match_weight))
    return found[:limit]


def test_pruned_search_answers_as_the_full_search(trained: Model, population_small: tuple) -> None:
    records, _persons = population_small
    store = Store.build(records)
    matcher = search.Matcher(trained, store)
    # a shared identifier under another name: low weight, never dropped (possible, a conflict)
    first = next(r for r in records if r.identifiers.get("a_number"))
    stranger = Record(
        "stranger", given_name="Zebulon", family_names=("Quixley",),
        identifiers={"a_number": first.identifiers["a_number"]},
    )  # fmt: skip
    queries = [*records[::11][:80], stranger]
    reported = 0
    for query in queries:
        want = [
            (c.record_id, c.band, round(c.match_weight, 9)) for c in _unpruned_best(matcher, query)
        ]
        got = [(c.record_id, c.band, round(c.match_weight, 9)) for c in matcher.search(query)]
        assert got == want
        reported += len(got)
    assert reported > 80
    assert any(c.record_id == first.record_id for c in matcher.search(stranger))
    assert (
        search.reporting_floor(trained)
        < 0
        < max(c.match_weight for q in queries[:10] for c in matcher.search(q))
    )


def test_a_store_coded_once_scores_as_a_fresh_vocabulary_of_the_candidates(
    trained: Model, population_small: tuple
) -> None:
    records, _persons = population_small
    store = Store.build(records)
    matcher = search.Matcher(trained, store)
    novel = Record(  # strings the store has never seen are coded after the store's
        "novel", given_name="Xochiquetzal", family_names=("Hernandez", "Quetzalcoatl"),
        dates_of_birth=(records[0].dates_of_birth or ("1980-01-01",))[:1],
    )  # fmt: skip
    reported = 0
    for query in [*records[::13][:40], novel]:
        rows = sorted(set(matcher.candidate_rows(query)) | set(range(0, len(store), 97)))
        fresh = search.column_scores(
            matcher.compiled, features(query), [store.rows[i] for i in rows]
        )
        coded = matcher.column_scores(query, rows)
        assert np.array_equal(coded.levels, fresh.levels)
        assert np.array_equal(coded.match_weight, fresh.match_weight)
        got = [(c.record_id, c.band, c.explanation) for c in matcher.search(query)]
        rows_of_query = [store.rows[i] for i in matcher.candidate_rows(query)]
        want = search.Scorer(trained).search(query, rows_of_query)
        assert got == [(c.record_id, c.band, c.explanation) for c in want]
        reported += len(got)
    assert reported > 40
    base, _right = matcher._encoded
    assert "Xochiquetzal" not in base.index  # the store's vocabulary is left as it was
