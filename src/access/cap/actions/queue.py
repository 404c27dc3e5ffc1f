"""The CAP officer's work on screening candidates: view (logged), verify or reject with the
fields checked, refer for interview, schedule and record interviews; and the supervisor's
decision on a citizenship stop.

Each operation checks the actor's grant over the row itself (a CAP officer: only the
facilities their team covers; 404 otherwise), refuses bad input or a step not allowed now
with a ``Refused`` naming why and changes nothing then, moves the state, and writes its audit
event in the same transaction.

Safeguards (DOMAIN.md section 6): a name match alone never identifies (``name_only``); a
record indicating U.S. citizenship, or a claim at interview, stops the candidate for an ICE
supervisor (``access.inquiries.citizenship``, the rule inquiries and enforcement share).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone

from access.audit import events
from access.audit.events import audited
from access.audit.models import AuditEvent
from access.cap.choices import (
    BookingStatus,
    InterviewMode,
    InterviewOutcome,
    InterviewStatus,
    ReviewStatus,
)
from access.cap.events import Event
from access.cap.models import Booking, Interview, Roster, ScreeningCandidate
from access.enforcement import search as enforcement_search
from access.enforcement.choices import CheckedField
from access.inquiries.citizenship import StopReason, SupervisorDecision, stop_reasons
from access.matching.model import COMPARISONS
from access.matching.rules import DATE_OF_BIRTH_AGREES, IDENTIFIER_AGREES, NAME_ALONE

V = ReviewStatus
# A clock a few minutes fast on the officer's device is not a time in the future.
FUTURE_TOLERANCE = timedelta(minutes=5)
# Fields a reviewer may name that establish identity beyond the name (enforcement's list).
BEYOND_NAME = [f for f in CheckedField.values() if f != CheckedField.NAME]
# Candidates the CAP officer still has work on: review, or refer once verified or cleared.
OPEN_FOR_WORK = (V.PENDING, V.VERIFIED, V.CLEARED)


class Refused(ValidationError):
    """Bad input or a step not allowed now; nothing was changed."""


def may(actor: Any, permission: str, obj: models.Model) -> bool:
    """The actor holds ``permission`` over ``obj``: scope ``all``, or ``team`` and the row's
    facility is covered by one of the actor's CAP teams (what ``restrict`` filters on)."""
    scope = actor.grant_scope(permission)
    if scope == "all":
        return True
    if scope == "team" and getattr(actor, "pk", None) is not None:
        lookup = type(obj).team_scope  # type: ignore[attr-defined]
        return bool(type(obj)._base_manager.filter(pk=obj.pk, **{lookup: actor.pk}).exists())
    return False


def _require(actor: Any, permission: str, obj: models.Model) -> None:
    """404 (another team's facility, or no grant) unless ``may``."""
    if not may(actor, permission, obj):
        raise Http404("Not found")


# The explanation stores each comparison's level by its label (``inquiries.engine``'s
# ``explanation_json``); the safety rules name levels by stable keys. Both are accepted.
def _agreeing(where: tuple[str, tuple[str, ...]]) -> set[str]:
    name, keys = where
    for comparison in COMPARISONS:
        if comparison.name == name:
            return {lv.label for lv in comparison.levels if lv.key in keys} | set(keys)
    return set(keys)  # pragma: no cover - the rules name existing comparisons


_DOB_AGREES = _agreeing(DATE_OF_BIRTH_AGREES)
_ID_AGREES = _agreeing(IDENTIFIER_AGREES)


def agreement(candidate: ScreeningCandidate) -> tuple[bool, bool]:
    """(a date of birth agrees, an identifier agrees), read from the stored explanation: the
    comparison levels the engine found, or explicit flags when screening stored them."""
    explanation = candidate.explanation or {}
    fields = explanation.get("fields") or {}

    def level(name: str) -> str:
        entry = fields.get(name) or {}
        return str(entry.get("level", "")) if isinstance(entry, dict) else ""

    dob = level("date_of_birth") in _DOB_AGREES or explanation.get("date_of_birth_agrees") is True
    ident = level("identifiers") in _ID_AGREES or explanation.get("identifier_agrees") is True
    return dob, ident


def name_only(candidate: ScreeningCandidate) -> bool:
    """Neither a date of birth nor an identifier agrees (or the engine capped the pair for
    that reason): a name match that can never be verified as the booked person."""
    if NAME_ALONE in (candidate.explanation or {}).get("notes", []):
        return True
    dob, ident = agreement(candidate)
    return not (dob or ident)


def citizenship_indicator(candidate: ScreeningCandidate) -> str:
    """``record_us_birth`` / ``record_naturalized`` when the candidate's record indicates U.S.
    citizenship, as enforcement reads it; "" otherwise."""
    return enforcement_search.citizenship_indicator(candidate.record)


def has_viewed(actor: Any, candidate: ScreeningCandidate) -> bool:
    return AuditEvent.objects.filter(
        action=Event.VIEW_CANDIDATE,
        actor_id=actor.pk,
        object_type=ScreeningCandidate._meta.label_lower,
        object_id=str(candidate.pk),
    ).exists()


def _in_custody(candidate: ScreeningCandidate, what: str) -> None:
    if candidate.booking.status != BookingStatus.IN_CUSTODY:
        raise Refused(
            f"The booked person was released on {candidate.booking.released_at:%Y-%m-%d}: "
            f"{what} only while they are held."
            if candidate.booking.released_at
            else f"The booked person is no longer held: {what} only while they are held."
        )


def _stop(candidate: ScreeningCandidate, reasons: list[str]) -> None:
    """Stop for a supervisor: a new stop awaits a new decision (earlier ones are in the trail)."""
    candidate.stop_for_citizenship()
    candidate.stop_reasons = stop_reasons(
        claimed=False, indicators=[*candidate.stop_reasons, *reasons]
    )
    candidate.supervisor_decision = ""
    candidate.supervisor_notes = ""
    candidate.decided_by = None
    candidate.decided_at = None


def _record_stop(candidate: ScreeningCandidate, before: dict[str, Any], step: str) -> None:
    events.record(
        Event.STOP,
        obj=candidate,
        before=before,
        after=events.snapshot(candidate, ["status", "stop_reasons"]),
        details={"reasons": candidate.stop_reasons, "step": step, "booking": candidate.booking_id},
    )


@audited
def view_candidate(actor: Any, candidate: ScreeningCandidate, *, form: str = "web") -> None:
    """Opening a candidate shows a booked person beside a person record: logged (``web`` or
    ``api``). It is also the comparison a reviewer must open before verifying."""
    _require(actor, "cap.view_screeningcandidate", candidate)
    events.record(
        Event.VIEW_CANDIDATE,
        obj=candidate,
        details={
            "booking": candidate.booking_id,
            "record": candidate.record.record_id,
            "form": form,
        },
    )


@audited
def view_booking(actor: Any, booking: Booking, *, form: str = "web") -> None:
    """Opening a booking shows a booked person and the records screening found: logged."""
    _require(actor, "cap.view_booking", booking)
    events.record(
        Event.VIEW_BOOKING,
        obj=booking,
        details={"facility": booking.facility_id, "form": form},
    )


@audited
def view_results(actor: Any, roster: Roster, *, bookings: list[int], form: str = "web") -> None:
    """A page of a roster's results lists booked people: logged with the bookings shown."""
    _require(actor, "cap.view_roster", roster)
    events.record(
        Event.VIEW_RESULTS,
        obj=roster,
        details={"bookings": bookings, "form": form},
    )


@audited
def export_results(actor: Any, *, rows: int, fmt: str, filters: dict[str, str]) -> None:
    """Downloading the queue (the rows the actor may see) is recorded like any export."""
    if actor.grant_scope("cap.export_screeningcandidate") is None:
        raise Http404("Not found")
    events.record(
        Event.EXPORT,
        object_type=ScreeningCandidate._meta.label_lower,
        object_repr=f"CAP referral queue: {rows} rows",
        details={"format": fmt, "filters": filters, "rows": rows},
    )


def _check_fields(fields_checked: list[str]) -> list[str]:
    unknown = [f for f in fields_checked if f not in CheckedField.values()]
    if unknown:
        raise Refused({"fields_checked": [f"Unknown field {u!r}." for u in unknown]})
    if not any(f in BEYOND_NAME for f in fields_checked):
        raise Refused(
            {
                "fields_checked": [
                    "Name what you checked beyond the name (date of birth, an identifier, "
                    "fingerprints, photograph or an identity document)."
                ]
            }
        )
    return list(dict.fromkeys(fields_checked))


def verifiable(candidate: ScreeningCandidate) -> bool:
    """Awaiting review, or cleared by a supervisor before anyone verified it."""
    return candidate.status == V.PENDING or (
        candidate.status == V.CLEARED and not candidate.fields_checked
    )


@audited
def verify(
    actor: Any, candidate: ScreeningCandidate, *, fields_checked: list[str], notes: str = ""
) -> ScreeningCandidate:
    """A CAP officer verifies that the record is the booked person, naming the fields checked.

    Refused for a name-only match, for names alone checked, and before the officer opened the
    comparison. A record indicating U.S. citizenship stops the candidate for a supervisor
    instead (unless a supervisor already found citizenship not established)."""
    _require(actor, "cap.review_screeningcandidate", candidate)
    if not verifiable(candidate):
        raise Refused(
            f"A candidate that is {V.label(candidate.status).lower()} cannot be verified."
        )
    if name_only(candidate):
        raise Refused(
            "A name-only match can never be verified: neither a date of birth nor an "
            "identifier of this record agrees with the booking."
        )
    fields = _check_fields(fields_checked)
    if not has_viewed(actor, candidate):
        raise Refused("Open the side-by-side comparison of this record before verifying it.")
    before = events.snapshot(candidate, ["status"])
    candidate.fields_checked = fields
    candidate.reviewed_by, candidate.reviewed_at = actor, timezone.now()
    candidate.reason = notes.strip()
    indicator = citizenship_indicator(candidate)
    decided = candidate.supervisor_decision == SupervisorDecision.NOT_ESTABLISHED
    if indicator and not decided:
        _stop(candidate, [indicator])
        candidate.save()
        _record_stop(candidate, before, "verification")
        return candidate
    candidate.verify()
    candidate.save()
    events.record(
        Event.VERIFY,
        obj=candidate,
        before=before,
        after=events.snapshot(candidate, ["status"]),
        details={"booking": candidate.booking_id, "fields_checked": fields},
    )
    return candidate


@audited
def reject(actor: Any, candidate: ScreeningCandidate, reason: str) -> ScreeningCandidate:
    """The record is not the booked person (the reason says why)."""
    _require(actor, "cap.review_screeningcandidate", candidate)
    if candidate.status != V.PENDING:
        raise Refused(
            f"A candidate that is {V.label(candidate.status).lower()} cannot be rejected."
        )
    if not reason.strip():
        raise Refused({"reason": ["Say why this record is not the booked person."]})
    before = events.snapshot(candidate, ["status"])
    candidate.reject()
    candidate.reason = reason.strip()
    candidate.reviewed_by, candidate.reviewed_at = actor, timezone.now()
    candidate.save()
    events.record(
        Event.REJECT,
        obj=candidate,
        before=before,
        after=events.snapshot(candidate, ["status"]),
        details={"booking": candidate.booking_id},
    )
    return candidate


def awaiting_decision(candidate: ScreeningCandidate) -> bool:
    return candidate.status == V.STOPPED and not candidate.supervisor_decision


@audited
def decide_stop(
    actor: Any, candidate: ScreeningCandidate, decision: str, reason: str
) -> ScreeningCandidate:
    """An ICE supervisor decides a citizenship stop. Citizenship not established: the
    candidate is cleared and the CAP officer may go on. U.S. citizenship indicated: it stays
    stopped for good (no referral, no interview); the stop and the decision stay as data."""
    _require(actor, "cap.decide_screeningcandidate", candidate)
    if not awaiting_decision(candidate):
        raise Refused("Only a candidate stopped for citizenship awaits a supervisor's decision.")
    if decision not in SupervisorDecision.values():
        raise Refused({"decision": ["Choose a decision."]})
    if not reason.strip():
        raise Refused({"reason": ["Give the reasons for the decision."]})
    before = events.snapshot(candidate, ["status", "supervisor_decision"])
    if decision == SupervisorDecision.NOT_ESTABLISHED:
        candidate.clear()
    candidate.supervisor_decision, candidate.supervisor_notes = decision, reason.strip()
    candidate.decided_by, candidate.decided_at = actor, timezone.now()
    candidate.save()
    events.record(
        Event.DECIDE_STOP,
        obj=candidate,
        before=before,
        after=events.snapshot(candidate, ["status", "supervisor_decision"]),
        details={"decision": decision, "booking": candidate.booking_id},
    )
    return candidate


def referable(candidate: ScreeningCandidate) -> bool:
    """Verified, or cleared by a supervisor after a verification."""
    return candidate.status == V.VERIFIED or (
        candidate.status == V.CLEARED and bool(candidate.fields_checked)
    )


@audited
def refer(actor: Any, candidate: ScreeningCandidate) -> ScreeningCandidate:
    """Refer the verified booked person for an interview."""
    _require(actor, "cap.review_screeningcandidate", candidate)
    if not referable(candidate):
        raise Refused(
            "Only a verified candidate (or one a supervisor cleared after its verification) "
            "is referred for interview."
        )
    _in_custody(candidate, "referrals are made")
    before = events.snapshot(candidate, ["status"])
    candidate.refer()
    candidate.save()
    events.record(
        Event.REFER,
        obj=candidate,
        before=before,
        after=events.snapshot(candidate, ["status"]),
        details={"booking": candidate.booking_id},
    )
    return candidate


def _aware(when: datetime) -> datetime:
    return timezone.make_aware(when) if timezone.is_naive(when) else when


@audited
def schedule_interview(
    actor: Any,
    candidate: ScreeningCandidate,
    *,
    mode: str,
    scheduled_for: datetime,
    interpreter_language: str = "",
) -> Interview:
    """Schedule the referred person's interview, in a way the facility allows, by the actor."""
    _require(actor, "cap.add_interview", candidate)
    if candidate.status != V.REFERRED:
        raise Refused("Only a person referred for interview can be scheduled for one.")
    _in_custody(candidate, "interviews are scheduled")
    if candidate.interviews.filter(status=InterviewStatus.SCHEDULED).exists():
        raise Refused("An interview is already scheduled: record its outcome first.")
    facility = candidate.booking.facility
    errors: dict[str, list[str]] = {}
    if mode not in InterviewMode.values():
        errors.setdefault("mode", []).append("Choose how the interview is held.")
    elif mode not in facility.remote_modes:
        allowed = ", ".join(InterviewMode.label(m).lower() for m in facility.remote_modes)
        errors.setdefault("mode", []).append(
            f"{facility} allows interviews {allowed} only "
            f"({facility.get_remote_interviews_display().lower()})."
        )
    when = _aware(scheduled_for)
    if when < timezone.now() - FUTURE_TOLERANCE:
        errors.setdefault("scheduled_for", []).append(f"{when:%Y-%m-%d %H:%M} UTC is in the past.")
    language = interpreter_language.strip()
    if len(language) > 60:
        errors.setdefault("interpreter_language", []).append("At most 60 characters.")
    if errors:
        raise Refused(errors)
    interview = Interview(
        candidate=candidate,
        mode=mode,
        scheduled_for=when,
        interpreter_language=language,
        officer=actor,
    )
    interview.save()
    events.record(
        Event.SCHEDULE_INTERVIEW,
        obj=interview,
        after=events.snapshot(interview, ["status", "mode", "scheduled_for"]),
        details={**interview.audit_details(), "interpreter": bool(language)},
    )
    return interview


@audited
def record_interview(
    actor: Any,
    interview: Interview,
    *,
    held_at: datetime | None,
    outcome: str,
    notes: str = "",
) -> Interview:
    """The interview's outcome, with when it was held. A claim of U.S. citizenship stops the
    candidate for a supervisor. "Released before the interview" records it as not held."""
    _require(actor, "cap.change_interview", interview)
    if interview.status != InterviewStatus.SCHEDULED:
        raise Refused("The outcome of this interview is already recorded.")
    errors: dict[str, list[str]] = {}
    if outcome not in InterviewOutcome.values():
        errors.setdefault("outcome", []).append("Choose the outcome.")
    not_held = outcome == InterviewOutcome.RELEASED_BEFORE
    when = _aware(held_at) if held_at else None
    if when is None and not not_held:
        errors.setdefault("held_at", []).append("Give when the interview was held.")
    elif when is not None and when > timezone.now() + FUTURE_TOLERANCE:
        errors.setdefault("held_at", []).append(f"{when:%Y-%m-%d %H:%M} UTC is in the future.")
    if errors:
        raise Refused(errors)
    before = events.snapshot(interview, ["status", "outcome"])
    if not_held:
        interview.cancel()
        interview.held_at = None
    else:
        interview.hold()
        interview.held_at = when
    interview.outcome, interview.notes = outcome, notes.strip()
    interview.save()
    events.record(
        Event.RECORD_INTERVIEW,
        obj=interview,
        before=before,
        after=events.snapshot(interview, ["status", "outcome", "held_at"]),
        details={**interview.audit_details(), "outcome": outcome},
    )
    if outcome == InterviewOutcome.CITIZENSHIP_CLAIM:
        candidate = interview.candidate
        stop_before = events.snapshot(candidate, ["status", "stop_reasons"])
        _stop(candidate, [StopReason.CLAIM])
        candidate.save()
        _record_stop(candidate, stop_before, "interview")
    return interview
