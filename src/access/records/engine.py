"""The one place this app calls the matching engine (``access.matching``).

Keys and identifier normalisation come from the engine, so the stored index and the engine's
queries agree. Loaders take the key function as an argument (tests pass a simple one);
``default_key_function`` resolves the engine's ``keys_for``.
"""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from access.matching.schema import Record

KeyFunction = Callable[[Record], set[str]]

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_NON_DIGITS = re.compile(r"\D+")
_NON_ALNUM = re.compile(r"[^A-Z0-9]+")


def default_key_function() -> KeyFunction:
    from access.matching.keys import keys_for

    return keys_for


def key_function_name(function: KeyFunction) -> str:
    return f"{getattr(function, '__module__', '?')}.{getattr(function, '__qualname__', '?')}"


def normalize_identifier(kind: str, value: str) -> str:
    """Comparable form: the engine's rule when it has one (A-number: 9 digits)."""
    try:
        from access.matching.normalize import normalize_identifier as engine_rule
    except ImportError:  # the engine is optional for storing records
        return _local_normalize(kind, value)
    return engine_rule(kind, value)


def _local_normalize(kind: str, value: str) -> str:
    text = (value or "").strip().upper()
    if kind in ("a_number", "ssn"):
        digits = _NON_DIGITS.sub("", text)
        if kind == "a_number":
            return digits.zfill(9) if digits and len(digits) <= 9 and int(digits) else ""
        return digits if len(digits) == 9 else ""
    return _NON_ALNUM.sub("", text)


def date_parts(recorded: str) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of a recorded date; ``None`` for the parts it does not give."""
    text = (recorded or "").strip()
    match = _ISO.match(text)
    if not match:
        try:
            from access.matching.dates import parse_date
        except ImportError:
            return None, None, None
        match = _ISO.match(parse_date(text))
        if not match:
            return None, None, None
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is not None and not 1 <= month <= 12:
        return year, None, None
    if day is not None and not 1 <= day <= 31:
        return year, month, None
    return year, month, day


def basic_keys(record: Record) -> set[str]:
    """A small stand-in key function (identifiers; surname + birth year) for tests."""
    keys = {
        f"id:{kind}:{normalize_identifier(kind, value)}"
        for kind, value in record.identifiers.items()
        if normalize_identifier(kind, value)
    }
    surname = record.family_names[0].upper() if record.family_names else ""
    for dob in record.dates_of_birth:
        if surname and dob[:4].isdigit():
            keys.add(f"fy:{surname}:{dob[:4]}")
    return keys


def record_of(
    person: Any,
    dates_of_birth: Sequence[str],
    identifiers: Mapping[str, str],
    address: Sequence[str] | None,
) -> Record:
    """The engine's ``Record`` of a stored person (a ``PersonRecord``) from its child values:
    dates as recorded (in position order), identifiers as recorded, the first address
    (street, city, postcode, state). The loader and ``reindex`` both derive keys and features
    from this, so they agree with what the store holds."""
    street, city, postcode, state = tuple(address) if address else ("", "", "", "")
    return Record(
        record_id=person.record_id,
        given_name=person.given_name,
        middle_name=person.middle_name,
        family_names=tuple(person.family_names or ()),
        full_name=person.full_name,
        aliases=tuple(person.aliases or ()),
        dates_of_birth=tuple(dates_of_birth),
        sex=person.sex,
        country_of_birth=person.country_of_birth,
        place_of_birth=person.place_of_birth,
        identifiers=dict(identifiers),
        street=street,
        city=city,
        postcode=postcode,
        state=state,
    )


def stored_record(person: Any) -> Record:
    """``record_of`` a ``PersonRecord`` read back (prefetch ``birth_dates``, ``identifiers``
    and ``addresses`` when reading many)."""
    address = next(iter(person.addresses.all()), None)
    return record_of(
        person,
        [b.recorded for b in person.birth_dates.all()],
        {i.kind: i.value for i in person.identifiers.all()},
        (address.street, address.city, address.postcode, address.state) if address else None,
    )


def feature_row(record: Record) -> dict[str, Any]:
    """The engine's feature row of a record (``access.matching.normalize.features``)."""
    from access.matching.normalize import features

    return features(record)


def parsed_rows(fetched: Sequence[tuple[int, Any]]) -> list[tuple[int, dict[str, Any]]]:
    """(record pk, feature row) from (pk, stored ``FeatureRow.row``) as a database cursor
    returns them: JSON text (one parse for the lot: per-row ``json.loads`` costs more in calls
    than in parsing) or already decoded."""
    # Thousands of small dicts and lists: the cyclic garbage collector would re-scan the heap
    # many times over for objects that hold no cycles. Paused only around the parse, and
    # resumed only by the thread that paused it.
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        if fetched and all(isinstance(value, str) for _pk, value in fetched):
            parsed = json.loads("[" + ",".join(value for _pk, value in fetched) + "]")
            return [(pk, row) for (pk, _value), row in zip(fetched, parsed, strict=True)]
        return [(pk, parsed_row(value)) for pk, value in fetched]
    finally:
        if paused:
            gc.enable()


def parsed_row(value: Any) -> dict[str, Any]:
    return json.loads(value) if isinstance(value, (str, bytes)) else dict(value)
