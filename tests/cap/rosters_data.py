"""Roster files for the tests, as jails send them."""

from __future__ import annotations

import io
from typing import Any

HEADER = [
    "Booking #",
    "Last Name",
    "First Name",
    "Middle",
    "DOB",
    "Sex",
    "FBI",
    "Booked",
    "Release Date",
]
ROWS = [
    ["B-1001", "Garcia", "Maria", "Elena", "03/04/1985", "F", "123456AB1", "2026-12-01 08:15", "12/20/2026"],
    ["B-1002", "Nguyen", "Van", "", "1979-11-02", "M", "", "2026-12-01 22:40", ""],
    ["B-1003", "Smith", "John", "A", "1990", "male", "", "", "2027-01-15"],
]  # fmt: skip


def csv_bytes(
    rows: list[list[str]] | None = None,
    header: list[str] | None = None,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> bytes:
    lines = [header or HEADER, *(ROWS if rows is None else rows)]
    return "\r\n".join(delimiter.join(cell for cell in line) for line in lines).encode(encoding)


def xlsx_bytes(rows: list[list[Any]] | None = None, header: list[str] | None = None) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(header or HEADER)
    for row in ROWS if rows is None else rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def json_rows(rows: list[list[str]] | None = None) -> list[dict[str, str]]:
    return [dict(zip(HEADER, row, strict=True)) for row in (ROWS if rows is None else rows)]
