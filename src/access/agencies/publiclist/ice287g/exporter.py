"""Write a list in ICE's columns as CSV or XLSX, so it can stand in for the published file.

XLSX mirrors ICE's own files: one sheet "Sheet1", the header in row 1, SIGNED values that
the reader produced from date cells (ISO ``YYYY-MM-DD``) written back as date cells with
ICE's ``mm-dd-yy`` format, every other value as a text cell. Text is never a formula, even
when it starts with "=". Reading the XLSX back gives the same strings.

CSV is UTF-8 text with ICE's header. A value starting with "=", "+", "-", "@" or a control
character would run as a formula when the file is opened in a spreadsheet program, so by
default it is prefixed with an apostrophe (`escape_formulas`); ICE's lists contain none.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TextIO

from .columns import SIGNED

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ICE_DATE_FORMAT = "mm-dd-yy"


def write_csv(
    columns: Sequence[str],
    rows: Iterable[Sequence[str]],
    stream: TextIO,
    *,
    escape_formulas: bool = True,
) -> None:
    """Write the header and rows to a text stream (open it with ``newline=""``)."""
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        if escape_formulas:
            row = ["'" + v if v.startswith(_FORMULA_START) else v for v in row]
        writer.writerow(row)


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    buffer = io.StringIO(newline="")
    write_csv(columns, rows, buffer)
    return buffer.getvalue()


def xlsx_bytes(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """An .xlsx file holding the header and rows, as bytes."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Sheet1")
    sheet.append(list(columns))
    date_columns = {i for i, name in enumerate(columns) if name == SIGNED}
    for row in rows:
        cells = []
        for index, value in enumerate(row):
            cell = WriteOnlyCell(sheet)
            found = _ISO_DATE.match(value) if index in date_columns else None
            moment = _as_datetime(found) if found else None
            if moment is not None:
                cell.value = moment
                cell.number_format = ICE_DATE_FORMAT
            elif value:  # an empty value stays an empty cell, as in ICE's files
                cell.value = value
                cell.data_type = "s"  # openpyxl would take "=..." for a formula
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _as_datetime(found: re.Match[str]) -> datetime | None:
    try:
        return datetime(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None
