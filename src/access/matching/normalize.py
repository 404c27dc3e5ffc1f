"""From a ``Record`` to the flat, normalised features both evaluators compare.

Everything fuzzy about a person record (transliteration, particles, nicknames, name order,
date formats, identifier spelling) is settled here, once, in Python. Splink (SQL) and the
in-process evaluator then compare the same feature values with the same simple rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from access.matching import dates, names
from access.matching.schema import Record

# Feature columns: scalar strings (None when unknown) and lists of strings (None when empty).
SCALAR_FEATURES = (
    "given",
    "given_ph",
    "family",
    "family_first",
    "family_ph",
    "dob",
    "dob_swapped",
    "dob_year",
    "sex",
    "pob",
    "city",
    "postcode",
    "a_number",
)
LIST_FEATURES = ("given_variants", "family_tokens", "name_tokens", "dobs", "ids", "id_kinds")
FEATURE_COLUMNS = ("unique_id", *SCALAR_FEATURES, *LIST_FEATURES)

_DIGITS = re.compile(r"\D+")
_ALNUM = re.compile(r"[^A-Z0-9]+")
_SEX = {"m": "M", "male": "M", "h": "M", "f": "F", "female": "F", "w": "F", "x": "X"}


def normalize_identifier(kind: str, value: object) -> str:
    """Canonical spelling of an identifier, ``""`` when unusable. A-numbers become 9 digits."""
    text = str(value or "").strip().upper()
    if kind == "a_number":
        digits = _DIGITS.sub("", text)
        if not digits or len(digits) > 9 or int(digits) == 0:
            return ""
        return digits.zfill(9)
    if kind == "ssn":
        digits = _DIGITS.sub("", text)
        return digits if len(digits) == 9 and digits != "000000000" else ""
    return _ALNUM.sub("", text)


def normalize_sex(value: str) -> str:
    return _SEX.get(names.fold(value), "")


def _none(value: str) -> str | None:
    return value or None


def _list(values: Iterable[str]) -> list[str] | None:
    out = sorted({v for v in values if v})
    return out or None


def name_parts(record: Record) -> tuple[str, str, list[str]]:
    """(given, middle, family tokens) from the structured fields, else from the full name."""
    given_tokens = names.tokens(record.given_name)
    family: list[str] = []
    for surname in record.family_names:
        family.extend(names.surname_tokens(surname))
    if not given_tokens and not family and record.full_name:
        return names.parse_full_name(record.full_name)
    middle = " ".join(given_tokens[1:] + names.tokens(record.middle_name))
    return (given_tokens[0] if given_tokens else ""), middle, family


def features(record: Record) -> dict[str, Any]:
    """The feature row of one record (keys: ``FEATURE_COLUMNS``)."""
    given, middle, family = name_parts(record)
    name_tokens = [given, *middle.split(), *family, *names.tokens(record.full_name)]
    for alias in record.aliases:
        name_tokens.extend(names.tokens(alias))
    dobs = [d for d in (dates.parse_date(v) for v in record.dates_of_birth) if d]
    dob = dobs[0] if dobs else ""
    ids = {(kind, normalize_identifier(kind, value)) for kind, value in record.identifiers.items()}
    ids = {(k, v) for k, v in ids if v}
    return {
        "unique_id": str(record.record_id),
        "given": _none(given),
        "given_ph": _none(names.phonetic(given)),
        "family": _none(" ".join(family)),
        "family_first": _none(family[0] if family else ""),
        "family_ph": _none("_".join(names.phonetic(t) for t in family)),
        "dob": _none(dob),
        "dob_swapped": _none(dates.swap_day_month(dob)),
        "dob_year": _none(dates.year_of(dob)),
        "sex": _none(normalize_sex(record.sex)),
        "pob": _none(names.fold(record.place_of_birth or record.country_of_birth)),
        "city": _none(names.fold(record.city)),
        "postcode": _none(_ALNUM.sub("", record.postcode.upper())[:5]),
        "a_number": _none(dict(ids).get("a_number", "")),
        "given_variants": _list(names.name_variants(given)),
        "family_tokens": _list(family),
        "name_tokens": _list(name_tokens),
        "dobs": _list(dobs),
        "ids": _list(f"{k}:{v}" for k, v in ids),
        "id_kinds": _list(k for k, _ in ids),
    }


def record_from_mapping(row: Mapping[str, Any], record_id: str) -> Record:
    """A ``Record`` from a row keyed by canonical field names (``given_name``, ``id.a_number``...).

    List fields (``family_name``, ``date_of_birth``, ``aliases``) may hold ``|``-joined values.
    """

    def text(name: str) -> str:
        value = row.get(name)
        return "" if value is None else str(value).strip()

    identifiers = {
        key[3:]: text(key) for key in row if key.startswith("id.") and len(key) > 3 and text(key)
    }
    return Record(
        record_id=str(record_id),
        given_name=text("given_name"),
        middle_name=text("middle_name"),
        family_names=tuple(p for p in text("family_name").split("|") if p.strip()),
        full_name=text("full_name"),
        aliases=tuple(p for p in text("aliases").split("|") if p.strip()),
        dates_of_birth=tuple(p for p in text("date_of_birth").split("|") if p.strip()),
        sex=text("sex"),
        country_of_birth=text("country_of_birth"),
        place_of_birth=text("place_of_birth"),
        identifiers=identifiers,
        street=text("street"),
        city=text("city"),
        postcode=text("postcode"),
        state=text("state"),
    )
