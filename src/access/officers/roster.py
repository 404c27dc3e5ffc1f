"""Bulk nomination from a roster file (CSV or XLSX): every row is checked first; if any row
is wrong nothing is saved and the report names each row and field."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from access.audit import events
from access.audit.events import audited
from access.officers import actions
from access.officers.events import Event
from access.officers.models import Officer

MAX_BYTES = 2 * 1024 * 1024
# Column header -> field. Headers are matched without regard to case or surrounding spaces.
COLUMNS: dict[str, str] = {
    "first_name": "first_name",
    "last_name": "last_name",
    "badge_number": "badge_number",
    "position": "position",
    "hired_on": "hired_on",
    "citizenship_attested": "citizenship_attested",
    "agency_check_on": "agency_check_on",
    "agency_check_result": "agency_check_result",
    "disciplinary_history": "disciplinary_history",
    "excessive_force_allegations": "excessive_force_allegations",
    "discrimination_allegations": "discrimination_allegations",
}
REQUIRED = [c for c in COLUMNS if c != "disciplinary_history"]
DATES = ("hired_on", "agency_check_on")
FLAGS = ("citizenship_attested", "excessive_force_allegations", "discrimination_allegations")
YES, NO = {"yes", "y", "true", "1", "x"}, {"no", "n", "false", "0", ""}


@dataclass(frozen=True)
class RowError:
    row: int  # the spreadsheet row number (the header is row 1); 0 for the whole file
    field: str
    message: str


class RosterRefused(ValidationError):
    def __init__(self, message: str, problems: list[RowError]) -> None:
        super().__init__(message)
        self.problems = problems

    def __str__(self) -> str:
        return str(self.message)


def read_rows(upload: Any) -> list[dict[str, Any]]:
    """The file's rows as ``{header: value}``; raises RosterRefused for an unreadable file."""
    name = getattr(upload, "name", "") or ""
    content = upload.read()
    if len(content) > MAX_BYTES:
        raise RosterRefused("The roster file is larger than 2 MB.", [])
    if name.lower().endswith(".xlsx"):
        return _xlsx_rows(content)
    if name.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise RosterRefused("The CSV file is not UTF-8 text.", []) from error
        reader = csv.reader(io.StringIO(text))
        return _as_dicts(list(reader))
    raise RosterRefused("Upload a .csv or .xlsx file.", [])


def _xlsx_rows(content: bytes) -> list[dict[str, Any]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise RosterRefused("The XLSX file cannot be read.", []) from error
    sheet = book.worksheets[0]
    return _as_dicts([list(row) for row in sheet.iter_rows(values_only=True)])


def _as_dicts(table: list[list[Any]]) -> list[dict[str, Any]]:
    if not table:
        raise RosterRefused("The roster file is empty.", [])
    header = [str(h or "").strip().lower() for h in table[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise RosterRefused(
            "The roster file lacks required columns.",
            [RowError(1, c, "missing column") for c in missing],
        )
    rows = []
    for values in table[1:]:
        if all(v in (None, "") for v in values):
            continue
        rows.append({h: (values[i] if i < len(values) else None) for i, h in enumerate(header)})
    if not rows:
        raise RosterRefused("The roster file has no officers.", [])
    return rows


def _parse(row: dict[str, Any], number: int, problems: list[RowError]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for column, field in COLUMNS.items():
        value = row.get(column)
        if field in DATES:
            if isinstance(value, date):
                data[field] = value if not hasattr(value, "date") else value.date()
                continue
            try:
                data[field] = date.fromisoformat(str(value or "").strip())
            except ValueError:
                problems.append(RowError(number, column, f"not a date (YYYY-MM-DD): {value!r}"))
        elif field in FLAGS:
            text = str(value if value is not None else "").strip().lower()
            if text in YES:
                data[field] = True
            elif text in NO:
                data[field] = False
            else:
                problems.append(RowError(number, column, f"answer yes or no, not {value!r}"))
        else:
            data[field] = str(value if value is not None else "").strip()
            if column in REQUIRED and not data[field]:
                problems.append(RowError(number, column, "required"))
    data["agency_check_result"] = str(data.get("agency_check_result", "")).lower()
    return data


@audited
def nominate_roster(actor: Any, agreement: Any, upload: Any, *, reason: str) -> list[Officer]:
    """Nominate every officer of the file under ``agreement``, or none."""
    actions._require(actor, None, "add", agreement.agency_id)
    reason = actions._reason(reason, "Nominate from a roster")
    rows = read_rows(upload)
    problems: list[RowError] = []
    today = timezone.localdate()
    parsed = []
    badges: dict[str, int] = {}
    for index, row in enumerate(rows, start=2):
        before = len(problems)
        data = _parse(row, index, problems)
        badge = data.get("badge_number", "")
        if badge in badges:
            problems.append(RowError(index, "badge_number", f"repeats row {badges[badge]}"))
        badges.setdefault(badge, index)
        if len(problems) == before:
            try:
                actions.check_nomination(agreement, data, today, adding=0)
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    if field != "agreement":
                        problems.extend(RowError(index, field, m) for m in messages)
        parsed.append(data)
    try:
        actions.check_nomination(agreement, {"citizenship_attested": True}, today, adding=len(rows))
    except ValidationError as error:
        problems.extend(
            RowError(0, "agreement", m) for m in error.message_dict.get("agreement", [])
        )
    if problems:
        raise RosterRefused(
            f"Nothing was saved: {len(problems)} problems in the roster file.", problems
        )
    officers = [
        actions.nominate(actor, agreement=agreement, reason=reason, **data) for data in parsed
    ]
    events.record(
        Event.BULK_NOMINATE,
        obj=agreement,
        details={
            "reason": reason,
            "file": getattr(upload, "name", ""),
            "officers": [o.pk for o in officers],
        },
    )
    return officers
