from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from access.matching.dates import parse_date, swap_day_month


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1985-03-04", "1985-03-04"),
        ("1985-03-04T00:00:00", "1985-03-04"),
        ("1985-03", "1985-03"),
        ("1985", "1985"),
        ("19850304", "1985-03-04"),  # CCYYMMDD
        ("03041985", "1985-03-04"),  # MMDDCCYY
        ("030485", "1985-03-04"),  # MMDDYY
        ("3/4/1985", "1985-03-04"),  # US slashes
        ("03/04/85", "1985-03-04"),
        ("1985/03/04", "1985-03-04"),
        ("04.03.1985", "1985-03-04"),  # dotted, day first
        ("4 Mar 1985", "1985-03-04"),
        ("March 4, 1985", "1985-03-04"),
        ("03/1985", "1985-03"),
        ("1985-00-00", "1985"),  # unknown month and day
        ("00/00/1985", "1985"),
        ("1985-02-30", "1985-02"),  # invalid day: the month is still usable
        ("1985-13-45", "1985"),
        ("2099-01-01", ""),  # in the future
        ("1066-10-14", ""),
        ("unknown", ""),
        ("", ""),
        (None, ""),
        ("99999999999", ""),
        (dt.date(1985, 3, 4), "1985-03-04"),
    ],
)
def test_parse_date_formats(raw: object, expected: str) -> None:
    assert parse_date(raw) == expected


def test_two_digit_years_are_never_in_the_future() -> None:
    assert parse_date("010105") == "2005-01-01"
    assert parse_date("010199") == "1999-01-01"


def test_swap_day_month() -> None:
    assert swap_day_month("1985-03-04") == "1985-04-03"
    assert swap_day_month("1985-03-13") == ""  # day 13 cannot be a month
    assert swap_day_month("1985-03-03") == ""  # the same date
    assert swap_day_month("1985-03") == ""


@given(
    st.one_of(st.text(max_size=30), st.integers(), st.floats(), st.none(), st.binary(max_size=12))
)
def test_parse_date_never_crashes_and_returns_iso_or_empty(value: object) -> None:
    result = parse_date(value)
    assert result == "" or len(result) in (4, 7, 10)
    if len(result) == 10:
        dt.date.fromisoformat(result)


@given(st.from_regex(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4,8}", fullmatch=True))
def test_parse_date_never_crashes_on_date_shaped_strings(value: str) -> None:
    result = parse_date(value)
    assert result == "" or result[:4].isdigit()
    assert swap_day_month(result) in ("",) or len(swap_day_month(result)) == 10
