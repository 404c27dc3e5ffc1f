"""The detainer hold clock (8 CFR 287.7(d); DOMAIN.md section 5).

A detainer asks the holding agency to keep a person no more than 48 hours, not counting
Saturdays, Sundays and federal holidays, after the moment the person would otherwise be
released. The clock is counted here and nowhere else: the app, the alerts and
``access detainers deadline`` all call ``deadline``.

How it counts:
- Days are the facility's local calendar days (``zoneinfo``), so a holiday or a weekend is
  the local day from local midnight to local midnight.
- Hours are real elapsed hours. On a day when the clocks change (23 or 25 hours long) the
  day counts for its true length; the deadline is printed with the offset in force then.
- Excluded days: Saturdays, Sundays and U.S. federal holidays as the ``holidays`` library
  lists them (5 U.S.C. 6103, with the observed Friday or Monday when a holiday falls on a
  weekend). The library is maintained; nothing here is a hand-typed list.
- A release that falls on an excluded day starts the clock at the next business moment:
  local midnight at the start of the next business day.

Pure functions: no Django, no database.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

HOLD = timedelta(hours=48)


class UnknownZone(ValueError):
    """The time zone name is not an IANA zone this system knows."""


class NaiveMoment(ValueError):
    """A moment without a UTC offset where one is needed."""


def zone(name: str | ZoneInfo) -> ZoneInfo:
    """The ``ZoneInfo`` for an IANA name such as ``America/New_York``; ``UnknownZone`` if none."""
    if isinstance(name, ZoneInfo):
        return name
    if not name or name != name.strip():
        raise UnknownZone(f"unknown time zone {name!r}")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UnknownZone(f"unknown time zone {name!r}") from None


@lru_cache(maxsize=1)
def _federal_holidays() -> holidays.HolidayBase:
    # No subdivision: the federal list only. ``observed=True`` adds the Friday/Monday a
    # weekend holiday is observed on; the object fills in each year when first asked.
    return holidays.US(observed=True, categories=(holidays.PUBLIC,))


def federal_holiday(day: date) -> str | None:
    """The federal holiday (or its observed date) on ``day``, by name; None on other days."""
    name = _federal_holidays().get(day)
    return str(name) if name else None


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and federal_holiday(day) is None


def _local_midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=tz)


def _days_from(start: datetime, tz: ZoneInfo) -> Iterator[tuple[date, datetime, datetime]]:
    """Each local day from ``start`` on, as (day, its first counted instant, its end) in UTC."""
    local = start.astimezone(tz)
    day = local.date()
    begin = start.astimezone(UTC)
    while True:
        end = _local_midnight(day + timedelta(days=1), tz).astimezone(UTC)
        yield day, begin, end
        day += timedelta(days=1)
        begin = end


def deadline(release: datetime, tz: str | ZoneInfo, hold: timedelta = HOLD) -> datetime:
    """The moment the hold ends: ``hold`` of business time after ``release``, in zone ``tz``.

    ``release`` must carry an offset (say which zone a local time is in with
    ``local_moment``). The result is in ``tz`` with the offset in force on that moment.
    """
    if release.tzinfo is None or release.utcoffset() is None:
        raise NaiveMoment("the release time needs a UTC offset or a time zone")
    tz = zone(tz)
    left = hold
    for day, begin, end in _days_from(release, tz):
        if not is_business_day(day):
            continue
        span = end - begin
        if span >= left:
            return (begin + left).astimezone(tz)
        left -= span
    raise AssertionError("unreachable: business days never run out")  # pragma: no cover


def excluded_between(start: datetime, end: datetime, tz: str | ZoneInfo) -> timedelta:
    """Elapsed time between ``start`` and ``end`` that falls on excluded local days."""
    tz = zone(tz)
    end = end.astimezone(UTC)
    excluded = timedelta(0)
    for day, begin, day_end in _days_from(start, tz):
        if begin >= end:
            break
        if not is_business_day(day):
            excluded += min(day_end, end) - begin
    return excluded


def elapsed(start: datetime, end: datetime) -> timedelta:
    """Real time from ``start`` to ``end`` (in UTC, whatever zones they carry)."""
    return end.astimezone(UTC) - start.astimezone(UTC)


def business_time_left(now: datetime, due: datetime, tz: str | ZoneInfo) -> timedelta:
    """How much of the hold is still to run at ``now`` (zero once the deadline has passed)."""
    # Subtract in UTC: Python subtracts two times of the same zone by their wall clocks.
    now, due = now.astimezone(UTC), due.astimezone(UTC)
    if now >= due:
        return timedelta(0)
    return (due - now) - excluded_between(now, due, tz)


def local_moment(value: datetime, tz: str | ZoneInfo) -> datetime:
    """``value`` made aware: a naive time is local to ``tz``; an aware one is kept.

    A local time that happens twice (the hour the clocks go back) is read as the first of the
    two; one that never happens (the hour skipped in spring) as the same wall time under the
    offset before the change, i.e. one hour later in the new offset. Both as ``zoneinfo``
    reads them (``fold=0``).
    """
    if value.tzinfo is not None and value.utcoffset() is not None:
        return value
    return value.replace(tzinfo=zone(tz))
