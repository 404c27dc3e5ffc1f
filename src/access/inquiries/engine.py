"""The inquiries app's side of the matching engine: an inquiry as the engine's ``Record``, the
front door's answer as stored candidates (``Found``), and the citizenship indicators.

Candidates come from ``access.records.search`` (the one front door: the active model, the
online store or the database index); nothing here reads records' tables or keeps a cache.
With no active model the answer carries ``NO_MODEL_NOTE`` and ``actions`` queues the inquiry
for ``tasks.prepare_matching_model``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from access.inquiries.message import InquiryData
from access.matching.explain import Explanation
from access.matching.schema import Record
from access.records import search as records_search
from access.records.choices import Citizenship, ImmigrationEventKind
from access.records.models import ImmigrationEvent, PersonRecord
from access.records.search import EMPTY_NOTE, NO_INDEX_NOTE, NO_MODEL_NOTE

__all__ = [
    "EMPTY_NOTE",
    "NO_INDEX_NOTE",
    "NO_MODEL_NOTE",
    "Found",
    "citizenship_indicator",
    "explanation_json",
    "inquiry_record",
    "search",
    "with_naturalization",
]


@dataclass
class Found:
    record_pk: int
    band: str
    probability: float
    match_weight: float
    explanation: dict[str, Any]


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


def with_naturalization(people: QuerySet[PersonRecord]) -> QuerySet[PersonRecord]:
    """``people`` annotated with ``naturalized`` (a naturalization event), in the same query."""
    return people.annotate(
        naturalized=Exists(
            ImmigrationEvent.objects.filter(
                record=OuterRef("pk"), kind=ImmigrationEventKind.NATURALIZATION
            )
        )
    )


def citizenship_indicator(person: PersonRecord) -> str:
    """``record_us_birth`` / ``record_naturalized`` when the record indicates U.S. citizenship.

    A ``person`` from ``with_naturalization`` answers without another query."""
    naturalized = getattr(person, "naturalized", None)
    if naturalized is None:
        naturalized = person.immigration_events.filter(
            kind=ImmigrationEventKind.NATURALIZATION
        ).exists()
    if person.citizenship == Citizenship.NATURALIZED or naturalized:
        return "record_naturalized"
    if person.citizenship == Citizenship.US_BORN or person.country_of_birth.upper() == "US":
        return "record_us_birth"
    return ""


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
    """Candidates for one inquiry and a note (empty, or why there was no search), from the
    front door (``records.search``)."""
    answer = records_search.search(inquiry_record(data), limit)
    found = [
        Found(
            record_pk=int(candidate.record_id),
            band=candidate.band,
            probability=round(candidate.match_probability, 6),
            match_weight=round(candidate.match_weight, 4),
            explanation=explanation_json(candidate.explanation),
        )
        for candidate in answer.candidates
    ]
    return found, answer.note
