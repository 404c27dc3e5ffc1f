"""Dates of birth as recorded: many formats, often partial, sometimes wrong.

``parse_date`` turns whatever arrived into an ISO string that keeps only what is usable:
``1985-03-04`` (full), ``1985-03`` (month known), ``1985`` (year known) or ``""``. It never
raises. Supported shapes: ISO (``1985-03-04``, ``1985-03``, ``1985``, with or without a time),
CCYYMMDD, MMDDCCYY, MMDDYY, US slashes (``3/4/1985``, ``03/04/85``), ``1985/03/04``,
dotted day-first (``04.03.1985``) and month names (``4 Mar 1985``, ``March 4, 1985``).
Unknown parts written as zeros (``1985-00-00``, ``00/00/1985``) are dropped.
"""

from __future__ import annotations

import datetime as dt
import re

MIN_YEAR = 1880
# Two-digit years: a year after this one is read as 19YY.
_TODAY = dt.date.today()

_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("jan", "january", "ene", "enero"),
            ("feb", "february", "febrero"),
            ("mar", "march", "marzo"),
            ("apr", "april", "abr", "abril"),
            ("may", "mayo"),
            ("jun", "june", "junio"),
            ("jul", "july", "julio"),
            ("aug", "august", "ago", "agosto"),
            ("sep", "sept", "september", "septiembre"),
            ("oct", "october", "octubre"),
            ("nov", "november", "noviembre"),
            ("dec", "december", "dic", "diciembre"),
        ]
    )
    for name in names
}

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[t ].*)?$")
_YMD_SLASH = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_US_SLASH = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$")
_MONTH_YEAR_SLASH = re.compile(r"^(\d{1,2})/(\d{4})$")
_WORDS = re.compile(r"[a-z]+|\d+")


def _century(yy: int) -> int:
    year = 2000 + yy
    return year - 100 if year > _TODAY.year else year


def _assemble(year: int, month: int = 0, day: int = 0) -> str:
    """Keep the largest valid prefix of (year, month, day)."""
    if not MIN_YEAR <= year <= _TODAY.year + 1:
        return ""
    if not 1 <= month <= 12:
        return f"{year:04d}"
    if day < 1:
        return f"{year:04d}-{month:02d}"
    try:
        dt.date(year, month, day)
    except ValueError:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _digits(text: str) -> str:
    if len(text) == 8:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:])
        if MIN_YEAR <= year <= _TODAY.year + 1 and month <= 12:
            return _assemble(year, month, day)  # CCYYMMDD
        return _assemble(int(text[4:]), int(text[:2]), int(text[2:4]))  # MMDDCCYY
    if len(text) == 6:
        return _assemble(_century(int(text[4:])), int(text[:2]), int(text[2:4]))  # MMDDYY
    if len(text) == 4:
        return _assemble(int(text))
    return ""


def _words(text: str) -> str:
    parts = _WORDS.findall(text)
    month = next((_MONTHS[p] for p in parts if p in _MONTHS), 0)
    numbers = [int(p) for p in parts if p.isdigit() and len(p) <= 4]
    if not month or not numbers:
        return ""
    years = [n for n in numbers if n >= 100]
    days = [n for n in numbers if n < 100]
    if not years:
        return ""
    return _assemble(years[0], month, days[0] if days else 0)


def parse_date(value: object) -> str:
    """The usable part of a recorded date as ISO (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``) or ``""``."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return _assemble(value.year, value.month, value.day)
    if value is None:
        return ""
    text = str(value).strip().lower()
    if not text or len(text) > 40:
        return ""
    try:
        if text.isdigit():
            return _digits(text)
        if m := _ISO.match(text):
            return _assemble(int(m[1]), int(m[2] or 0), int(m[3] or 0))
        if m := _YMD_SLASH.match(text):
            return _assemble(int(m[1]), int(m[2]), int(m[3]))
        if m := _US_SLASH.match(text):
            year = int(m[3]) if len(m[3]) == 4 else _century(int(m[3]))
            return _assemble(year, int(m[1]), int(m[2]))
        if m := _DOTTED.match(text):
            year = int(m[3]) if len(m[3]) == 4 else _century(int(m[3]))
            return _assemble(year, int(m[2]), int(m[1]))
        if m := _MONTH_YEAR_SLASH.match(text):
            return _assemble(int(m[2]), int(m[1]))
        return _words(text)
    except (ValueError, OverflowError):
        return ""


def is_full(iso: str) -> bool:
    return len(iso) == 10


def year_of(iso: str) -> str:
    return iso[:4] if iso else ""


def swap_day_month(iso: str) -> str:
    """The same date with day and month exchanged, when that is a different valid date."""
    if not is_full(iso):
        return ""
    month, day = int(iso[5:7]), int(iso[8:10])
    if day > 12 or day == month:
        return ""
    return _assemble(int(iso[:4]), day, month)
