"""How values read on screen: one date/time format, field names as labels, stored values as
words. Loaded as a template builtin (settings.TEMPLATES), so every template uses the same."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

register = template.Library()

# Times are shown in UTC to the minute ("2026-12-03 06:40"); the audit trail, where the order
# of events within a minute matters, to the second. Never microseconds.
MINUTES, SECONDS = "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"

# Field names whose plain capitalisation reads wrongly.
LABELS = {
    "dob": "Date of birth",
    "date_of_birth": "Date of birth",
    "ori": "ORI",
    "fbi_number": "FBI number",
    "ncic_number": "NCIC number",
    "a_number": "A-number",
    "ssn": "SSN",
    "id": "Id",
    "ip": "IP address",
    "url": "URL",
    "pdf": "PDF",
    "county_fips": "County FIPS code",
}


@register.filter
def when(value: Any, precision: str = "minutes") -> str:
    """A date and time as ``YYYY-MM-DD HH:MM`` in UTC (``:SS`` with ``"seconds"``); a date as
    ``YYYY-MM-DD``; ISO text (as stored in JSON) is read first; empty for nothing."""
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        parsed: Any = parse_datetime(value) or parse_date(value)
        if parsed is None:
            return value
        value = parsed
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(dt.UTC)
        return value.strftime(SECONDS if precision == "seconds" else MINUTES)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@register.filter
def field_label(name: str) -> str:
    """``given_name`` -> "Given name"; ``agency_id`` -> "Agency"; known abbreviations kept."""
    name = str(name)
    if name in LABELS:
        return LABELS[name]
    if name.endswith("_id") and len(name) > 3:
        name = name[:-3]
    words = name.replace("-", "_").split("_")
    text = " ".join(LABELS.get(w, w) if w in ("ori", "ssn", "pdf", "url") else w for w in words)
    return text[:1].upper() + text[1:]


@register.filter
def readable(value: Any) -> str:
    """A stored (JSON) value as words: yes/no, "—" for nothing, lists comma-separated,
    timestamps in the one format; a mapping as ``label: value`` pairs."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dict):
        return "; ".join(f"{field_label(k)}: {readable(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(readable(v) for v in value)
    if isinstance(value, str) and len(value) >= 16 and value[4:5] == "-" and value[10:11] in "T ":
        return when(value, "seconds")
    return str(value)
