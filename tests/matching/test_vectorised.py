"""The column-wise evaluator gives ``evaluate.score``'s levels and weights on every pair."""

from __future__ import annotations

import numpy as np

from access.matching import evaluate, vectorised
from access.matching.keys import query_keys
from access.matching.model import Model
from access.matching.normalize import features
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
        rows = sorted(found | set(range(i, len(store), 23)))
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
