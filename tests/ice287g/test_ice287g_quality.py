"""Data-quality findings: doubtful values are reported, never changed."""

from __future__ import annotations

from collections import Counter
from datetime import date

from access.agencies.publiclist.ice287g import (
    Finding,
    Snapshot,
    check_row,
    check_rows,
    parse_signed,
)

TODAY = date(2025, 7, 19)
COLUMNS = ("STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "COUNTY", "SUPPORT TYPE", "SIGNED", "MOA")


def test_malformed_real_dates_are_kept_exactly_and_reported(
    real_snapshots: list[Snapshot],
) -> None:
    # Given every row of the 64 real files
    signed = Counter(
        row[s.columns.index("SIGNED")]
        for s in real_snapshots
        if "SIGNED" in s.columns
        for row in s.rows
    )
    # Then the malformed values are there exactly as published
    assert (signed["05/082025"], signed["7/72025"], signed["5025-07-07"]) == (29, 13, 9)
    # When the files are checked
    found = Counter(
        (f.code, f.value)
        for s in real_snapshots
        for findings in check_rows(s.columns, s.rows, today=TODAY)
        for f in findings
    )
    # Then each occurrence is one finding, plus St. Cloud's duplicates and "UTAHJ"
    assert found == {
        ("signed_not_a_date", "05/082025"): 29,
        ("signed_not_a_date", "7/72025"): 13,
        ("signed_implausible_year", "5025-07-07"): 9,
        ("duplicate_row", "St. Cloud Police Department"): 10,
        ("unknown_state", "UTAHJ"): 3,
    }


def test_findings_of_one_row() -> None:
    # Given a row signed "05/082025" with trailing spaces elsewhere
    values = ("VIRGINIA ", "Campbell County Sheriff's Office ", "County", "Campbell County ",
              "Task Force Model ", "05/082025", "link ")  # fmt: skip
    row = dict(zip(COLUMNS, values, strict=True))
    # When it is checked
    findings = check_row(row, today=TODAY)
    # Then only the date is a finding (whitespace is not), and the value is kept
    assert findings == [
        Finding(
            "signed_not_a_date", "SIGNED", "05/082025", "signed value '05/082025' is not a date"
        )
    ]
    assert row["SIGNED"] == "05/082025"


def test_signed_values() -> None:
    assert parse_signed("2025-07-07") == date(2025, 7, 7)
    assert parse_signed("7/7/2025 ") == date(2025, 7, 7)
    assert parse_signed("07/07/25") == date(2025, 7, 7)
    assert parse_signed("7/72025") is None
    assert parse_signed("2025-02-30") is None
    years = [
        check_row({"SIGNED": v}, today=TODAY) for v in ("1999-12-31", "2026-12-31", "2027-01-01")
    ]
    assert [[f.code for f in found] for found in years] == [
        ["signed_implausible_year"],
        [],
        ["signed_implausible_year"],
    ]
    assert [f.code for f in check_row({"SIGNED": " "}, today=TODAY)] == ["signed_missing"]
    assert check_row({"STATE": "TEXAS"}) == []
