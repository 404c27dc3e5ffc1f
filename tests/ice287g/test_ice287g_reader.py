"""Reading ICE's sheets: real files, odd but valid files, and files refused whole."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from openpyxl import Workbook

from access.agencies.publiclist.ice287g import ListKind, SheetError, Snapshot, read_sheet

PARTICIPATING = (
    "STATE",
    "LAW ENFORCEMENT AGENCY",
    "TYPE",
    "COUNTY",
    "SUPPORT TYPE",
    "SIGNED",
    "MOA",
)
PENDING = PARTICIPATING[:5]
HEADER = b"STATE,LAW ENFORCEMENT AGENCY,TYPE,COUNTY,SUPPORT TYPE"


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_real_files_have_the_expected_columns(real_snapshots: list[Snapshot]) -> None:
    # Given the 64 real files, read
    columns = {(s.taken_at.strftime("%Y%m%d_%H%M%S"), s.source): s.columns for s in real_snapshots}
    # Then the 35 pending lists have five columns, the 29 participating lists seven, and
    # eight (ADDENDUM) from the file downloaded on 2 July 2025 on
    pending = [c for (_, name), c in columns.items() if name.startswith("pending")]
    assert (len(pending), set(pending)) == (35, {PENDING})
    participating = {f: c for (f, n), c in columns.items() if n.startswith("participating")}
    without = sorted(f for f, c in participating.items() if c == PARTICIPATING)
    with_addendum = sorted(f for f, c in participating.items() if c == (*PARTICIPATING, "ADDENDUM"))
    assert (len(without), len(with_addendum)) == (15, 14)
    assert (without[-1], with_addendum[0]) == ("20250627_151725", "20250702_151826")


def test_real_file_keeps_values_exactly_as_published(ice_dir: Path) -> None:
    # Given the participating list of 16 May 2025
    path = ice_dir / "20250519_024922" / "participatingAgencies05162025am.xlsx"
    # When it is read
    sheet = read_sheet(path)
    # Then rows keep trailing spaces, dates become ISO text, empty rows are skipped
    assert sheet.kind == ListKind.PARTICIPATING
    assert (sheet.header_row, len(sheet.rows)) == (1, 571)
    assert sheet.rows[0] == (
        "ALABAMA", "Colbert County Sheriff's Office", "County", "Colbert County",
        "Jail Enforcement Model", "2025-05-08", "link pending",
    )  # fmt: skip
    assert sum(1 for row in sheet.rows if row[6] != row[6].strip()) == 47


def test_header_below_a_title_and_loose_header_spelling_are_accepted() -> None:
    # Given a sheet with a title row, odd header spacing/case and a date cell
    from datetime import datetime

    data = _xlsx([
        ["ICE 287(g) pending agencies"],
        [],
        ["state", " Law  Enforcement Agency ", "TYPE", "County", "support type"],
        ["TEXAS", "Kerr County Sheriff's Office ", "County", "Kerr County", "Task Force Model"],
        [None, None, None, None, None],
        ["TEXAS", "Tooele", "County", datetime(2025, 7, 7), 12.0],
    ])  # fmt: skip
    # When it is read
    sheet = read_sheet(data, "pendingAgencies07072025am.xlsx")
    # Then the header is found on row 3 and mapped, and values are kept as text
    assert (sheet.kind, sheet.header_row, sheet.row_numbers) == (ListKind.PENDING, 3, (4, 6))
    assert sheet.columns == PENDING
    assert sheet.rows == (
        ("TEXAS", "Kerr County Sheriff's Office ", "County", "Kerr County", "Task Force Model"),
        ("TEXAS", "Tooele", "County", "2025-07-07", "12"),
    )


def test_csv_with_byte_order_mark_is_read() -> None:
    # Given a UTF-8 CSV with a BOM and a non-breaking space
    text = "\r\n".join([HEADER.decode(), "OHIO,Lake\xa0County ,County,,WSO", ""])
    # When it is read
    sheet = read_sheet(text.encode("utf-8-sig"), "pendingAgencies.csv")
    # Then the BOM is gone and the value is untouched
    assert sheet.rows == (("OHIO", "Lake\xa0County ", "County", "", "WSO"),)


UNREADABLE = "not a readable spreadsheet or CSV file"
BAD_FILES = [
    (
        "participatingAgencies07012025pm.csv",
        HEADER + b",MOA\nOHIO,Lake County Sheriff's Office,County,Lake County,WSO,link\n",
        "missing column SIGNED in the participating list",
    ),
    ("participatingAgencies.xlsx", random.Random(287).randbytes(2048), UNREADABLE),
    ("participatingAgencies.xlsx", b"PK\x03\x04 a broken zip", UNREADABLE),
    (
        "participatingAgencies.txt",
        HEADER + b"\n",
        "unsupported file type '.txt': upload an .xlsx or .csv file",
    ),
    ("participatingAgencies.csv", b"", "the file is empty"),
    ("participatingAgencies.xlsx", b"", "the file is empty"),
    (
        "pendingAgencies.csv",
        "STATE".encode("utf-16"),
        f"{UNREADABLE} (a CSV file must be UTF-8 encoded)",
    ),
    (
        "agencies.csv",
        HEADER + b"\n",
        "cannot tell from the file name whether this is the participating or the pending list: "
        "the name must contain 'participating' or 'pending'",
    ),
    (
        "pendingAgencies.csv",
        b"a,b\n1,2\n",
        "no header row: none of the first 25 rows names the columns STATE and "
        "LAW ENFORCEMENT AGENCY",
    ),
    ("pendingAgencies.csv", HEADER + b",NOTES\n", "unexpected column 'NOTES'"),
    ("pendingAgencies.csv", HEADER + b",STATE\n", "column STATE appears twice"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_FILES)
def test_bad_files_are_refused_whole(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    # Given a malformed file on disk
    path = tmp_path / name
    path.write_bytes(content)
    # When it is read, then it is refused with a specific message
    with pytest.raises(SheetError) as refused:
        read_sheet(path)
    assert str(refused.value) == message


def test_a_value_without_a_header_is_reported_by_row() -> None:
    # Given a CSV whose third data row has a value beyond the named columns
    text = HEADER + b"\nA,B,C,D,E\nA,B,C,D,E\nA,B,C,D,E,oops\n"
    # When it is read
    with pytest.raises(SheetError) as refused:
        read_sheet(text, "pendingAgencies.csv")
    # Then the whole file is refused with a row-level report
    assert str(refused.value) == "1 row cannot be read"
    assert refused.value.problems == ("row 4: a value in column 6 has no header",)


def test_size_limit_is_enforced(tmp_path: Path) -> None:
    # Given a 2 KB file and a 1 KB limit
    path = tmp_path / "pendingAgencies.csv"
    path.write_bytes(b"STATE,LAW ENFORCEMENT AGENCY,TYPE,COUNTY,SUPPORT TYPE\n" + b"x" * 2048)
    # When it is read with that limit, from disk or as bytes
    for source in (path, path.read_bytes()):
        with pytest.raises(SheetError) as refused:
            read_sheet(source, path.name, max_bytes=1024)
        # Then it is refused before parsing
        assert str(refused.value) == "the file is larger than the limit of 1024 bytes"
