"""Exports in ICE's columns read back as the same rows."""

from __future__ import annotations

import io

from access.agencies.publiclist.ice287g import (
    Event,
    History,
    ListKind,
    csv_text,
    parse_as_of,
    read_sheet,
    write_csv,
    xlsx_bytes,
)


def test_csv_and_xlsx_exports_of_a_real_list_read_back_identically(
    real_history: tuple[History, list[Event]],
) -> None:
    # Given the participating list as it stood on 9 July 2025 (with duplicates and bad dates)
    history, _ = real_history
    state = history.state_as_of(parse_as_of("2025-07-09"), ListKind.PARTICIPATING)
    assert (len(state.rows), state.columns[-1]) == (807, "ADDENDUM")
    # When it is exported as CSV and XLSX and read back
    stream = io.StringIO(newline="")
    write_csv(state.columns, state.rows, stream)
    from_csv = read_sheet(stream.getvalue().encode(), "participating.csv")
    from_xlsx = read_sheet(xlsx_bytes(state.columns, state.rows), "participating.xlsx")
    # Then both give the same columns and rows, spaces and malformed dates included
    assert (from_csv.columns, from_csv.rows) == (state.columns, state.rows)
    assert (from_xlsx.columns, from_xlsx.rows) == (state.columns, state.rows)


def test_exports_never_carry_formulas() -> None:
    # Given values that a spreadsheet would run as formulas
    columns = ("STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "COUNTY", "SUPPORT TYPE")
    rows = [("TEXAS", '=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)")]
    # When exported
    text = csv_text(columns, rows)
    back = read_sheet(xlsx_bytes(columns, rows), "pending.xlsx")
    # Then the CSV neutralises them with an apostrophe and the XLSX keeps them as text
    assert text.splitlines()[1] == 'TEXAS,"\'=HYPERLINK(""http://x"")",\'+1,\'-2,\'@SUM(A1)'
    assert back.rows == tuple(rows)
