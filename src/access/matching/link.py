"""Batch linking and deduplication of files, on DuckDB (default) or Spark, with one model.

With a saved model (``Model.save``), its calibration and thresholds band the pairs, as they do
an inquiry's. Without one, a model is trained by EM on the inputs themselves (DuckDB), with no
calibration and the app's default thresholds (``model.DEFAULT_THRESHOLDS``). Splink then scores
every pair sharing a candidate key on the chosen engine; bands (after the safety rules of
``rules``) and notes come from that model.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa

from access.matching import calibrate, evaluate, explain
from access.matching.model import COMPARISONS, Model, dialect_settings, train
from access.matching.normalize import record_from_mapping
from access.matching.schema import CANONICAL_FIELDS, Record, is_identifier_field
from access.matching.store import features_table

ENGINES = ("duckdb", "spark")
MIN_WRITTEN_PROBABILITY = 0.001
Progress = Callable[[str], None]


class InputError(Exception):
    """Bad input from the user: the message says what to fix."""


def parse_mapping(items: Sequence[str]) -> dict[str, str]:
    """``["given_name=First", "id.a_number=ANUM"]`` -> {field: column}; refuses unknown fields."""
    mapping: dict[str, str] = {}
    for item in items:
        field, sep, column = item.partition("=")
        field, column = field.strip(), column.strip()
        if not sep or not field or not column:
            raise InputError(f"mapping {item!r} is not FIELD=COLUMN")
        if field not in CANONICAL_FIELDS and not is_identifier_field(field):
            known = ", ".join(CANONICAL_FIELDS)
            raise InputError(f"unknown field {field!r}: use one of {known}, or id.KIND")
        if field in mapping:
            raise InputError(f"field {field!r} is mapped twice")
        mapping[field] = column
    if not mapping:
        raise InputError("map at least one field (FIELD=COLUMN)")
    return mapping


def read_records(path: str | Path, mapping: dict[str, str], id_column: str) -> list[Record]:
    """Records from a CSV file, refusing missing files and columns, empty or unreadable files."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            sample = handle.read(1 << 16)
            if "\x00" in sample:
                raise InputError(f"{path}: not a CSV text file")
            handle.seek(0)
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            if not header:
                raise InputError(f"{path}: the file is empty")
            missing = [c for c in [id_column, *mapping.values()] if c not in header]
            if missing:
                raise InputError(
                    f"{path}: missing column(s) {', '.join(missing)}; found {', '.join(header)}"
                )
            records = []
            seen: set[str] = set()
            for line, row in enumerate(reader, start=2):
                if None in row:
                    raise InputError(f"{path}, line {line}: more values than columns")
                record_id = (row.get(id_column) or "").strip()
                if not record_id:
                    raise InputError(f"{path}, line {line}: empty id in column {id_column!r}")
                if record_id in seen:
                    raise InputError(f"{path}, line {line}: duplicate id {record_id!r}")
                seen.add(record_id)
                values = {field: row.get(column) for field, column in mapping.items()}
                records.append(record_from_mapping(values, record_id))
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not UTF-8 text ({err.reason})") from err
    except csv.Error as err:
        raise InputError(f"{path}: not a readable CSV file ({err})") from err
    if not records:
        raise InputError(f"{path}: no records (only a header)")
    return records


# --- engines ------------------------------------------------------------------------------


def spark_session() -> Any:
    """A local Spark session with Splink's similarity functions."""
    from pyspark.sql import SparkSession
    from splink.internals.spark.jar_location import similarity_jar_location

    logging.getLogger("py4j").setLevel(logging.WARNING)  # quiet shutdown messages

    return (
        SparkSession.builder.master("local[2]")
        .appName("access-matching")
        .config("spark.jars", similarity_jar_location())
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.default.parallelism", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )


def _predict(
    model: Model, tables: list[pa.Table], link_type: str, engine: str
) -> list[dict[str, Any]]:
    from splink import Linker

    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}: use {' or '.join(ENGINES)}")
    settings = dialect_settings(model, engine, link_type)
    if engine == "spark":
        from splink import SparkAPI

        spark = spark_session()
        db_api: Any = SparkAPI(spark_session=spark, break_lineage_method="persist")
        frames = [spark.createDataFrame(t) for t in tables]
    else:
        from splink import DuckDBAPI

        db_api = DuckDBAPI()
        frames = tables
    inputs = [
        db_api.register(frame, table_name=f"{name}_input")
        for frame, name in zip(frames, ("a", "b"), strict=False)
    ]
    linker = Linker(inputs if len(inputs) > 1 else inputs[0], settings, log_level=logging.ERROR)
    try:
        result = linker.inference.predict(
            threshold_match_probability=MIN_WRITTEN_PROBABILITY, warning_mode="never"
        )
        return result.as_record_list()
    finally:
        if engine == "spark":
            spark.stop()


def _rows(
    model: Model, pairs: list[dict[str, Any]], swap: Callable[[dict[str, Any]], bool]
) -> list[dict[str, Any]]:
    compiled = evaluate.compile_model(model)
    by_gamma = [
        {level.gamma: i for i, level in enumerate(levels)} for _spec, levels in compiled.comparisons
    ]
    out = []
    for pair in pairs:
        levels = [by_gamma[j][int(pair[f"gamma_{c.name}"])] for j, c in enumerate(COMPARISONS)]
        weights = [
            float(pair[f"mw_{c.name}"]) + float(pair.get(f"mw_tf_adj_{c.name}") or 0.0)
            for c in COMPARISONS
        ]
        why = explain.explain(compiled, levels, weights)
        p = float(model.calibrated(float(pair["match_probability"])))
        left, right = pair["unique_id_l"], pair["unique_id_r"]
        if swap(pair):
            left, right = right, left
        out.append(
            {
                "left_id": left,
                "right_id": right,
                "match_probability": round(p, 6),
                "band": calibrate.band_explained(p, model.thresholds, why),
                "match_weight": round(float(pair["match_weight"]), 4),
                **why.as_columns(),
            }
        )
    out.sort(key=lambda r: (-r["match_probability"], str(r["left_id"]), str(r["right_id"])))
    return out


def load_model(path: str | Path) -> Model:
    """A saved model (``Model.save``), refusing a missing or unreadable file."""
    try:
        return Model.load(path)
    except FileNotFoundError as err:
        raise InputError(f"{path}: no such model file") from err
    except (ValueError, KeyError, TypeError) as err:
        raise InputError(f"{path}: not a saved model ({err})") from err


def link(
    left: list[Record],
    right: list[Record],
    engine: str = "duckdb",
    progress: Progress | None = None,
    thresholds: dict[str, float] | None = None,
    model: Model | None = None,
) -> list[dict[str, Any]]:
    """Pairs across two record sets: ``left_id, right_id, match_probability, band`` + reasons.

    ``model``: a trained (ideally calibrated) model; without one, EM trains one on the inputs.
    ``thresholds`` override the model's."""
    step = progress or (lambda _msg: None)
    step("normalising")
    tables = [features_table(left), features_table(right)]
    if model is None:
        step("training (EM on the inputs)")
        model = train(tables[0], link_type="link_only", second=tables[1])
    else:
        step("using the given model")
    if thresholds:
        model.thresholds = dict(thresholds)
    step(f"scoring candidate pairs on {engine}")
    pairs = _predict(model, tables, "link_only", engine)
    step("explaining")
    return _rows(model, pairs, lambda p: p.get("source_dataset_l") == "b_input")


def dedupe(
    records: list[Record],
    engine: str = "duckdb",
    progress: Progress | None = None,
    thresholds: dict[str, float] | None = None,
    model: Model | None = None,
) -> list[dict[str, Any]]:
    """Likely duplicates within one record set (``left_id < right_id`` as Splink orders them);
    ``model`` and ``thresholds`` as for ``link``."""
    step = progress or (lambda _msg: None)
    step("normalising")
    table = features_table(records)
    if model is None:
        step("training (EM on the input)")
        model = train(table)
    else:
        step("using the given model")
    if thresholds:
        model.thresholds = dict(thresholds)
    step(f"scoring candidate pairs on {engine}")
    pairs = _predict(model, [table], "dedupe_only", engine)
    step("explaining")
    return _rows(model, pairs, lambda _p: False)


def write_csv(rows: list[dict[str, Any]], path: str | Path) -> None:
    columns = ["left_id", "right_id", "match_probability", "band", "match_weight"]
    for c in COMPARISONS:
        columns += [f"{c.name}_level", f"{c.name}_weight"]
    columns.append("notes")
    with Path(path).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
