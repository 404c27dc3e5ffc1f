"""Item 13 (issue 15): a public-list spreadsheet is bounded in rows, columns, cells and cell
length before openpyxl builds anything; ICE's real files pass far inside the bounds."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from access.agencies.publiclist.ice287g import SheetError, read_sheet, reader

HEADER = ["STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "COUNTY", "SUPPORT TYPE"]
NAME = "pendingAgencies06042025am.xlsx"


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _with_sheet_xml(xml: bytes) -> bytes:
    """A real workbook whose first worksheet is replaced by ``xml``."""
    source = zipfile.ZipFile(io.BytesIO(_xlsx([HEADER])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = xml if info.filename == "xl/worksheets/sheet1.xml" else source.read(info)
            target.writestr(info.filename, data)
    return out.getvalue()


def _row_xml(cells: int) -> bytes:
    body = b"".join(b'<c t="n"><v>1</v></c>' for _ in range(cells))
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData><row>" + body + b"</row></sheetData></worksheet>"
    )


def test_a_row_of_half_a_million_cells_is_refused_before_parsing(monkeypatch):
    data = _with_sheet_xml(_row_xml(500_000))
    assert len(data) < 2 * 1024 * 1024  # small on the wire: the bound must not be the size

    def never(*args, **kwargs):
        raise AssertionError("openpyxl must not be reached")

    monkeypatch.setattr("openpyxl.load_workbook", never)
    with pytest.raises(SheetError, match=f"row 1 has more than {reader.MAX_COLUMNS} cells"):
        read_sheet(data, NAME)


def _never_parsed(monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("openpyxl must not be reached")

    monkeypatch.setattr("openpyxl.load_workbook", never)


def _sheet(dimension: bytes, rows: bytes) -> bytes:
    return _with_sheet_xml(
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + dimension
        + b"<sheetData>"
        + rows
        + b"</sheetData></worksheet>"
    )


def test_a_declared_extent_of_the_whole_grid_is_refused_before_parsing(monkeypatch):
    """Read-only openpyxl pads every row to the declared last column and yields every row up
    to the declared last row: one cell in a sheet declared A1:XFD1048576 would be billions."""
    _never_parsed(monkeypatch)
    data = _sheet(
        b'<dimension ref="A1:XFD1048576"/>',
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>STATE</t></is></c></row>',
    )
    with pytest.raises(SheetError, match=f"declares more than {reader.MAX_COLUMNS} columns"):
        read_sheet(data, NAME)
    data = _sheet(b'<dimension ref="A1:M9000000"/>', b"")
    with pytest.raises(SheetError, match=f"more than {reader.MAX_ROWS} rows"):
        read_sheet(data, NAME)


def test_a_far_cell_or_row_position_counts_as_the_cells_before_it(monkeypatch):
    _never_parsed(monkeypatch)
    far_column = _sheet(b"", b'<row r="1"><c r="XFD1" t="n"><v>1</v></c></row>')
    with pytest.raises(SheetError, match=f"row 1 has more than {reader.MAX_COLUMNS} cells"):
        read_sheet(far_column, NAME)
    far_row = _sheet(b"", b'<row r="1048576"><c r="A1048576" t="n"><v>1</v></c></row>')
    with pytest.raises(SheetError, match=f"more than {reader.MAX_ROWS} rows"):
        read_sheet(far_row, NAME)


def test_too_many_cells_in_all_are_refused(monkeypatch):
    monkeypatch.setattr(reader, "MAX_CELLS", 40)
    rows = [HEADER] + [["FL", f"Agency {n}", "Sheriff", "Dade", "Jail"] for n in range(10)]
    with pytest.raises(SheetError, match="more than 40 cells"):
        read_sheet(_xlsx(rows), NAME)


def test_too_many_rows_are_refused_in_the_stream(monkeypatch):
    monkeypatch.setattr(reader, "MAX_ROWS", 5)
    rows = [HEADER] + [["FL", f"Agency {n}", "Sheriff", "Dade", "Jail"] for n in range(10)]
    with pytest.raises(SheetError, match="more than 5 rows"):
        read_sheet(_xlsx(rows), NAME)


def test_a_cell_longer_than_excel_allows_is_refused_in_a_csv():
    text = ",".join(HEADER) + "\nFL," + "A" * (reader.MAX_CELL_CHARS + 1) + ",Sheriff,Dade,Jail\n"
    with pytest.raises(SheetError, match="a cell longer than 32767 characters"):
        read_sheet(text.encode(), "pendingAgencies06042025am.csv")


def test_a_sheet_inside_the_bounds_is_read():
    rows = [HEADER, ["FL", "Alpha County Sheriff's Office", "Sheriff", "Dade", "Jail"]]
    sheet = read_sheet(_xlsx(rows), NAME)
    assert sheet.rows == (("FL", "Alpha County Sheriff's Office", "Sheriff", "Dade", "Jail"),)
