"""Reading rosters: CSV in its variants, XLSX, JSON rows; the mapping guess; row errors."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.cap.conftest import ROSTER_MAPPING
from tests.cap.rosters_data import HEADER, ROWS, csv_bytes, json_rows, xlsx_bytes

from access.cap import rosters
from access.cap.rosters import RosterRefused


def _read(data: bytes) -> rosters.Table:
    return rosters.read_table(data)


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_csv_any_common_delimiter(delimiter: str) -> None:
    table = _read(csv_bytes(delimiter=delimiter))
    assert table.headers == HEADER
    assert [r["Booking #"] for r in table.rows] == ["B-1001", "B-1002", "B-1003"]
    assert table.row_numbers == [2, 3, 4]


def test_csv_utf8_with_bom_and_latin1() -> None:
    rows = [["B-1", "Pérez", "José", "", "1980-01-01", "M", "", "", ""]]
    with_bom = b"\xef\xbb\xbf" + csv_bytes(rows)
    latin1 = csv_bytes(rows, encoding="latin-1")
    assert _read(with_bom).headers[0] == "Booking #"
    assert _read(with_bom).rows[0]["Last Name"] == "Pérez"
    assert _read(latin1).rows[0]["Last Name"] == "Pérez"
    assert _read(latin1).rows[0]["First Name"] == "José"


def test_xlsx_first_sheet_and_date_cells() -> None:
    rows = [["B-9", "Lopez", "Ana", "", dt.datetime(1985, 3, 4), "F", "", "", dt.date(2027, 1, 2)]]
    table = _read(xlsx_bytes(rows))
    assert table.headers == HEADER
    assert table.rows[0]["DOB"] == "1985-03-04"
    assert table.rows[0]["Release Date"] == "2027-01-02"
    parsed, errors = rosters.validate(table, ROSTER_MAPPING)
    assert errors == []
    assert parsed[0].date_of_birth == "1985-03-04"
    assert parsed[0].release_date is not None
    assert parsed[0].release_date.date() == dt.date(2027, 1, 2)


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1legacy xls",
        b"PK\x03\x04 not really a workbook",
        b"binary\x00\x01\x02junk",
    ],
)
def test_not_a_spreadsheet_is_refused_whole(data: bytes) -> None:
    with pytest.raises(RosterRefused) as refused:
        _read(data)
    assert "not a spreadsheet or CSV" in str(refused.value)


def test_empty_file_refused() -> None:
    with pytest.raises(RosterRefused, match="empty"):
        _read(b"  \n\n")


def test_suggest_mapping_from_common_jail_headers() -> None:
    headers = ["BookingNo", "LNAME", "FNAME", "Birth Date", "SID", "FBI", "Release Date", "Cell"]
    assert rosters.suggest_mapping(headers) == {
        "booking_number": "BookingNo",
        "family_name": "LNAME",
        "given_name": "FNAME",
        "date_of_birth": "Birth Date",
        "id.state_id": "SID",
        "id.fbi_number": "FBI",
        "release_date": "Release Date",
    }
    assert rosters.suggest_mapping(["Booking #", "Name", "DOB"]) == {
        "booking_number": "Booking #",
        "full_name": "Name",
        "date_of_birth": "DOB",
    }


def test_valid_rows_are_parsed_with_partial_dates_kept() -> None:
    parsed, errors = rosters.validate(_read(csv_bytes()), ROSTER_MAPPING, tz="America/New_York")
    assert errors == []
    first, second, third = parsed
    assert first.booking_number == "B-1001"
    assert (first.family_name, first.given_name, first.middle_name) == ("Garcia", "Maria", "Elena")
    assert first.date_of_birth == "1985-03-04"
    assert first.identifiers == {"fbi_number": "123456AB1"}
    assert first.fields["id.fbi_number"] == "123456AB1"
    assert first.booked_at is not None and first.booked_at.utcoffset() == dt.timedelta(hours=-5)
    assert second.release_date is None
    assert third.date_of_birth == "1990"  # a partial date of birth is kept as read
    assert third.sex == "M"


def test_missing_required_columns_named_on_the_header_row() -> None:
    header = [h for h in HEADER if h not in ("DOB", "Last Name")]
    rows = [[c for h, c in zip(HEADER, r, strict=True) if h in header] for r in ROWS]
    parsed, errors = rosters.validate(_read(csv_bytes(rows, header)), ROSTER_MAPPING)
    assert parsed == []
    assert sorted((e["row"], e["column"], e["message"]) for e in errors) == [
        (1, "DOB", "missing column"),
        (1, "Last Name", "missing column"),
    ]


def test_mapping_without_required_fields() -> None:
    mapping = {"booking_number": "Booking #", "family_name": "Last Name"}
    _, errors = rosters.validate(_read(csv_bytes()), mapping)
    assert {e["column"] for e in errors} == {"date_of_birth", "given_name"}


def test_bad_dates_empty_names_and_duplicates_are_row_errors() -> None:
    rows = [
        ["B-1", "Garcia", "Maria", "", "unknown", "F", "", "", ""],
        ["B-2", "", "Van", "", "1979-11-02", "M", "", "", "soon"],
        ["B-1", "Smith", " ", "", "", "M", "", "yesterday", ""],
    ]
    _, errors = rosters.validate(_read(csv_bytes(rows)), ROSTER_MAPPING)
    assert [(e["row"], e["column"], e["message"]) for e in errors] == [
        (2, "DOB", "not a date: 'unknown'"),
        (3, "Last Name", "empty family name"),
        (3, "Release Date", "not a date: 'soon'"),
        (4, "First Name", "empty given name"),
        (4, "DOB", "empty date of birth"),
        (4, "Booked", "not a date: 'yesterday'"),
        (4, "Booking #", "booking number repeats row 2"),
    ]


def test_full_name_column_is_split() -> None:
    header = ["Booking #", "Name", "DOB"]
    rows = [["1", '"DOE, JOHN ALAN"', "1980-02-03"], ["2", "Ana Maria Lopez", "1981"]]
    table = _read(csv_bytes(rows, header))
    parsed, errors = rosters.validate(table, rosters.suggest_mapping(header))
    assert errors == []
    assert [(p.family_name, p.given_name, p.middle_name) for p in parsed] == [
        ("DOE", "JOHN", "ALAN"),
        ("Lopez", "Ana", "Maria"),
    ]


def test_json_rows_go_through_the_same_checks() -> None:
    items = json_rows()
    items[1]["DOB"] = "not a date"
    table = rosters.table_from_json(items)
    assert table.row_numbers == [1, 2, 3]
    _, errors = rosters.validate(table, ROSTER_MAPPING)
    assert errors == [{"row": 2, "column": "DOB", "message": "not a date: 'not a date'"}]


@pytest.mark.parametrize("items", [{"a": 1}, "text", [1, 2], [{"DOB": {"nested": 1}}]])
def test_json_that_is_not_rows_is_refused(items: object) -> None:
    with pytest.raises(RosterRefused):
        rosters.table_from_json(items)


def test_canonical_json_ignores_key_order() -> None:
    assert rosters.canonical_json([{"a": 1, "b": 2}]) == rosters.canonical_json([{"b": 2, "a": 1}])


def test_unknown_mapping_field_refused() -> None:
    with pytest.raises(RosterRefused):
        rosters.clean_mapping({"nickname": "Alias"})
    assert rosters.clean_mapping({"id.jail_id": "JID", "sex": ""}) == {"id.jail_id": "JID"}


def test_rows_and_bytes_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rosters, "MAX_ROWS", 2)
    with pytest.raises(RosterRefused, match="more than 2 rows"):
        _read(csv_bytes(ROWS * 2))
    with pytest.raises(RosterRefused, match="more than 2 rows"):
        rosters.table_from_json(json_rows() * 2)
    monkeypatch.setattr(rosters, "MAX_BYTES", 100)
    with pytest.raises(RosterRefused, match="larger than"):
        _read(csv_bytes())


def test_a_header_column_named_twice_is_refused() -> None:
    with pytest.raises(RosterRefused, match="appears twice"):
        _read(b"Booking #,DOB,DOB\n1,1980,1981\n")
