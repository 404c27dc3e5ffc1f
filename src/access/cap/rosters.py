"""Reading a jail's roster: a CSV or XLSX file, or the API's JSON rows, mapped to the engine's
fields by the facility's saved column mapping and checked row by row.

Nothing here writes: ``read_table`` turns bytes into a header and rows (refusing a file that is
not a spreadsheet or CSV whole), ``suggest_mapping`` guesses a mapping from common jail
headers for the preview, and ``validate`` returns the parsed bookings and every row error
(``{"row", "column", "message"}``). ``actions.rosters.receive_roster`` stores them, or nothing.

Row numbers point into what was sent: in a file the header is row 1 and the first booking
row 2 (as a spreadsheet shows them); in JSON the first object is row 1. Row 0 is the file.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, TypedDict
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils import timezone

from access.agencies.publiclist.ice287g.reader import SheetError, _cell_text, _check_xlsx_bounds
from access.matching.dates import parse_date
from access.matching.schema import IDENTIFIER_PREFIX

MAX_BYTES = 10 * 1024 * 1024
# A large county jail holds a few thousand people; a file far beyond that is not a roster.
MAX_ROWS = 100_000
MAX_COLUMNS = 64
MAX_CELL_CHARS = 1_000
PREVIEW_ROWS = 10
NOT_A_ROSTER = "The file is not a spreadsheet or CSV: send the roster as .xlsx or .csv."

# The fields a roster column may map to, in the order the mapping page shows them.
FIELDS: dict[str, str] = {
    "booking_number": "Booking number",
    "family_name": "Family name (last name)",
    "given_name": "Given name (first name)",
    "middle_name": "Middle name",
    "full_name": "Full name (when the roster has one name column)",
    "date_of_birth": "Date of birth",
    "sex": "Sex",
    "place_of_birth": "Place of birth",
    "id.a_number": "A-number",
    "id.fbi_number": "FBI number",
    "id.state_id": "State ID (SID)",
    "id.fingerprint_id": "Fingerprint ID",
    "id.passport": "Passport number",
    "id.driver_licence": "Driver's licence",
    "booked_at": "Booked (date and time)",
    "release_date": "Expected release date",
}
# A roster with one name column ("DOE, JOHN A") maps ``full_name`` instead of the two names.
REQUIRED = ("booking_number", "date_of_birth")
NAME_FIELDS = ("family_name", "given_name")
DATETIME_FIELDS = ("booked_at", "release_date")

# Header names jails use, normalised (lower case, letters and digits only) -> field.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "booking_number": (
        "bookingnumber", "booking", "bookingno", "bookingnum", "bookingid", "booknum",
        "bookno", "bookingnbr", "jailnumber", "inmatenumber", "inmateid", "bookingnumber1",
    ),
    "family_name": ("lastname", "lname", "surname", "familyname", "last", "namelast"),
    "given_name": ("firstname", "fname", "givenname", "first", "namefirst"),
    "middle_name": ("middlename", "mname", "middle", "namemiddle", "middleinitial", "mi"),
    "full_name": ("name", "fullname", "inmatename", "inmate", "defendant", "defendantname"),
    "date_of_birth": ("dob", "dateofbirth", "birthdate", "birthdt", "bdate", "birthday"),
    "sex": ("sex", "gender"),
    "place_of_birth": ("placeofbirth", "pob", "birthplace", "countryofbirth", "birthcountry"),
    "id.a_number": ("anumber", "alienumber", "aliennumber", "anum", "alienregistrationnumber"),
    "id.fbi_number": ("fbi", "fbinumber", "fbino", "fbinum", "ucn"),
    "id.state_id": ("sid", "stateid", "sidnumber", "stateidnumber", "sidno"),
    "id.fingerprint_id": ("fingerprintid", "fpid", "fingerprint"),
    "id.passport": ("passport", "passportnumber", "passportno"),
    "id.driver_licence": ("dl", "dlnumber", "driverslicense", "driverlicense", "driverslicence"),
    "booked_at": ("bookingdate", "bookeddate", "bookdate", "booked", "bookingdatetime",
                  "datebooked", "arrestdate", "intakedate"),
    "release_date": ("releasedate", "release", "projectedrelease", "expectedrelease",
                     "projectedreleasedate", "releasedt", "eprd", "outdate"),
}  # fmt: skip
_HEADER_KEYS = {key: name for name, keys in _SYNONYMS.items() for key in keys}
# Magic numbers of files people send by mistake, refused before any parsing.
_NOT_TEXT = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\xd0\xcf\x11\xe0", b"\x1f\x8b")
_SEX = {"m": "M", "male": "M", "f": "F", "female": "F", "x": "X"}


class RowError(TypedDict):
    row: int
    column: str
    message: str


class RosterRefused(ValidationError):
    """The roster was refused whole; ``row_errors`` says where and why. Nothing was stored."""

    def __init__(self, message: str, row_errors: list[RowError] | None = None) -> None:
        super().__init__(message)
        self.row_errors: list[RowError] = row_errors or []

    def __str__(self) -> str:
        return str(self.message)


@dataclass
class Table:
    """What was sent, as text: ``rows[i]`` maps each header to its cell."""

    headers: list[str]
    rows: list[dict[str, str]]
    row_numbers: list[int]


@dataclass
class ParsedBooking:
    row: int
    booking_number: str
    given_name: str = ""
    middle_name: str = ""
    family_name: str = ""
    date_of_birth: str = ""
    sex: str = ""
    place_of_birth: str = ""
    identifiers: dict[str, str] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)
    booked_at: datetime | None = None
    release_date: datetime | None = None


def header_key(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


# Reading


def read_table(data: bytes) -> Table:
    """The roster file's header and rows; ``RosterRefused`` when it is not one."""
    if len(data) > MAX_BYTES:
        raise RosterRefused(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    if not data.strip():
        raise RosterRefused("The file is empty.")
    if data.startswith(b"PK\x03\x04"):
        return _table(_xlsx_rows(data))
    if data.startswith(_NOT_TEXT) or b"\x00" in data[:65536]:
        raise RosterRefused(NOT_A_ROSTER)
    return _table(_csv_rows(_decode(data)))


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Jail systems on Windows still write Latin-1; every byte decodes, so check the text.
        text = data.decode("latin-1")
    if sum(1 for c in text[:65536] if ord(c) < 32 and c not in "\r\n\t") > 0:
        raise RosterRefused(NOT_A_ROSTER)
    return text


def _csv_rows(text: str) -> list[list[str]]:
    sample = text[:16384]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows: list[list[str]] = []
    try:
        for values in csv.reader(io.StringIO(text, newline=""), dialect):
            _check_count(len(rows))
            rows.append(values)
    except csv.Error as error:
        raise RosterRefused(f"{NOT_A_ROSTER} ({error})") from error
    return rows


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        # Streams the sheet XML and stops at the first bound crossed (zip bombs, huge sheets).
        _check_xlsx_bounds(data)
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except SheetError as error:
        raise RosterRefused(f"{NOT_A_ROSTER} ({error.message})") from error
    except Exception as error:  # openpyxl raises many unrelated types for a damaged file
        raise RosterRefused(NOT_A_ROSTER) from error
    try:
        if not book.worksheets:
            raise RosterRefused("The workbook has no sheet.")
        rows: list[list[str]] = []
        for values in book.worksheets[0].iter_rows(values_only=True):
            _check_count(len(rows))
            rows.append([_cell_text(v) for v in values])
        return rows
    except RosterRefused:
        raise
    except Exception as error:
        raise RosterRefused(NOT_A_ROSTER) from error
    finally:
        book.close()


def _check_count(count: int) -> None:
    if count > MAX_ROWS:
        raise RosterRefused(f"The file has more than {MAX_ROWS:,} rows.")


def _table(raw: list[list[str]]) -> Table:
    # Skip blank lines above the header (some exports start with one).
    start = next((i for i, r in enumerate(raw) if any(str(c).strip() for c in r)), None)
    if start is None:
        raise RosterRefused("The file is empty.")
    headers = [str(h).strip() for h in raw[start]]
    while headers and not headers[-1]:
        headers.pop()
    if len(headers) > MAX_COLUMNS:
        raise RosterRefused(f"The file has more than {MAX_COLUMNS} columns.")
    seen: set[str] = set()
    for h in headers:
        if h and h in seen:
            raise RosterRefused(
                f"The column {h!r} appears twice in the header.",
                [_err(start + 1, h, "repeated column")],
            )
        seen.add(h)
    table = Table(headers=headers, rows=[], row_numbers=[])
    for index, values in enumerate(raw[start + 1 :], start=start + 2):
        if not any(str(v).strip() for v in values):
            continue
        row = {h: _cell(values[i]) if i < len(values) else "" for i, h in enumerate(headers) if h}
        table.rows.append(row)
        table.row_numbers.append(index)
    return table


def _cell(value: Any) -> str:
    text = str(value if value is not None else "").strip()
    return text[:MAX_CELL_CHARS]


def table_from_json(items: Any) -> Table:
    """The API's rows: a list of objects keyed by the roster's column names."""
    if not isinstance(items, list):
        raise RosterRefused("Send the roster as a JSON list of objects, one a booking.")
    if len(items) > MAX_ROWS:
        raise RosterRefused(f"The roster has more than {MAX_ROWS:,} rows.")
    headers: dict[str, None] = {}
    errors: list[RowError] = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            errors.append(_err(number, "", "not an object of column names and values"))
            continue
        for key, value in item.items():
            if isinstance(value, (dict, list)):
                errors.append(_err(number, str(key), "a value must be text, a number or null"))
            headers.setdefault(str(key).strip(), None)
    if errors:
        raise RosterRefused(_nothing_stored(errors), errors)
    if len(headers) > MAX_COLUMNS:
        raise RosterRefused(f"The roster has more than {MAX_COLUMNS} columns.")
    rows = [{str(k).strip(): _cell(_cell_text(v)) for k, v in item.items()} for item in items]
    return Table(headers=list(headers), rows=rows, row_numbers=list(range(1, len(rows) + 1)))


def canonical_json(items: Any) -> bytes:
    """The bytes whose hash identifies JSON rows (same rows, same hash, whatever the spacing)."""
    return json.dumps(items, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


# Mapping


def suggest_mapping(headers: Iterable[str]) -> dict[str, str]:
    """Field -> column guessed from common jail header names; each column used at most once."""
    mapping: dict[str, str] = {}
    for header in headers:
        name = _HEADER_KEYS.get(header_key(header))
        if name and name not in mapping:
            mapping[name] = header
    if "family_name" in mapping or "given_name" in mapping:
        # "Name" next to "Last Name" is more likely a label than the whole name.
        mapping.pop("full_name", None)
    return mapping


def clean_mapping(mapping: dict[str, Any]) -> dict[str, str]:
    """Only known fields (or ``id.KIND``) with a column; refuses an unknown field name."""
    cleaned: dict[str, str] = {}
    for name, column in mapping.items():
        if not (name in FIELDS or _identifier_kind(name)):
            raise RosterRefused(
                f"{name!r} is not a roster field.", [_err(0, name, "unknown field")]
            )
        if column and str(column).strip():
            cleaned[name] = str(column).strip()
    return cleaned


def _identifier_kind(name: str) -> str:
    if name.startswith(IDENTIFIER_PREFIX) and re.fullmatch(r"[a-z][a-z0-9_]{0,39}", name[3:]):
        return name[len(IDENTIFIER_PREFIX) :]
    return ""


def missing_fields(mapping: dict[str, str]) -> list[str]:
    """Required fields the mapping leaves out (names: both names, or the full name)."""
    missing = [f for f in REQUIRED if f not in mapping]
    if "full_name" not in mapping:
        missing += [f for f in NAME_FIELDS if f not in mapping]
    return missing


def missing_columns(mapping: dict[str, str], headers: Iterable[str]) -> list[str]:
    """Mapped columns the file lacks."""
    present = set(headers)
    return [column for column in mapping.values() if column not in present]


def needs_mapping(mapping: dict[str, str], headers: Iterable[str]) -> bool:
    return bool(missing_fields(mapping) or missing_columns(mapping, headers))


# Validation


def validate(
    table: Table, mapping: dict[str, str], *, tz: str = "", date_format: str = ""
) -> tuple[list[ParsedBooking], list[RowError]]:
    """Every row as a booking, and every problem. Missing required or mapped columns are one
    error each on the header row; the rows are not read until the columns are right."""
    file_errors = [
        _err(1, f, "no column is mapped to this required field") for f in missing_fields(mapping)
    ] + [_err(1, c, "missing column") for c in missing_columns(mapping, table.headers)]
    if file_errors:
        return [], file_errors
    if not table.rows:
        return [], [_err(0, "", "the roster has no bookings")]
    zone = _zone(tz)
    parsed: list[ParsedBooking] = []
    errors: list[RowError] = []
    first_row: dict[str, int] = {}
    for number, row in zip(table.row_numbers, table.rows, strict=True):
        booking = _booking(number, row, mapping, zone, date_format, errors)
        if booking.booking_number:
            if booking.booking_number in first_row:
                errors.append(
                    _err(
                        number,
                        mapping["booking_number"],
                        f"booking number repeats row {first_row[booking.booking_number]}",
                    )
                )
            first_row.setdefault(booking.booking_number, number)
        parsed.append(booking)
    return parsed, errors


def _booking(
    number: int,
    row: dict[str, str],
    mapping: dict[str, str],
    zone: ZoneInfo,
    date_format: str,
    errors: list[RowError],
) -> ParsedBooking:
    def value(name: str) -> str:
        return row.get(mapping[name], "") if name in mapping else ""

    booking = ParsedBooking(row=number, booking_number=value("booking_number")[:64])
    if not booking.booking_number:
        errors.append(_err(number, mapping["booking_number"], "empty booking number"))
    booking.family_name, booking.given_name = value("family_name"), value("given_name")
    booking.middle_name = value("middle_name")
    full_name = value("full_name")
    if full_name and not (booking.family_name or booking.given_name):
        booking.family_name, booking.given_name, middle = split_full_name(full_name)
        booking.middle_name = booking.middle_name or middle
    for name in NAME_FIELDS:
        if not getattr(booking, name):
            column = mapping.get(name) or mapping.get("full_name", name)
            errors.append(_err(number, column, f"empty {FIELDS[name].split(' (')[0].lower()}"))
    raw_dob = value("date_of_birth")
    booking.date_of_birth = _parse_date(raw_dob, date_format)
    if not raw_dob:
        errors.append(_err(number, mapping["date_of_birth"], "empty date of birth"))
    elif not booking.date_of_birth:
        errors.append(_err(number, mapping["date_of_birth"], f"not a date: {raw_dob!r}"))
    booking.sex = _SEX.get(value("sex").lower(), "")
    booking.place_of_birth = value("place_of_birth")[:100]
    for name in DATETIME_FIELDS:
        raw = value(name)
        if raw:
            moment = _parse_datetime(raw, zone, date_format)
            if moment is None:
                errors.append(_err(number, mapping[name], f"not a date: {raw!r}"))
            setattr(booking, name, moment)
    for name in mapping:
        kind = _identifier_kind(name)
        if kind and value(name):
            booking.identifiers[kind] = value(name)
    booking.fields = {
        "given_name": booking.given_name,
        "middle_name": booking.middle_name,
        "family_name": booking.family_name,
        "full_name": full_name,
        "date_of_birth": booking.date_of_birth,
        "sex": booking.sex,
        "place_of_birth": booking.place_of_birth,
        **{f"{IDENTIFIER_PREFIX}{k}": v for k, v in booking.identifiers.items()},
    }
    booking.fields = {k: v for k, v in booking.fields.items() if v}
    booking.given_name, booking.family_name = booking.given_name[:100], booking.family_name[:100]
    booking.middle_name = booking.middle_name[:100]
    return booking


def split_full_name(full: str) -> tuple[str, str, str]:
    """(family, given, middle) of "DOE, JOHN A" or "JOHN A DOE"."""
    if "," in full:
        family, _, rest = full.partition(",")
        parts = rest.split()
        return family.strip(), parts[0] if parts else "", " ".join(parts[1:])
    parts = full.split()
    if len(parts) < 2:
        return full.strip(), "", ""
    return parts[-1], parts[0], " ".join(parts[1:-1])


def _parse_date(raw: str, date_format: str) -> str:
    if date_format:
        try:
            return datetime.strptime(raw, date_format).date().isoformat()
        except ValueError:
            pass
    return parse_date(raw)


def _parse_datetime(raw: str, zone: ZoneInfo, date_format: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        moment = None
    if moment is None and ":" in raw:
        for shape in ("%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M %p", "%Y%m%d%H%M"):
            try:
                moment = datetime.strptime(raw, shape)
                break
            except ValueError:
                continue
    if moment is None:
        day = _parse_date(raw, date_format)
        if len(day) != 10:  # a release date needs the day, not just the month
            return None
        moment = datetime.combine(date.fromisoformat(day), time(0))
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=zone)
    return moment


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name) if name else ZoneInfo(timezone.get_default_timezone_name())
    except (ValueError, KeyError):
        return ZoneInfo(timezone.get_default_timezone_name())


def preview(table: Table, mapping: dict[str, str], rows: int = PREVIEW_ROWS) -> list[list[str]]:
    """The first rows as the mapping reads them, one cell a field of ``FIELDS``."""
    return [[row.get(mapping.get(f, ""), "") for f in FIELDS] for row in table.rows[:rows]]


def _err(row: int, column: str, message: str) -> RowError:
    return {"row": row, "column": column, "message": message}


def _nothing_stored(errors: list[RowError]) -> str:
    count = len(errors)
    return f"Nothing was stored: {count} problem{'s' if count != 1 else ''} in the roster."


def refuse_if(errors: list[RowError]) -> None:
    if errors:
        raise RosterRefused(_nothing_stored(errors), errors)
