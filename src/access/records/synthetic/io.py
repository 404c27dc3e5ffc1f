"""Reading and writing populations: CSV and Parquet, and rows as canonical ``Record``s."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from access.matching.schema import IDENTIFIER_PREFIX, LIST_SEPARATOR, Record

FORMATS = (".csv", ".parquet")
_BOOLEAN_COLUMNS = ("is_us_citizen",)


class FormatError(ValueError):
    """The file name's extension is not one we write or read."""


def file_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise FormatError(
            f"unknown file extension {suffix or '(none)'!r}: use one of {', '.join(FORMATS)}"
        )
    return suffix


def write_table(table: pa.Table, path: str | Path) -> None:
    """Write ``table`` as CSV or Parquet, chosen by the file extension."""
    if file_format(path) == ".csv":
        pacsv.write_csv(table, str(path))
    else:
        pq.write_table(table, str(path), compression="zstd")


def write_csv(table: pa.Table, path: str | Path) -> None:
    pacsv.write_csv(table, str(path))


def write_parquet(table: pa.Table, path: str | Path) -> None:
    pq.write_table(table, str(path), compression="zstd")


def read_table(path: str | Path) -> pa.Table:
    """Read a records file; CSV columns stay text (identifiers keep their leading zeros)."""
    if file_format(path) == ".parquet":
        return pq.read_table(str(path))
    with open(path, encoding="utf-8", newline="") as handle:
        names = next(csv.reader(handle), [])
    types = {n: (pa.bool_() if n in _BOOLEAN_COLUMNS else pa.string()) for n in names}
    options = pacsv.ConvertOptions(column_types=types, strings_can_be_null=False)
    return pacsv.read_csv(str(path), convert_options=options)


def records_from_table(table: pa.Table, batch_size: int = 10_000) -> Iterator[tuple[Record, dict]]:
    """Each row as (canonical ``Record``, the row's other columns)."""
    names = table.schema.names
    id_columns = [n for n in names if n.startswith(IDENTIFIER_PREFIX)]
    for batch in table.to_batches(max_chunksize=batch_size):
        data = batch.to_pydict()
        for i in range(batch.num_rows):
            yield record_from_row({n: data[n][i] for n in names}, id_columns)


def _text(row: dict, name: str) -> str:
    value = row.get(name)
    return "" if value is None else str(value)


def _split(value: str) -> tuple[str, ...]:
    return tuple(part for part in value.split(LIST_SEPARATOR) if part) if value else ()


def record_from_row(row: dict, id_columns: list[str]) -> tuple[Record, dict]:
    record = Record(
        record_id=_text(row, "record_id"),
        given_name=_text(row, "given_name"),
        middle_name=_text(row, "middle_name"),
        family_names=_split(_text(row, "family_names")),
        full_name=_text(row, "full_name"),
        aliases=_split(_text(row, "aliases")),
        dates_of_birth=_split(_text(row, "dates_of_birth")),
        sex=_text(row, "sex"),
        country_of_birth=_text(row, "country_of_birth"),
        place_of_birth=_text(row, "place_of_birth"),
        identifiers={
            column[len(IDENTIFIER_PREFIX) :]: _text(row, column)
            for column in id_columns
            if _text(row, column)
        },
        street=_text(row, "street"),
        city=_text(row, "city"),
        postcode=_text(row, "postcode"),
        state=_text(row, "state"),
    )
    return record, row
