"""The legacy Nlets text IAQ: ``IAQ.<ORI>.AX.TXT.TAG/value.TAG/value.`` in and out.

Field order is free. Besides the Nlets tags, ACCESS reads some of its own: ``RSN`` reason,
``CAS`` case number, ``CTZ`` the subject claims U.S. citizenship (Y/N), ``SRN`` secondary
recipient, and for a confirmation of an NCIC hit on an ICE record ``HIT/Y`` with ``NIC`` (the
hit's NCIC record number). A standard IAQ has no ``RSN``/``CAS``: ``read`` accepts it with a
warning for each, LESC asks the agency for them with an administrative message
(``format_details_request``) and the agency's reply (``ADM.<ORI>.AX.TXT.IAQ/n.RSN/..CAS/..``)
is read by ``parse_details``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from access.inquiries.message import (
    LIMITS,
    InquiryData,
    InquiryInvalid,
    Reading,
    check,
    reading,
    split_name,
)

MAX_LENGTH = 2_000
DESTINATION = "AX"
TAGS: dict[str, str] = {
    "PUR": "purpose_code",
    "ATN": "attention",
    "PHN": "phone",
    "NAM": "name",
    "DOB": "date_of_birth",
    "SEX": "sex",
    "POB": "place_of_birth",
    "CUS": "in_custody",
    "OFF": "offense_code",
    "ARN": "a_number",
    "FBI": "fbi_number",
    "SID": "state_id",
    "OLN": "operator_license",
    "RSN": "reason",
    "CAS": "case_number",
    "CTZ": "claims_us_citizenship",
    "SRN": "secondary_recipient",
    "HIT": "hit_confirmation",
    "NIC": "ncic_number",
}
TAG_OF = {name: tag for tag, name in TAGS.items()}
REPLY_TAGS = {"IAQ": "inquiry (IAQ)", "RSN": "reason (RSN)", "CAS": "case_number (CAS)"}
NAMES = {"IAQ": "An inquiry", "ADM": "An administrative message"}


def text_dob(value: str) -> str:
    """``MMDDYY`` or ``CCYYMMDD`` -> ISO; ``ValueError`` with a plain message otherwise."""
    text = value.strip()
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError("DOB: the date of birth is MMDDYY or CCYYMMDD.")
    if len(text) == 8:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:])
    else:
        month, day, yy = int(text[:2]), int(text[2:4]), int(text[4:])
        this_year = dt.date.today().year % 100
        year = (2000 if yy <= this_year else 1900) + yy
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise ValueError(f"DOB: {text} is not a calendar date.") from None


def _fail(field: str, message: str) -> InquiryInvalid:
    return InquiryInvalid({field: [message]})


def _fields(message: object, kind: str) -> tuple[str, list[tuple[str, str]]]:
    """``<KIND>.<ORI>.AX.TXT.TAG/value.`` -> (ORI, [(TAG, value)]), or ``InquiryInvalid``."""
    if not isinstance(message, str):
        raise _fail("message", "The message must be text.")
    text = message.strip()
    if not text:
        raise _fail("message", "The message is empty.")
    if len(text) > MAX_LENGTH:
        raise _fail("message", f"The message is longer than {MAX_LENGTH} characters.")
    if not text.isascii() or any(ord(c) < 32 for c in text):
        raise _fail("message", "The message may hold only printable ASCII characters.")
    if not text.endswith("."):
        raise _fail("message", "Every field ends with '.'; the message does not.")
    parts = text[:-1].split(".")
    if parts[0].upper() != kind:
        raise _fail("message", f"{NAMES[kind]} starts with '{kind}.'.")
    if len(parts) < 4:
        raise _fail("message", f"The header is {kind}.<ORI>.AX.TXT.")
    ori = parts[1].strip().upper()
    try:
        txt = next(i for i, p in enumerate(parts[2:5], start=2) if p.strip().upper() == "TXT")
    except StopIteration:
        raise _fail("message", f"The header is {kind}.<ORI>.AX.TXT. ('TXT' is missing).") from None
    if txt == 2 or not parts[2].strip().upper().startswith(DESTINATION):
        raise _fail("destination", "The destination is AX (the LESC).")
    found: list[tuple[str, str]] = []
    for part in parts[txt + 1 :]:
        tag, slash, value = part.partition("/")
        tag = tag.strip().upper()
        if not slash:
            shown = part[:20] or "(empty)"
            raise _fail("message", f"Each field is TAG/value.; found {shown!r}.")
        found.append((tag, value))
    return ori, found


def read(message: str) -> Reading:
    """One text IAQ -> ``Reading``, or ``InquiryInvalid`` naming the field.

    A standard Nlets IAQ has no reason or case-number field: a message without ``RSN`` or
    ``CAS`` is read, and each missing item is a warning; the inquiry then waits for them.
    """
    ori, found = _fields(message, "IAQ")
    raw: dict[str, object] = {"ori": ori}
    seen: set[str] = set()
    for tag, value in found:
        if tag not in TAGS:
            raise _fail("message", f"Unknown field tag {tag[:10]!r}.")
        if tag in seen:
            raise _fail(_tagged(TAGS[tag]), f"{tag} appears twice.")
        seen.add(tag)
        if tag == "NAM":
            if "," not in value:
                raise _fail("name (NAM)", "The name is LAST,FIRST MIDDLE.")
            raw["family_name"], raw["given_name"], raw["middle_name"] = split_name(value)
        else:
            raw[TAGS[tag]] = value
    try:
        data = check(raw, parse_dob=text_dob, details_required=False)
    except InquiryInvalid as error:
        raise InquiryInvalid(
            {_tagged(field): msgs for field, msgs in error.errors.items()}
        ) from None
    return reading(data, _tagged)


def parse(message: str) -> InquiryData:
    """One text IAQ -> ``InquiryData`` (reason and case number possibly empty: see ``read``)."""
    return read(message).data


@dataclass(frozen=True)
class DetailsReply:
    """An agency's answer to LESC's request for an inquiry's reason and case number."""

    ori: str
    inquiry_id: int
    reason: str
    case_number: str


def parse_details(message: str) -> DetailsReply:
    """``ADM.<ORI>.AX.TXT.IAQ/<inquiry number>.RSN/<reason>.CAS/<case number>.`` (the reply
    that LESC's request asks for) -> ``DetailsReply``, or ``InquiryInvalid`` naming the field."""
    ori, found = _fields(message, "ADM")
    values: dict[str, str] = {}
    errors: dict[str, list[str]] = {}
    for tag, value in found:
        if tag not in REPLY_TAGS:
            raise _fail("message", f"A reply holds IAQ/, RSN/ and CAS/ only; found {tag[:10]!r}.")
        if tag in values:
            raise _fail(REPLY_TAGS[tag], f"{tag} appears twice.")
        values[tag] = " ".join(value.split()).upper()
    number = values.get("IAQ", "")
    if not number.isdigit() or not 0 < int(number) < 2**31:
        errors[REPLY_TAGS["IAQ"]] = ["Name the inquiry number LESC gave (IAQ/<number>)."]
    for tag in ("RSN", "CAS"):
        label, limit = LIMITS[TAGS[tag]]
        if not values.get(tag):
            errors.setdefault(REPLY_TAGS[tag], []).append(f"The {label} is required.")
        elif len(values[tag]) > limit:
            errors.setdefault(REPLY_TAGS[tag], []).append(
                f"The {label} has at most {limit} characters."
            )
    if errors:
        raise InquiryInvalid(errors)
    return DetailsReply(ori, int(number), values["RSN"], values["CAS"])


def is_details_reply(message: str) -> bool:
    return message.lstrip()[:4].upper() == "ADM."


def format_details_request(inquiry_id: int, ori: str, attention: str, missing: list[str]) -> str:
    """LESC's administrative message asking the agency for the missing details of inquiry
    ``inquiry_id`` (``missing``: field names), and how to reply."""
    tags = " ".join(TAG_OF[name] for name in missing)
    labels = " and ".join(f"a {LIMITS[name][0]}" for name in missing)
    fields = [
        ("ATN", attention),
        ("IAQ", str(inquiry_id)),
        ("MIS", tags),
        (
            "NAR",
            f"LESC received inquiry {inquiry_id} without {labels} and holds it, unsearched, "
            f"until they arrive. Reply ADM/{ori}/AX/TXT with IAQ/{inquiry_id} RSN/reason "
            "CAS/case number, or call the LESC.",
        ),
    ]
    body = "".join(f"{tag}/{_clean(value).upper()}." for tag, value in fields if _clean(value))
    return f"ADM.{ori}.TXT.{body}"


def _tagged(field: str) -> str:
    """Errors name the field and, where it has one, its tag: ``date_of_birth (DOB)``."""
    if field in ("family_name", "given_name", "middle_name"):
        return f"{field} (NAM)"
    tag = TAG_OF.get(field)
    return f"{field} ({tag})" if tag else field


def _clean(value: str) -> str:
    """Text fields cannot carry the field terminator; '.' becomes a space."""
    return " ".join(value.replace(".", " ").split())


def format_iaq(data: InquiryData) -> str:
    """``InquiryData`` -> the canonical text IAQ (DOB as CCYYMMDD, A-number as 9 digits)."""
    fields: list[tuple[str, str]] = [
        ("PUR", data.purpose_code),
        ("ATN", data.attention),
        ("PHN", data.phone),
        ("NAM", data.name if data.family_name else ""),
        ("DOB", data.date_of_birth.replace("-", "")),
        ("SEX", data.sex),
        ("POB", data.place_of_birth),
        ("CUS", "Y" if data.in_custody else "N"),
        ("OFF", data.offense_code),
        ("ARN", data.a_number),
        ("FBI", data.fbi_number),
        ("SID", data.state_id),
        ("OLN", data.operator_license),
        ("RSN", data.reason),
        ("CAS", data.case_number),
        ("CTZ", "Y" if data.claims_us_citizenship else "N"),
        ("SRN", data.secondary_recipient),
        ("HIT", "Y" if data.hit_confirmation else ""),
        ("NIC", data.ncic_number),
    ]
    body = "".join(f"{tag}/{_clean(value)}." for tag, value in fields if _clean(value))
    return f"IAQ.{data.ori}.{DESTINATION}.TXT.{body}"


__all__ = [
    "LIMITS",
    "TAGS",
    "DetailsReply",
    "Reading",
    "format_details_request",
    "format_iaq",
    "parse",
    "parse_details",
    "read",
    "text_dob",
]
