"""One validated inquiry, whatever form it arrived in (Nlets text, NIEM XML, web form, API).

``InquiryData`` is plain data; ``check`` turns raw field values into it or raises
``InquiryInvalid`` with every problem keyed by field. Nothing here touches the database: that
the ORI belongs to a known agency in good standing is checked by ``actions.submit_inquiry``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from dataclasses import field as dataclass_field
from typing import Any

from access.matching import dates

PURPOSE_CODES = {"C": "Criminal justice", "F": "Firearms check"}
# Every inquiry needs a reason and a case number before any record is searched (safeguard 5),
# but a standard Nlets IAQ has no field for them: ``check(..., details_required=False)``
# accepts such a message and the inquiry waits for them (docs/inquiries.md).
DETAILS = ("reason", "case_number")
SEX_CODES = ("M", "F", "U")
MIN_BIRTH_YEAR = 1900

_ORI = re.compile(r"^[A-Z]{2}[A-Z0-9]{7}$")
_OFFENSE = re.compile(r"^\d{4}$")
_POB = re.compile(r"^[A-Z0-9]{2}$")
_CODE = re.compile(r"^[A-Z0-9-]+$")
_PRINTABLE = re.compile(r"^[\x20-\x7e]*$")
_NAME = re.compile(r"^[A-Z][A-Z' -]*$")
_NIC = re.compile(r"^[A-Z][0-9]{9}$")

# Field -> (label used in messages, maximum length).
LIMITS: dict[str, tuple[str, int]] = {
    "ori": ("ORI", 9),
    "purpose_code": ("purpose code", 1),
    "reason": ("reason", 500),
    "case_number": ("case number", 50),
    "attention": ("requesting officer", 30),
    "phone": ("call-back phone", 20),
    "family_name": ("family name", 30),
    "given_name": ("given name", 30),
    "middle_name": ("middle name", 30),
    "sex": ("sex", 1),
    "place_of_birth": ("place of birth", 2),
    "offense_code": ("offense code", 4),
    "a_number": ("A-number", 12),
    "fbi_number": ("FBI number", 9),
    "state_id": ("state identification number", 10),
    "operator_license": ("operator license number", 20),
    "secondary_recipient": ("secondary recipient", 100),
    "ncic_number": ("NCIC record number (NIC)", 10),
}


class InquiryInvalid(ValueError):
    """The message cannot become an inquiry; ``errors`` maps each field to its problems."""

    def __init__(self, errors: Mapping[str, list[str]]) -> None:
        self.errors = {k: list(v) for k, v in errors.items()}
        super().__init__(self.summary())

    def summary(self) -> str:
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in self.errors.items())


@dataclass(frozen=True)
class InquiryData:
    """An Immigration Alien Query as the system keeps it (upper-case, normalised)."""

    ori: str
    purpose_code: str
    reason: str
    case_number: str
    attention: str
    phone: str = ""
    family_name: str = ""
    given_name: str = ""
    middle_name: str = ""
    date_of_birth: str = ""  # ISO YYYY-MM-DD or ""
    sex: str = ""
    place_of_birth: str = ""
    in_custody: bool = False
    offense_code: str = "0399"
    a_number: str = ""  # 9 digits or ""
    fbi_number: str = ""
    state_id: str = ""
    operator_license: str = ""
    claims_us_citizenship: bool = False
    secondary_recipient: str = ""
    hit_confirmation: bool = False  # confirm an NCIC hit on an ICE record (10-minute target)
    ncic_number: str = ""  # the NIC of the hit record

    @property
    def name(self) -> str:
        """``LAST,FIRST MIDDLE`` as Nlets writes it."""
        given = " ".join(p for p in (self.given_name, self.middle_name) if p)
        return f"{self.family_name},{given}" if given else self.family_name

    @property
    def has_identifier(self) -> bool:
        return bool(self.a_number or self.fbi_number or self.state_id or self.operator_license)

    @property
    def missing_details(self) -> list[str]:
        """The details every inquiry needs that this one lacks (``reason``, ``case_number``)."""
        return [field for field in DETAILS if not getattr(self, field)]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Reading:
    """A readable IAQ (Nlets text or NIEM XML): the inquiry, and what it lacks
    (``warnings``: field key, naming where the message would carry it -> message)."""

    data: InquiryData
    warnings: dict[str, str] = dataclass_field(default_factory=dict)


def reading(data: InquiryData, where: Callable[[str], str]) -> Reading:
    """``data`` with a warning for each missing detail (a standard IAQ has no reason or case
    number: the inquiry is taken and LESC asks the agency for them); ``where`` names a field
    as the message's form does (``reason (RSN)``, ``reason (InquiryReasonText)``)."""
    return Reading(
        data,
        {
            where(name): f"No {LIMITS[name][0]}: LESC asks the agency for it before any search."
            for name in data.missing_details
        },
    )


def split_name(text: str) -> tuple[str, str, str]:
    """``LAST,FIRST MIDDLE`` (a space after the comma allowed) -> (family, given, middle)."""
    family, _, rest = text.partition(",")
    given, _, middle = rest.strip().partition(" ")
    return family.strip(), given.strip(), " ".join(middle.split())


def normalize_a_number(value: str) -> str:
    """``A012345678``, ``12345678``, ``A-012-345-678`` -> 9 digits; ``ValueError`` otherwise."""
    text = value.strip().upper().replace("-", "").replace(" ", "")
    text = text.removeprefix("A")
    if not text.isdigit() or not 8 <= len(text) <= 9 or int(text) == 0:
        raise ValueError("An A-number is 8 or 9 digits, optionally after an A (e.g. A012345678).")
    return text.zfill(9)


def iso_date(value: str) -> str:
    """A web/API date: any common full-date format via the engine's parser; ISO out."""
    parsed = dates.parse_date(value)
    if len(parsed) != 10:
        raise ValueError("Give the full date of birth (year, month and day), e.g. 1985-03-14.")
    return parsed


def _flag(value: Any, label: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value or "").strip().upper()
    if text in ("Y", "YES", "TRUE", "1", "ON"):
        return True
    if text in ("", "N", "NO", "FALSE", "0", "OFF"):
        return False
    raise ValueError(f"The {label} flag is Y or N, not {str(value)[:20]!r}.")


def check(
    raw: Mapping[str, Any],
    parse_dob: Callable[[str], str] = iso_date,
    *,
    details_required: bool = True,
) -> InquiryData:
    """Validate raw field values (strings, or booleans for flags) into an ``InquiryData``.

    Every problem is collected, so a sender learns all of them at once. With
    ``details_required=False`` a missing reason or case number is not an error (see
    ``missing_details``).
    """
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}

    def fail(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    for field, (label, limit) in LIMITS.items():
        text = " ".join(str(raw.get(field) or "").split()).upper()
        if not _PRINTABLE.match(text):
            fail(field, f"The {label} may hold only printable ASCII characters.")
            continue
        if len(text) > limit:
            fail(field, f"The {label} has at most {limit} characters; this one has {len(text)}.")
            continue
        values[field] = text

    required = ("ori", "purpose_code", "attention", *(DETAILS if details_required else ()))
    for field in required:
        if field in values and not values[field]:
            fail(field, f"The {LIMITS[field][0]} is required.")
    ori = values.get("ori", "")
    if ori and not _ORI.match(ori):
        fail("ori", "An ORI is 9 characters: 2 letters (the state) then 7 letters or digits.")
    purpose = values.get("purpose_code", "")
    if purpose and purpose not in PURPOSE_CODES:
        fail("purpose_code", "The purpose code is C (criminal justice) or F (firearms check).")
    for field in ("family_name", "given_name", "middle_name"):
        if values.get(field) and not _NAME.match(values[field]):
            fail(field, f"The {LIMITS[field][0]} may hold letters, spaces, hyphens, apostrophes.")
    if values.get("sex") and values["sex"] not in SEX_CODES:
        fail("sex", "Sex is M, F or U.")
    if values.get("place_of_birth") and not _POB.match(values["place_of_birth"]):
        fail("place_of_birth", "The place of birth is a 2-character NCIC code, e.g. MX.")
    offense = values.get("offense_code") or "0399"
    values["offense_code"] = offense
    if "offense_code" not in errors and not _OFFENSE.match(offense):
        fail("offense_code", "The offense code is a 4-digit NCIC code (0399 if none).")
    if values.get("a_number"):
        try:
            values["a_number"] = normalize_a_number(values["a_number"])
        except ValueError as error:
            fail("a_number", str(error))
    for field in ("fbi_number", "state_id", "operator_license"):
        if values.get(field) and not _CODE.match(values[field]):
            fail(field, f"The {LIMITS[field][0]} holds letters, digits and hyphens only.")

    dob_text = str(raw.get("date_of_birth") or "").strip()
    values["date_of_birth"] = ""
    if dob_text:
        try:
            iso = parse_dob(dob_text)
            born = dt.date.fromisoformat(iso)
        except ValueError as error:
            fail("date_of_birth", str(error))
        else:
            if born > dt.date.today() or born.year < MIN_BIRTH_YEAR:
                fail("date_of_birth", f"The date of birth {iso} is not plausible.")
            values["date_of_birth"] = iso
    flags = (
        ("in_custody", "in-custody"),
        ("claims_us_citizenship", "citizenship"),
        ("hit_confirmation", "hit confirmation"),
    )
    for field, label in flags:
        try:
            values[field] = _flag(raw.get(field), label)
        except ValueError as error:
            fail(field, str(error))

    nic = values.get("ncic_number", "")
    if nic and not _NIC.match(nic):
        fail("ncic_number", "An NCIC record number (NIC) is a letter then 9 digits.")
    if values.get("hit_confirmation") and not nic and "ncic_number" not in errors:
        fail("ncic_number", "A hit confirmation names the NCIC record number (NIC) of the hit.")
    has_name = bool(values.get("family_name") and values.get("given_name"))
    has_id = any(values.get(f) for f in ("a_number", "fbi_number", "state_id", "operator_license"))
    named = has_name and values["date_of_birth"]
    if not has_id and not named and not (errors.get("date_of_birth") or errors.get("family_name")):
        fail(
            "subject",
            "Identify the subject by name (family and given) and date of birth, "
            "or by an identifier (A-number, FBI number, state ID, operator license).",
        )
    if values.get("family_name") == "" and (values.get("given_name") or values.get("middle_name")):
        fail("family_name", "A given name needs a family name.")
    if errors:
        raise InquiryInvalid(errors)
    return InquiryData(**{k: v for k, v in values.items() if k in _FIELDS})


_FIELDS = set(InquiryData.__dataclass_fields__)
