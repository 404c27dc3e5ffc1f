"""Data-quality findings on ICE's rows. Findings describe; values are never altered or dropped.

Whitespace oddities (trailing spaces, NBSP) are not findings: they are only trimmed for
comparison. Findings are:

* ``signed_not_a_date``: SIGNED cannot be read as a date ("05/082025", "7/72025");
* ``signed_implausible_year``: a readable date before 2000 or after next year (5025-07-07);
* ``signed_missing``: the list has a SIGNED column but this row leaves it empty;
* ``unknown_state``: STATE is no U.S. state or territory ("UTAHJ");
* ``duplicate_row``: the same agency and support type more than once in one file.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from .columns import AGENCY, SIGNED, STATE, SUPPORT_TYPE
from .matching import row_key
from .normalize import clean, state_code

MIN_PLAUSIBLE_YEAR = 2000
# ISO from Excel date cells (see reader), and US month/day/year as typed in CSV files.
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{2}:\d{2}(?::\d{2})?)?$")
_US = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})$")


@dataclass(frozen=True)
class Finding:
    code: str
    field: str
    value: str  # exactly as published
    message: str


def parse_signed(value: str) -> date | None:
    """The date a SIGNED value denotes, or None when it is not a calendar date."""
    text = clean(value)
    iso, us = _ISO.match(text), _US.match(text)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if us:
            year = int(us[3]) + (2000 if len(us[3]) == 2 else 0)
            return date(year, int(us[1]), int(us[2]))
    except ValueError:
        return None
    return None


def check_row(values: Mapping[str, str], *, today: date | None = None) -> list[Finding]:
    """Findings about one row on its own (duplicates need the whole file: `check_rows`)."""
    findings: list[Finding] = []
    state = values.get(STATE)
    if state is not None and clean(state) and state_code(state) is None:
        findings.append(
            Finding("unknown_state", STATE, state, f"{clean(state)!r} is not a U.S. state")
        )
    if SIGNED in values:
        findings += _signed_findings(values[SIGNED], today or datetime.now(UTC).date())
    return findings


def _signed_findings(signed: str, today: date) -> list[Finding]:
    if not clean(signed):
        return [Finding("signed_missing", SIGNED, signed, "no signed date")]
    parsed = parse_signed(signed)
    if parsed is None:
        message = f"signed value {clean(signed)!r} is not a date"
        return [Finding("signed_not_a_date", SIGNED, signed, message)]
    if not MIN_PLAUSIBLE_YEAR <= parsed.year <= today.year + 1:
        message = f"signed year {parsed.year} is implausible"
        return [Finding("signed_implausible_year", SIGNED, signed, message)]
    return []


def check_rows(
    columns: Sequence[str], rows: Sequence[Sequence[str]], *, today: date | None = None
) -> list[list[Finding]]:
    """Findings for every row of one file, in row order (one list per row)."""
    records = [dict(zip(columns, row, strict=True)) for row in rows]
    counts = Counter(row_key(r) for r in records)
    result: list[list[Finding]] = []
    for record in records:
        findings = check_row(record, today=today)
        times = counts[row_key(record)]
        if times > 1:
            agency, support = clean(record.get(AGENCY)), clean(record.get(SUPPORT_TYPE))
            message = f"{agency} under {support} is listed {times} times in this file"
            findings.append(Finding("duplicate_row", AGENCY, record.get(AGENCY, ""), message))
        result.append(findings)
    return result
