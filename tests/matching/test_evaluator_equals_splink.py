"""One model, two evaluators: Splink's SQL and the in-process evaluator give the same weights."""

from __future__ import annotations

import logging

from splink import DuckDBAPI, Linker

from access.matching import evaluate
from access.matching.model import COMPARISONS, Model, dialect_settings
from access.matching.store import features_table


def test_in_process_weights_equal_splink_on_every_blocked_pair(
    trained: Model, population_small: tuple
) -> None:
    records, _persons = population_small
    table = features_table(records)
    db_api = DuckDBAPI()
    linker = Linker(
        db_api.register(table),
        dialect_settings(trained, "duckdb", "dedupe_only"),
        log_level=logging.ERROR,
    )
    pairs = linker.inference.predict(warning_mode="never").as_record_list()
    assert len(pairs) > 3000
    compiled = evaluate.compile_model(trained)
    rows = {r["unique_id"]: r for r in table.to_pylist()}
    worst = 0.0
    levels_seen: set[tuple[str, int]] = set()
    for pair in pairs:
        scores = evaluate.score(compiled, rows[pair["unique_id_l"]], [rows[pair["unique_id_r"]]])
        worst = max(worst, abs(scores.match_weight[0] - pair["match_weight"]))
        assert abs(scores.match_probability[0] - pair["match_probability"]) < 1e-9
        for j, comparison in enumerate(COMPARISONS):
            level = compiled.comparisons[j][1][scores.levels[0, j]]
            assert level.gamma == pair[f"gamma_{comparison.name}"]
            splink_weight = pair[f"mw_{comparison.name}"] + (
                pair.get(f"mw_tf_adj_{comparison.name}") or 0.0
            )
            assert abs(scores.weights[0, j] - splink_weight) < 1e-6
            levels_seen.add((comparison.name, int(scores.levels[0, j])))
    assert worst < 1e-6
    # The sample exercises most levels, not just exact agreement.
    assert len(levels_seen) >= 25
