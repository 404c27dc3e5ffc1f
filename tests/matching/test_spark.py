"""The Spark engine (local mode) gives the same pairs and scores as DuckDB, through one model."""

from __future__ import annotations

from access.matching import link
from access.matching.testdata import population


def test_spark_and_duckdb_agree_on_a_small_link() -> None:
    records, _persons = population(120, seed=9)
    left, right = records[::2], records[1::2]
    on_duckdb = link.link(left, right, engine="duckdb")
    on_spark = link.link(left, right, engine="spark")
    assert len(on_spark) == len(on_duckdb) > 20
    key = lambda r: (r["left_id"], r["right_id"])  # noqa: E731
    duck = {key(r): r for r in on_duckdb}
    for row in on_spark:
        other = duck[key(row)]
        assert abs(row["match_weight"] - other["match_weight"]) < 1e-3
        assert row["band"] == other["band"]
        assert row["notes"] == other["notes"]
