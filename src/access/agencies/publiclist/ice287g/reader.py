"""Read one of ICE's 287(g) sheets (.xlsx or .csv) into plain strings, refusing bad files whole.

How cells become strings, chosen so that an export can reproduce the file:

* text cells are kept exactly, trailing spaces and non-breaking spaces included;
* empty cells become "";
* Excel date cells (ICE's SIGNED column is a real date cell with the ``mm-dd-yy`` format,
  except for the malformed values such as "05/082025", which are text cells) become ISO 8601
  ``YYYY-MM-DD``; a date with a time of day becomes ``YYYY-MM-DDTHH:MM:SS``. The exporter
  writes such strings back as date cells, so xlsx -> read -> export -> read is lossless;
* numbers become their shortest text form ("12", "1.5"); booleans "TRUE"/"FALSE".

A file is refused whole (`SheetError`) when it is empty, too large, not a readable .xlsx or
UTF-8 .csv, lacks a required column of its list (see `columns`), has a header ICE does not
use (rather than silently dropping a new column), or has values under no header.

The workbook is opened read-only with ``data_only=True``: formulas are never evaluated, a
formula cell yields the value Excel cached for it. openpyxl parses the XML through
defusedxml when it is installed (it is a project dependency), so entity expansion is off.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from .columns import ALL_COLUMNS, REQUIRED_COLUMNS, ListKind
from .normalize import clean, header_key

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
# ICE's files expand 3 to 6 times when unzipped; far beyond that is a zip bomb, not a list.
MAX_UNZIPPED_RATIO = 50
# Counts every row read, empty ones included: ICE's files carry a few hundred empty rows.
MAX_ROWS = 200_000
# ICE's files have 13 columns and at most a few thousand cells. The bounds are checked on the
# worksheet XML as a stream *before* openpyxl parses it: one row of 2.5 million cells (320 KB
# zipped) otherwise held a worker for minutes and about 1 GB of memory.
MAX_COLUMNS = 64
MAX_CELLS = 1_000_000
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
HEADER_SEARCH_ROWS = 25

_KNOWN = {header_key(c): c for c in ALL_COLUMNS}
_KNOWN_STATE = header_key("STATE")
_KNOWN_AGENCY = header_key("LAW ENFORCEMENT AGENCY")
_KIND_IN_NAME = re.compile(r"(participating|pending)", re.IGNORECASE)
_READ_ERROR = "not a readable spreadsheet or CSV file"


class SheetError(ValueError):
    """The whole file is refused; `problems` lists row-level details when there are any."""

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = tuple(problems)


@dataclass(frozen=True)
class Sheet:
    """One published file. `rows[i][j]` is the value of `columns[j]`, exactly as published."""

    filename: str
    kind: ListKind
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    # 1-based spreadsheet row number of each row, for messages that point into the file.
    row_numbers: tuple[int, ...]
    header_row: int

    def records(self) -> list[dict[str, str]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def kind_from_filename(filename: str) -> ListKind | None:
    found = {m.lower() for m in _KIND_IN_NAME.findall(Path(filename).name)}
    return ListKind(found.pop()) if len(found) == 1 else None


def read_sheet(
    source: str | Path | bytes,
    filename: str | None = None,
    *,
    kind: ListKind | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Sheet:
    """Read a sheet; `filename` (default: the path's name) gives the extension and the kind."""
    if filename is None:
        if isinstance(source, bytes):
            raise SheetError("a file name is needed to read uploaded bytes")
        filename = Path(source).name
    extension = Path(filename).suffix.lower()
    if extension not in (".xlsx", ".csv"):
        shown = extension or "without an extension"
        raise SheetError(f"unsupported file type {shown!r}: upload an .xlsx or .csv file")
    kind = kind or kind_from_filename(filename)
    if kind is None:
        raise SheetError(
            "cannot tell from the file name whether this is the participating or the pending "
            "list: the name must contain 'participating' or 'pending'"
        )
    data = _load_bytes(source, max_bytes)
    raw_rows = _xlsx_rows(data, max_bytes) if extension == ".xlsx" else _csv_rows(data)
    _check_cells(raw_rows)
    return _build_sheet(filename, kind, raw_rows)


def _load_bytes(source: str | Path | bytes, max_bytes: int) -> bytes:
    if isinstance(source, bytes):
        data = source
    else:
        path = Path(source)
        try:
            if path.stat().st_size > max_bytes:
                raise SheetError(_too_big(max_bytes))
            data = path.read_bytes()
        except OSError as exc:
            raise SheetError(f"cannot open the file: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise SheetError(_too_big(max_bytes))
    if not data.strip():
        raise SheetError("the file is empty")
    return data


def _too_big(max_bytes: int) -> str:
    megabyte = 1024 * 1024
    limit = f"{max_bytes / megabyte:g} MB" if max_bytes >= megabyte else f"{max_bytes} bytes"
    return f"the file is larger than the limit of {limit}"


def _xlsx_rows(data: bytes, max_bytes: int) -> list[list[str]]:
    # Imported here so that reading a CSV does not pay for loading openpyxl.
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise SheetError(_READ_ERROR) from exc
    if unzipped > max_bytes * MAX_UNZIPPED_RATIO:
        raise SheetError("the spreadsheet expands to an implausible size; refused")
    _check_xlsx_bounds(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many unrelated types for a corrupt file
        raise SheetError(_READ_ERROR) from exc
    try:
        if not workbook.worksheets:
            raise SheetError("the workbook has no worksheet")
        # ICE publishes one sheet per file; other sheets would be notes, not the list.
        rows: list[list[str]] = []
        for values in workbook.worksheets[0].iter_rows(values_only=True):
            _check_row_count(len(rows))
            rows.append([_cell_text(v) for v in values])
        return rows
    except SheetError:
        raise
    except Exception as exc:
        raise SheetError(_READ_ERROR) from exc
    finally:
        workbook.close()


def _check_xlsx_bounds(data: bytes) -> None:
    """Count rows, cells per row and cells in every worksheet's XML as a stream, stopping at
    the first bound crossed, so an oversized sheet is refused before anything is built."""
    from defusedxml.ElementTree import iterparse

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                    continue
                rows = cells = in_row = 0
                with archive.open(name) as stream:
                    for event, element in iterparse(stream, events=("start", "end")):
                        tag = element.tag.rsplit("}", 1)[-1]
                        if event == "end":
                            if tag == "row":
                                element.clear()  # keep memory flat on long sheets
                            continue
                        if tag == "dimension":
                            _check_dimension(element.get("ref", ""))
                        elif tag == "row":
                            rows, in_row = rows + 1, 0
                            _check_row_count(max(rows, _int(element.get("r"))) - 1)
                        elif tag == "c":
                            cells, in_row = cells + 1, in_row + 1
                            # openpyxl fills the gaps before a cell's position (its ``r``)
                            # with empty cells: the position counts, not just the cell.
                            if max(in_row, _column_of(element.get("r", ""))) > MAX_COLUMNS:
                                raise SheetError(
                                    f"row {rows} has more than {MAX_COLUMNS} cells; refused"
                                )
                            if cells > MAX_CELLS:
                                raise SheetError(
                                    f"the file has more than {MAX_CELLS} cells; refused"
                                )
    except SheetError:
        raise
    except Exception as exc:  # a corrupt member or XML the safe parser refuses
        raise SheetError(_READ_ERROR) from exc


_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


def _int(text: str | None) -> int:
    return int(text) if text and text.isdigit() else 0


def _column_of(ref: str) -> int:
    """``"C7"`` -> 3; 0 when there is no reference (openpyxl then counts positions)."""
    match = _CELL_REF.match(ref)
    if match is None:
        return 0
    number = 0
    for letter in match[1].upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _check_dimension(ref: str) -> None:
    """The sheet's declared extent (``<dimension ref="A1:M900"/>``): read-only openpyxl pads
    every row to its last column and yields every row up to its last row, so a declared
    ``A1:XFD1048576`` would make billions of empty cells out of a tiny file."""
    last = ref.split(":")[-1]
    match = _CELL_REF.match(last)
    if match is None:
        return
    columns, rows = _column_of(last), int(match[2])
    if columns > MAX_COLUMNS:
        raise SheetError(f"the sheet declares more than {MAX_COLUMNS} columns; refused")
    if rows > MAX_ROWS:
        raise SheetError(f"the file has more than {MAX_ROWS} rows; refused")
    if rows * columns > MAX_CELLS:
        raise SheetError(f"the file has more than {MAX_CELLS} cells; refused")


def _check_cells(rows: list[list[str]]) -> None:
    for number, values in enumerate(rows, start=1):
        if len(values) > MAX_COLUMNS:
            raise SheetError(f"row {number} has more than {MAX_COLUMNS} cells; refused")
        for value in values:
            if len(value) > MAX_CELL_CHARS:
                raise SheetError(
                    f"row {number} has a cell longer than {MAX_CELL_CHARS} characters; refused"
                )


def _csv_rows(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SheetError(f"{_READ_ERROR} (a CSV file must be UTF-8 encoded)") from exc
    if "\x00" in text:
        raise SheetError(_READ_ERROR)
    rows: list[list[str]] = []
    try:
        for values in csv.reader(io.StringIO(text, newline="")):
            _check_row_count(len(rows))
            rows.append(values)
    except csv.Error as exc:
        raise SheetError(f"{_READ_ERROR} ({exc})") from exc
    return rows


def _check_row_count(count: int) -> None:
    if count >= MAX_ROWS:
        raise SheetError(f"the file has more than {MAX_ROWS} rows; refused")


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _build_sheet(filename: str, kind: ListKind, raw_rows: list[list[str]]) -> Sheet:
    rows_iter = iter(raw_rows)
    header: list[str] | None = None
    header_row = 0
    for number, values in enumerate(rows_iter, start=1):
        if number > HEADER_SEARCH_ROWS:
            break
        keys = {header_key(v) for v in values}
        if _KNOWN_STATE in keys and _KNOWN_AGENCY in keys:
            header, header_row = values, number
            break
    if header is None:
        raise SheetError(
            f"no header row: none of the first {HEADER_SEARCH_ROWS} rows names the columns "
            "STATE and LAW ENFORCEMENT AGENCY"
        )
    positions = _map_header(header, kind)
    columns = tuple(name for _, name in positions)
    rows: list[tuple[str, ...]] = []
    numbers: list[int] = []
    problems: list[str] = []
    used = {index for index, _ in positions}
    for number, values in enumerate(rows_iter, start=header_row + 1):
        if not any(clean(v) for v in values):
            continue
        stray = [i for i, v in enumerate(values) if i not in used and clean(v)]
        if stray:
            problems.append(f"row {number}: a value in column {stray[0] + 1} has no header")
        rows.append(tuple(values[i] if i < len(values) else "" for i, _ in positions))
        numbers.append(number)
    if problems:
        count = "1 row" if len(problems) == 1 else f"{len(problems)} rows"  # a library: no app
        raise SheetError(f"{count} cannot be read", problems)
    return Sheet(filename, kind, columns, tuple(rows), tuple(numbers), header_row)


def _map_header(header: list[str], kind: ListKind) -> list[tuple[int, str]]:
    positions: list[tuple[int, str]] = []
    for index, cell in enumerate(header):
        if not clean(cell):
            continue
        name = _KNOWN.get(header_key(cell))
        if name is None:
            raise SheetError(f"unexpected column {clean(cell)!r}")
        if any(name == seen for _, seen in positions):
            raise SheetError(f"column {name} appears twice")
        positions.append((index, name))
    present = {name for _, name in positions}
    missing = [c for c in REQUIRED_COLUMNS[kind] if c not in present]
    if missing:
        plural = "s" if len(missing) > 1 else ""
        raise SheetError(f"missing column{plural} {', '.join(missing)} in the {kind} list")
    return positions
