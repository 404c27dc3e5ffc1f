"""The hold clock: 48 hours without Saturdays, Sundays and federal holidays, in local time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from access.detention import clock

NY = "America/New_York"
PHOENIX = "America/Phoenix"

# OPM's published federal holiday dates (opm.gov, "Federal Holidays"), typed here only as an
# independent check of the library the clock uses; weekday dates only (the observed day when
# the holiday falls on a weekend).
OPM_2026 = [
    date(2026, 1, 1),
    date(2026, 1, 19),
    date(2026, 2, 16),
    date(2026, 5, 25),
    date(2026, 6, 19),
    date(2026, 7, 3),  # Independence Day, Saturday July 4, observed Friday
    date(2026, 9, 7),
    date(2026, 10, 12),
    date(2026, 11, 11),
    date(2026, 11, 26),
    date(2026, 12, 25),
]
OPM_2027 = [
    date(2027, 1, 1),
    date(2027, 1, 18),
    date(2027, 2, 15),
    date(2027, 5, 31),
    date(2027, 6, 18),  # Juneteenth, Saturday June 19, observed Friday
    date(2027, 7, 5),  # Independence Day, Sunday July 4, observed Monday
    date(2027, 9, 6),
    date(2027, 10, 11),
    date(2027, 11, 11),
    date(2027, 11, 25),
    date(2027, 12, 24),  # Christmas, Saturday December 25, observed Friday
    date(2027, 12, 31),  # New Year's Day 2028 (a Saturday), observed Friday
]


def local(text: str, zone: str = NY) -> datetime:
    return clock.local_moment(datetime.fromisoformat(text), zone)


def due(text: str, zone: str = NY) -> str:
    return clock.deadline(local(text, zone), zone).isoformat()


def test_a_plain_weekday_release_ends_48_hours_later() -> None:
    assert due("2026-03-10T09:00") == "2026-03-12T09:00:00-04:00"


def test_the_weekend_does_not_count() -> None:
    # Friday 15:00: 9 h on Friday, Monday's 24 h, 15 h on Tuesday.
    assert due("2026-03-13T15:00") == "2026-03-17T15:00:00-04:00"


def test_a_release_on_a_saturday_starts_the_clock_on_monday_at_midnight() -> None:
    assert due("2026-03-14T10:00") == "2026-03-18T00:00:00-04:00"


def test_a_release_on_a_holiday_starts_the_clock_the_next_business_day() -> None:
    # Thanksgiving 2026 (Thursday): the clock starts Friday 00:00.
    assert due("2026-11-26T13:00") == "2026-12-01T00:00:00-05:00"


def test_july_4_on_a_saturday_is_observed_on_friday_july_3() -> None:
    # Thursday 17:30: 6.5 h, then Friday (observed), Saturday, Sunday skipped.
    assert due("2026-07-02T17:30") == "2026-07-07T17:30:00-04:00"
    assert clock.federal_holiday(date(2026, 7, 3)) is not None


def test_july_4_on_a_sunday_is_observed_on_monday_july_5() -> None:
    assert due("2027-07-02T12:00") == "2027-07-07T12:00:00-04:00"


def test_new_years_day_observed_in_the_year_before_crossing_the_year() -> None:
    # January 1, 2028 is a Saturday: observed Friday, December 31, 2027.
    assert due("2027-12-30T12:00") == "2028-01-04T12:00:00-05:00"


def test_thanksgiving_friday_counts() -> None:
    # Wednesday 08:00: 16 h, Thursday skipped, Friday 24 h, Monday 8 h.
    assert due("2026-11-25T08:00") == "2026-11-30T08:00:00-05:00"
    assert clock.is_business_day(date(2026, 11, 27))


@pytest.mark.parametrize("year,published", [(2026, OPM_2026), (2027, OPM_2027)])
def test_the_excluded_weekdays_are_exactly_the_published_federal_holidays(
    year: int, published: list[date]
) -> None:
    day, excluded = date(year, 1, 1), []
    while day.year == year:
        if day.weekday() < 5 and not clock.is_business_day(day):
            excluded.append(day)
        day += timedelta(days=1)
    assert excluded == published


@pytest.mark.parametrize("holiday", OPM_2026 + OPM_2027, ids=str)
def test_each_federal_holiday_pushes_the_deadline_by_one_day(holiday: date) -> None:
    # Released at noon on the last business day before the holiday: 12 h that day, then the
    # holiday (and any weekend next to it) is skipped, then 24 h and 12 h more.
    before = holiday - timedelta(days=1)
    while not clock.is_business_day(before):
        before -= timedelta(days=1)
    after, day = [], holiday
    while len(after) < 2:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in OPM_2026 + OPM_2027 + [date(2028, 1, 17)]:
            after.append(day)
    release = datetime(before.year, before.month, before.day, 12, tzinfo=ZoneInfo(NY))
    end = clock.deadline(release, NY)
    assert end.date() == after[1] and (end.hour, end.minute) == (12, 0)
    assert clock.federal_holiday(holiday) is not None


def test_spring_forward_weekend_new_york_keeps_the_wall_time_and_changes_the_offset() -> None:
    # Friday 10:00 EST; clocks go forward Sunday March 8, 2026 (not counted anyway).
    end = clock.deadline(local("2026-03-06T10:00"), NY)
    assert end.isoformat() == "2026-03-10T10:00:00-04:00"
    assert clock.elapsed(local("2026-03-06T10:00"), end) == timedelta(hours=95)


def test_fall_back_weekend_new_york() -> None:
    end = clock.deadline(local("2026-10-30T10:00"), NY)
    assert end.isoformat() == "2026-11-03T10:00:00-05:00"
    assert clock.elapsed(local("2026-10-30T10:00"), end) == timedelta(hours=97)


def test_phoenix_has_no_daylight_saving() -> None:
    assert due("2026-03-06T10:00", PHOENIX) == "2026-03-10T10:00:00-07:00"
    assert due("2026-10-30T10:00", PHOENIX) == "2026-11-03T10:00:00-07:00"


def test_a_business_day_with_23_hours_counts_23() -> None:
    # Israel moves its clocks on Friday March 27, 2026 (a weekday): Thursday noon gives 12 h,
    # Friday 23 h, so 13 h remain on Monday.
    assert due("2026-03-26T12:00", "Asia/Jerusalem") == "2026-03-30T13:00:00+03:00"


def test_the_same_instant_in_different_zones() -> None:
    # Friday 2026-03-13 23:30 UTC is Friday 19:30 in New York but Friday 16:30 in Los Angeles.
    release = datetime(2026, 3, 13, 23, 30, tzinfo=UTC)
    assert clock.deadline(release, NY).isoformat() == "2026-03-17T19:30:00-04:00"
    la = clock.deadline(release, "America/Los_Angeles")
    assert la.isoformat() == "2026-03-17T16:30:00-07:00"
    # In Honolulu it is 13:30 on Friday; in Guam already 09:30 on Saturday.
    assert clock.deadline(release, "Pacific/Honolulu").isoformat() == "2026-03-17T13:30:00-10:00"
    assert clock.deadline(release, "Pacific/Guam").isoformat() == "2026-03-18T00:00:00+10:00"


def test_a_local_time_that_happens_twice_reads_as_the_first() -> None:
    moment = local("2026-11-01T01:30")
    assert moment.utcoffset() == timedelta(hours=-4)


def test_an_aware_release_keeps_its_offset() -> None:
    release = datetime.fromisoformat("2026-03-10T13:00:00+00:00")
    assert clock.local_moment(release, NY) is release
    assert clock.deadline(release, NY).isoformat() == "2026-03-12T09:00:00-04:00"


def test_bad_input() -> None:
    with pytest.raises(clock.UnknownZone):
        clock.zone("Mars/Olympus_Mons")
    with pytest.raises(clock.UnknownZone):
        clock.zone("../etc/passwd")
    with pytest.raises(clock.NaiveMoment):
        clock.deadline(datetime(2026, 3, 10, 9), NY)


def test_time_left_skips_excluded_days() -> None:
    end = clock.deadline(local("2026-03-13T15:00"), NY)
    # Sunday noon: the rest of Sunday does not count; Monday 24 h and Tuesday 15 h do.
    assert clock.business_time_left(local("2026-03-15T12:00"), end, NY) == timedelta(hours=39)
    assert clock.business_time_left(local("2026-03-16T12:00"), end, NY) == timedelta(hours=27)
    assert clock.business_time_left(local("2026-03-14T12:00"), end, NY) == timedelta(hours=39)
    assert clock.business_time_left(end, end, NY) == timedelta(0)
    assert clock.business_time_left(end + timedelta(hours=1), end, NY) == timedelta(0)


ZONES = [NY, "America/Chicago", "America/Denver", PHOENIX, "America/Los_Angeles"]
ZONES += ["America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico", "Asia/Jerusalem"]
QUARTER = timedelta(minutes=15)


@settings(max_examples=150, deadline=None)
@given(
    quarter=st.integers(min_value=0, max_value=6 * 365 * 96),
    zone=st.sampled_from(ZONES),
)
def test_deadline_minus_excluded_time_is_exactly_48_hours(quarter: int, zone: str) -> None:
    release = datetime(2025, 1, 1, tzinfo=UTC) + quarter * QUARTER
    end = clock.deadline(release, zone)
    assert end.utcoffset() == end.astimezone(ZoneInfo(zone)).utcoffset()
    assert (end - release) - clock.excluded_between(release, end, zone) == clock.HOLD
    # An independent count: every quarter hour of real time, by the local day it falls on.
    counted, slot, last_counted = timedelta(0), release, None
    while slot < end:
        if clock.is_business_day(slot.astimezone(ZoneInfo(zone)).date()):
            counted += QUARTER
            last_counted = slot
        slot += QUARTER
    assert counted == clock.HOLD
    assert last_counted is not None and last_counted + QUARTER == end
