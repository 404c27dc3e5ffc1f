"""From a removable interview outcome to the enforcement encounter a detainer is issued on.

A CAP officer who verified a booked person's record, interviewed them and found them amenable
to removal records the encounter (``record_encounter``): an identified encounter at the
facility, by the CAP officer, with the verified record and the fields checked carried over,
linked from the candidate. The encounter is made by enforcement's own action
(``access.enforcement.identified.record_identified``), which applies the authority check;
a refusal there changes nothing here either (one transaction). The detainer itself is then
issued on detention's page for that encounter.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from access.audit import events
from access.audit.events import audited
from access.cap.actions.queue import Refused, _in_custody, _require, agreement
from access.cap.actions.queue import citizenship_indicator as indicator_of
from access.cap.choices import BookingStatus, InterviewOutcome, InterviewStatus, ReviewStatus
from access.cap.events import Event
from access.cap.models import Booking, Interview, Roster, ScreeningCandidate
from access.detention import actions as detention
from access.detention.choices import DetainerStatus
from access.detention.models import Detainer
from access.enforcement.choices import Function, Origin
from access.enforcement.identified import IdentifiedInput, record_identified
from access.enforcement.models import Encounter
from access.inquiries.citizenship import SupervisorDecision
from access.inquiries.message import normalize_a_number

V = ReviewStatus
# Field widths of the encounter's identifiers: a longer value from a jail is not one of them.
MAX_LENGTH = {"fbi_number": 9, "state_id": 10}


def removable_interview(candidate: ScreeningCandidate) -> Interview | None:
    """The candidate's latest held interview, when its outcome is amenable to removal."""
    latest = (
        candidate.interviews.filter(status=InterviewStatus.HELD).order_by("-held_at", "-pk").first()
    )
    return latest if latest is not None and latest.outcome == InterviewOutcome.REMOVABLE else None


def may_record(candidate: ScreeningCandidate) -> bool:
    """The page offers the step: referred, removable outcome, no encounter yet."""
    return (
        candidate.status == V.REFERRED
        and candidate.encounter_id is None
        and removable_interview(candidate) is not None
    )


def _reasons(candidate: ScreeningCandidate) -> list[str]:
    reasons = []
    if candidate.encounter_id is not None:
        reasons.append(f"Encounter #{candidate.encounter_id} is already recorded for this person.")
    if candidate.status == V.STOPPED or (
        candidate.supervisor_decision == SupervisorDecision.CITIZEN
    ):
        reasons.append(
            "A citizenship stop is on this candidate: only a supervisor's decision lets the "
            "work continue."
        )
    elif indicator_of(candidate) and (
        candidate.supervisor_decision != SupervisorDecision.NOT_ESTABLISHED
    ):
        reasons.append(
            "The record indicates U.S. citizenship and no supervisor has decided it: no "
            "encounter is recorded."
        )
    elif candidate.status != V.REFERRED:
        reasons.append("Only a verified person referred for interview has an encounter recorded.")
    if removable_interview(candidate) is None:
        reasons.append('Record the interview first: its outcome must be "amenable to removal".')
    return reasons


def _subject(booking: Booking) -> dict[str, Any]:
    """The booked person as the jail described them, in the encounter's fields: values that
    do not fit a field (a partial date of birth, a country named in words) are left out."""
    ids = booking.identifiers or {}
    a_number = str(ids.get("a_number", "")).strip()
    try:
        a_number = normalize_a_number(a_number) if a_number else ""
    except ValueError:
        a_number = ""
    born = booking.date_of_birth
    place = booking.place_of_birth.strip().upper()
    subject: dict[str, Any] = {
        "family_name": booking.family_name,
        "given_name": booking.given_name,
        "middle_name": booking.middle_name,
        "dates_of_birth": [born] if re.fullmatch(r"\d{4}-\d{2}-\d{2}", born) else [],
        "sex": booking.sex if booking.sex in ("M", "F", "X") else "",
        "place_of_birth": place if re.fullmatch(r"[A-Z]{2}", place) else "",
        "a_number": a_number,
    }
    for kind, width in MAX_LENGTH.items():
        value = str(ids.get(kind, "")).strip()
        subject[kind] = value if len(value) <= width else ""
    return subject


@audited
def record_encounter(actor: Any, candidate: ScreeningCandidate) -> Encounter:
    """Record the enforcement encounter for a removable interview outcome, and link it."""
    _require(actor, "cap.review_screeningcandidate", candidate)
    candidate = ScreeningCandidate.objects.select_for_update().get(pk=candidate.pk)
    reasons = _reasons(candidate)
    if reasons:
        raise Refused(reasons)
    _in_custody(candidate, "encounters are recorded")
    interview = removable_interview(candidate)
    booking = candidate.booking
    if interview is None or interview.held_at is None:  # _reasons refused it already
        raise Refused("Record the interview first.")
    dob, ident = agreement(candidate)
    data = IdentifiedInput(
        facility=booking.facility.facility,
        occurred_at=interview.held_at,
        function=Function.INTERVIEW,
        origin=Origin.JAIL_REFERRAL,
        record_pk=candidate.record_id,
        probability=candidate.probability,
        band=candidate.band,
        explanation=candidate.explanation,
        fields_checked=list(candidate.fields_checked),
        verified_by=candidate.reviewed_by or actor,
        date_of_birth_agrees=dob,
        identifier_agrees=ident,
        priority_level=str(booking.priority_level or ""),
        notes=f"CAP interview #{interview.pk} at booking {booking.booking_number}.",
        verification_notes=candidate.reason,
        **_subject(booking),
    )
    encounter = record_identified(actor, data)
    before = events.snapshot(candidate, ["encounter_id"])
    candidate.encounter = encounter
    candidate.save(update_fields=["encounter", "updated_at"])
    events.record(
        Event.RECORD_ENCOUNTER,
        obj=candidate,
        before=before,
        after=events.snapshot(candidate, ["encounter_id"]),
        details={
            "encounter": encounter.pk,
            "interview": interview.pk,
            "booking": booking.pk,
        },
    )
    return encounter


def start_clocks(actor: Any, roster: Roster) -> list[int]:
    """A roster that shows a person released starts the hold clock of the detainer issued on
    their CAP encounter and still waiting for a release time (detention's ``record_release``,
    at the roster's snapshot time). A release detention refuses (before the encounter) or the
    actor may not record is left for an officer to record; the roster is kept either way."""
    waiting = Detainer.objects.filter(
        status=DetainerStatus.ISSUED,
        release_at__isnull=True,
        encounter__cap_candidate__booking__facility=roster.facility,
        encounter__cap_candidate__booking__status=BookingStatus.RELEASED,
        encounter__cap_candidate__booking__released_at=roster.as_of,
    )
    started = []
    for detainer in waiting.order_by("pk"):
        try:
            with transaction.atomic():
                detention.record_release(actor, detainer, roster.as_of)
        except (ValidationError, PermissionDenied):
            continue
        started.append(detainer.pk)
    return started


def expected_release(encounter: Encounter) -> Any:
    """The release time the jail's rosters give for an encounter CAP recorded (detention's
    issue page offers it): the release seen on a roster, or the expected one."""
    candidate = (
        ScreeningCandidate.objects.filter(encounter=encounter).select_related("booking").first()
    )
    if candidate is None:
        return None
    return candidate.booking.released_at or candidate.booking.release_date
