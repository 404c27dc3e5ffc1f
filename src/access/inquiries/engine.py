"""The inquiries app's service over the matching engine: a ``Matcher`` over the stored records.

``records/engine.py`` offers keys and normalisation but no trained model, so this module:

- builds an in-memory ``matching.store.Store`` from every ``PersonRecord`` (rebuilt when the
  store changes: count, highest id, last update);
- loads the trained model from ``settings.INQUIRIES_MODEL_PATH`` (default
  ``var/inquiries-model.json``), or trains one on the store with ``matching.model.train`` the
  first time and writes that file;
- searches one inquiry and returns candidates with the stored record's primary key.

Keeping the whole store in memory suits the synthetic stores of development and test (a
100k-record store is about a minute to build); a production store would query the
``CandidateKey`` index instead. Delete the model file to retrain after a large load.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Max

from access.inquiries.message import InquiryData
from access.matching import model as trained_model
from access.matching.explain import Explanation
from access.matching.schema import Record
from access.matching.search import Matcher
from access.matching.store import Store
from access.records.choices import Citizenship, ImmigrationEventKind
from access.records.models import PersonRecord

MIN_RECORDS_TO_TRAIN = 50
_lock = threading.Lock()
_cache: dict[str, Any] = {"fingerprint": None, "matcher": None, "pks": {}}


@dataclass
class Found:
    record_pk: int
    band: str
    probability: float
    match_weight: float
    explanation: dict[str, Any]


def model_path() -> Path:
    default = Path(settings.VAR_DIR) / "inquiries-model.json"
    return Path(getattr(settings, "INQUIRIES_MODEL_PATH", default))


def inquiry_record(data: InquiryData, record_id: str = "inquiry") -> Record:
    identifiers = {
        kind: value
        for kind, value in (
            ("a_number", data.a_number),
            ("fbi_number", data.fbi_number),
            ("state_id", data.state_id),
            ("driver_licence", data.operator_license),
        )
        if value
    }
    return Record(
        record_id=record_id,
        given_name=data.given_name,
        middle_name=data.middle_name,
        family_names=tuple(data.family_name.split()) if data.family_name else (),
        dates_of_birth=(data.date_of_birth,) if data.date_of_birth else (),
        sex=data.sex if data.sex in ("M", "F") else "",
        country_of_birth=data.place_of_birth,
        identifiers=identifiers,
    )


def stored_record(person: PersonRecord) -> Record:
    address = next(iter(person.addresses.all()), None)
    return Record(
        record_id=person.record_id,
        given_name=person.given_name,
        middle_name=person.middle_name,
        family_names=tuple(person.family_names or ()),
        full_name=person.full_name,
        aliases=tuple(person.aliases or ()),
        dates_of_birth=tuple(b.recorded for b in person.birth_dates.all()),
        sex=person.sex,
        country_of_birth=person.country_of_birth,
        place_of_birth=person.place_of_birth,
        identifiers={i.kind: i.value for i in person.identifiers.all()},
        street=address.street if address else "",
        city=address.city if address else "",
        postcode=address.postcode if address else "",
        state=address.state if address else "",
    )


def citizenship_indicator(person: PersonRecord) -> str:
    """``record_us_birth`` / ``record_naturalized`` when the record indicates U.S. citizenship."""
    if (
        person.citizenship == Citizenship.NATURALIZED
        or person.immigration_events.filter(kind=ImmigrationEventKind.NATURALIZATION).exists()
    ):
        return "record_naturalized"
    if person.citizenship == Citizenship.US_BORN or person.country_of_birth.upper() == "US":
        return "record_us_birth"
    return ""


def _fingerprint() -> tuple[Any, ...]:
    agg = PersonRecord.objects.aggregate(top=Max("pk"), changed=Max("updated_at"))
    return (PersonRecord.objects.count(), agg["top"], agg["changed"])


def _build() -> tuple[Matcher | None, dict[str, int]]:
    people = PersonRecord.objects.prefetch_related("birth_dates", "identifiers", "addresses")
    records, pks = [], {}
    for person in people.iterator(chunk_size=2_000):
        records.append(stored_record(person))
        pks[person.record_id] = person.pk
    if not records:
        return None, pks
    store = Store.build(records)
    path = model_path()
    if path.exists():
        found = trained_model.Model.load(path)
    elif len(records) < MIN_RECORDS_TO_TRAIN:
        return None, pks
    else:
        found = trained_model.train(store.table())
        path.parent.mkdir(parents=True, exist_ok=True)
        found.save(path)
    return Matcher(found, store), pks


def matcher() -> tuple[Matcher | None, dict[str, int]]:
    """The current matcher (``None`` when the store is empty or too small to train on)."""
    with _lock:
        fingerprint = _fingerprint()
        if _cache["fingerprint"] != fingerprint:
            _cache["matcher"], _cache["pks"] = _build()
            _cache["fingerprint"] = fingerprint
        return _cache["matcher"], _cache["pks"]


def reset() -> None:
    with _lock:
        _cache.update(fingerprint=None, matcher=None, pks={})


def explanation_json(why: Explanation) -> dict[str, Any]:
    return {
        "fields": {
            name: {"level": str(v["level"]), "weight": round(float(v["weight"]), 4)}  # type: ignore[arg-type]
            for name, v in why.fields.items()
        },
        "notes": list(why.notes),
        "conflict": why.conflict,
    }


def search(data: InquiryData, limit: int = 10) -> tuple[list[Found], str]:
    """Candidates for one inquiry and a note (empty, or why there was no search)."""
    current, pks = matcher()
    if current is None:
        return [], "No candidate search: the record store is empty or too small for a model."
    found = []
    for candidate in current.search(inquiry_record(data), limit=limit):
        pk = pks.get(candidate.record_id)
        if pk is None:
            continue
        found.append(
            Found(
                record_pk=pk,
                band=candidate.band,
                probability=round(candidate.match_probability, 6),
                match_weight=round(candidate.match_weight, 4),
                explanation=explanation_json(candidate.explanation),
            )
        )
    return found, ""
