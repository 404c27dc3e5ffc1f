"""Agency case registers: the cases an agency's inquiries may name (misuse rule "no matching
agency case"). Cases are added one by one or from a CSV file (all or nothing, with a report
of every bad row) and closed, never deleted. Each operation is audited.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from access.audit import events
from access.audit.events import actor_display_name, audited
from access.inquiries.events import Event
from access.inquiries.models import AgencyCase, normalize_case_number

MAX_BYTES = 1024 * 1024
MAX_ROWS = 5000
COLUMNS = ("case_number", "opened_on", "closed_on", "description")
REQUIRED_COLUMNS = ("case_number", "opened_on")


class NotAllowed(ValidationError):
    """Refused; nothing changed."""


@dataclass(frozen=True)
class RowError:
    row: int  # the line in the file (the header is line 1)
    field: str
    message: str

    def __str__(self) -> str:
        return f"Line {self.row}, {self.field}: {self.message}"


class ImportRefused(Exception):
    """The file was refused as a whole; ``errors`` names each bad row and field."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} problem(s); nothing was imported.")
        self.errors = errors


def can(actor: Any, action: str, agency_id: int | None) -> bool:
    """Whether the actor holds ``inquiries.<action>_agencycase`` for this agency."""
    scope = actor.grant_scope(f"inquiries.{action}_agencycase")
    return scope == "all" or (
        scope == "agency" and agency_id is not None and actor.agency_id == agency_id
    )


def _require(actor: Any, action: str, agency_id: int | None) -> None:
    if not can(actor, action, agency_id):
        raise Http404("Not found")


def _snapshot(case: AgencyCase) -> dict[str, Any]:
    return events.snapshot(
        case, ["agency_id", "case_number", "opened_on", "closed_on", "description"]
    )


def _check(
    number: str, opened_on: date | None, closed_on: date | None, description: str
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not number:
        problems["case_number"] = "Enter the case number."
    elif len(number) > 50:
        problems["case_number"] = "A case number has at most 50 characters."
    today = timezone.localdate()
    if opened_on is None:
        problems["opened_on"] = "Enter the date the case was opened (YYYY-MM-DD)."
    elif opened_on > today:
        problems["opened_on"] = f"A case cannot be opened in the future (today is {today})."
    if closed_on and closed_on > today:
        problems["closed_on"] = f"A case cannot be closed in the future (today is {today})."
    if opened_on and closed_on and closed_on < opened_on:
        problems["closed_on"] = "A case cannot close before it opened."
    if len(description) > 300:
        problems["description"] = "A description has at most 300 characters."
    return problems


@audited
def add_case(
    actor: Any,
    *,
    agency: Any,
    case_number: str,
    opened_on: date,
    description: str = "",
) -> AgencyCase:
    _require(actor, "add", agency.pk)
    number = normalize_case_number(case_number)
    problems = _check(number, opened_on, None, description.strip())
    if problems:
        raise NotAllowed(problems)
    if AgencyCase.objects.filter(agency=agency, case_number=number).exists():
        raise NotAllowed({"case_number": f"Case {number} is already in the register."})
    case = AgencyCase(
        agency=agency,
        case_number=number,
        opened_on=opened_on,
        description=description.strip(),
        created_by_name=actor_display_name(actor),
    )
    case.save()
    events.record(Event.CASE_CREATE, obj=case, after=_snapshot(case))
    return case


@audited
def close_case(actor: Any, case: AgencyCase, *, closed_on: date) -> None:
    _require(actor, "change", case.agency_id)
    if case.closed_on is not None:
        raise NotAllowed("The case is already closed.")
    if closed_on < case.opened_on:
        raise NotAllowed({"closed_on": "A case cannot close before it opened."})
    if closed_on > timezone.localdate():
        raise NotAllowed({"closed_on": "A case cannot be closed in the future."})
    before = _snapshot(case)
    case.closed_on = closed_on
    case.save()
    events.record(Event.CASE_CLOSE, obj=case, before=before, after=_snapshot(case))


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        return None


def read_csv(content: bytes) -> list[dict[str, Any]]:
    """The rows of a case file, or ``ImportRefused`` naming every bad line and field.

    UTF-8 (a byte-order mark is fine), a header row with ``case_number`` and ``opened_on``
    (``closed_on`` and ``description`` optional), ISO dates. Nothing is evaluated: a value is
    only ever text or a date.
    """
    if len(content) > MAX_BYTES:
        raise ImportRefused([RowError(0, "file", "The file is larger than 1 MB.")])
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused([RowError(0, "file", "The file is not UTF-8 text.")]) from None
    if "\x00" in text:
        raise ImportRefused([RowError(0, "file", "The file is not a CSV text file.")])
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except (StopIteration, csv.Error):
        raise ImportRefused([RowError(1, "header", "The file is empty.")]) from None
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    unknown = [h for h in header if h not in COLUMNS]
    if missing or unknown:
        message = "; ".join(
            [f"missing column {c}" for c in missing] + [f"unknown column {c!r}" for c in unknown]
        )
        raise ImportRefused([RowError(1, "header", message + f" (columns: {', '.join(COLUMNS)}).")])
    rows: list[dict[str, Any]] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    try:
        for line, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                errors.append(
                    RowError(line, "row", f"{len(values)} values for {len(header)} columns.")
                )
                continue
            raw = dict(zip(header, values, strict=True))
            number = normalize_case_number(raw["case_number"])
            opened, closed = _date(raw["opened_on"]), _date(raw.get("closed_on", ""))
            description = raw.get("description", "").strip()
            problems = _check(number, opened, closed, description)
            if raw.get("closed_on", "").strip() and closed is None:
                problems["closed_on"] = "Write the date as YYYY-MM-DD."
            if raw["opened_on"].strip() and opened is None:
                problems["opened_on"] = "Write the date as YYYY-MM-DD."
            if number and number in seen:
                problems["case_number"] = f"Case {number} is also on line {seen[number]}."
            seen.setdefault(number, line)
            errors.extend(RowError(line, f, m) for f, m in problems.items())
            rows.append(
                {
                    "line": line,
                    "case_number": number,
                    "opened_on": opened,
                    "closed_on": closed,
                    "description": description,
                }
            )
            if len(rows) > MAX_ROWS:
                raise ImportRefused([RowError(line, "file", f"More than {MAX_ROWS} cases.")])
    except csv.Error as error:
        errors.append(RowError(reader.line_num, "row", f"Unreadable CSV: {error}."))
    if errors:
        raise ImportRefused(errors)
    if not rows:
        raise ImportRefused([RowError(2, "file", "The file has no cases.")])
    return rows


@audited
def import_cases(actor: Any, *, agency: Any, content: bytes, filename: str) -> list[AgencyCase]:
    """Add every case of a CSV file to the agency's register, or none (``ImportRefused``)."""
    _require(actor, "add", agency.pk)
    rows = read_csv(content)
    existing = set(
        AgencyCase.objects.filter(
            agency=agency, case_number__in=[r["case_number"] for r in rows]
        ).values_list("case_number", flat=True)
    )
    clashes = [
        RowError(r["line"], "case_number", f"Case {r['case_number']} is already in the register.")
        for r in rows
        if r["case_number"] in existing
    ]
    if clashes:
        raise ImportRefused(clashes)
    name = actor_display_name(actor)
    created = []
    for r in rows:
        case = AgencyCase(
            agency=agency,
            case_number=r["case_number"],
            opened_on=r["opened_on"],
            closed_on=r["closed_on"],
            description=r["description"],
            created_by_name=name,
        )
        case.save()
        created.append(case)
    events.record(
        Event.CASE_IMPORT,
        obj=agency,
        details={
            "file": filename[:200],
            "sha256": hashlib.sha256(content).hexdigest(),
            "cases": len(created),
            "case_numbers": [c.case_number for c in created],
        },
    )
    return created
