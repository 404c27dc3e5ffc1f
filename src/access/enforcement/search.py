"""The one door from enforcement to the person records and the matching engine.

Until ``access.records.search.Searcher`` is in main, this calls the functions the inquiries
app uses (``access.inquiries.engine``); the switch is this module alone. It answers plain
data: candidates ranked and explained as the engine explains them, plus what the records
say about citizenship and whether a date of birth or an identifier agrees with the subject
(the fields that separate a verifiable candidate from a name-only one).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from access.inquiries import engine
from access.inquiries.message import InquiryData
from access.records.models import PersonRecord

# The engine's identifier kinds for the encounter's fields (``engine.inquiry_record``).
IDENTIFIER_KINDS = {
    "a_number": "a_number",
    "fbi_number": "fbi_number",
    "state_id": "state_id",
    "operator_license": "driver_licence",
}


@dataclass
class Hit:
    record_pk: int
    band: str
    probability: float
    match_weight: float
    explanation: dict[str, Any]
    citizenship_indicator: str
    date_of_birth_agrees: bool
    identifier_agrees: bool


def _query(subject: Any, date_of_birth: str) -> InquiryData:
    return InquiryData(
        ori="",
        purpose_code="",
        reason="",
        case_number="",
        attention="",
        family_name=subject.family_name.upper(),
        given_name=subject.given_name.upper(),
        middle_name=subject.middle_name.upper(),
        date_of_birth=date_of_birth,
        sex=subject.sex,
        place_of_birth=subject.place_of_birth,
        a_number=subject.a_number,
        fbi_number=subject.fbi_number,
        state_id=subject.state_id,
        operator_license=subject.operator_license,
    )


def _norm(value: str) -> str:
    return "".join(value.split()).replace("-", "").upper()


def _agreement(subject: Any, person: PersonRecord) -> tuple[bool, bool]:
    """(a date of birth agrees, an identifier agrees) between the subject and the record."""
    given = set(subject.dates_of_birth)
    recorded = {
        f"{b.year:04d}-{b.month:02d}-{b.day:02d}"
        for b in person.birth_dates.all()
        if b.year and b.month and b.day
    }
    wanted = {
        IDENTIFIER_KINDS[field]: _norm(getattr(subject, field))
        for field in IDENTIFIER_KINDS
        if getattr(subject, field)
    }
    held = {(i.kind, _norm(i.normalized or i.value)) for i in person.identifiers.all()}
    identifier = any((kind, value) in held for kind, value in wanted.items())
    return bool(given & recorded), identifier


def candidates(subject: Any, limit: int = 10) -> tuple[list[Hit], str]:
    """Candidates for the subject of an encounter (one search per date of birth given, the
    best score of each record kept) and a note: empty, or why nothing was searched."""
    best: dict[int, engine.Found] = {}
    note = ""
    for date_of_birth in subject.dates_of_birth or [""]:
        found, note = engine.search(_query(subject, date_of_birth), limit=limit)
        for hit in found:
            kept = best.get(hit.record_pk)
            if kept is None or hit.match_weight > kept.match_weight:
                best[hit.record_pk] = hit
        if note:
            break
    ranked = sorted(best.values(), key=lambda h: -h.match_weight)[:limit]
    people = engine.with_naturalization(
        PersonRecord.objects.filter(pk__in=[h.record_pk for h in ranked])
    ).prefetch_related("birth_dates", "identifiers")
    person = {p.pk: p for p in people}
    hits = []
    for top in ranked:
        dob, identifier = _agreement(subject, person[top.record_pk])
        hits.append(
            Hit(
                record_pk=top.record_pk,
                band=top.band,
                probability=top.probability,
                match_weight=top.match_weight,
                explanation=top.explanation,
                citizenship_indicator=engine.citizenship_indicator(person[top.record_pk]),
                date_of_birth_agrees=dob,
                identifier_agrees=identifier,
            )
        )
    return hits, note


def citizenship_indicator(person: PersonRecord) -> str:
    """``record_us_birth`` / ``record_naturalized`` when the record indicates U.S. citizenship."""
    return engine.citizenship_indicator(person)
