"""Inquiry operations. Each checks who may act, changes state, and writes its audit event.

Events (one per operation): ``inquiry.submitted``, ``inquiry.details_recorded`` (the missing
reason and case number of a standard Nlets IAQ arrived), ``inquiry.candidate_viewed``,
``inquiry.iar_issued`` (the analyst's determination), ``inquiry.citizenship_stop`` (an analyst
found U.S. citizenship indicated), ``inquiry.decided`` (the supervisor), ``inquiry.iar_viewed``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django_fsm import can_proceed

from access.agencies.models import Agency
from access.audit import events
from access.audit.events import audited
from access.audit.models import AuditEvent
from access.core.actors import require_actor
from access.inquiries import citizenship, engine, iar, misuse, nlets, tasks
from access.inquiries.choices import (
    DetailsSource,
    Determination,
    InquiryStatus,
    StopReason,
    SupervisorDecision,
)
from access.inquiries.events import Event
from access.inquiries.message import InquiryData, InquiryInvalid, check
from access.inquiries.models import Inquiry, InquiryCandidate
from access.messaging import actions as messaging
from access.records.models import PersonRecord

CANDIDATE_VIEWED = Event.CANDIDATE_VIEWED
DETAILS_REQUEST = "ADM"  # the outbound administrative message asking for missing details


class NotAllowed(ValidationError):
    """A step refused for the inquiry's current state or its evidence; nothing changed."""


def standing_problem(agency: Agency) -> str:
    """Why the agency may not send inquiries now, or ``""`` (see docs/inquiries.md)."""
    statuses = set(agency.agreements.values_list("status", flat=True))
    if "suspended" in statuses:
        return "Your agency's agreement is suspended; it cannot send inquiries."
    if statuses and statuses <= {"terminated", "expired"}:
        return "Your agency's agreements have ended; it cannot send inquiries."
    return ""


def require_scope(actor: Any, inquiry: Inquiry, permission: str) -> None:
    """404 unless the actor holds ``permission`` for this inquiry's agency."""
    scope = actor.grant_scope(f"inquiries.{permission}_inquiry")
    if scope == "all" or (scope == "agency" and actor.agency_id == inquiry.agency_id):
        return
    raise Http404("Not found")


@audited
def submit_inquiry(
    actor: Any, data: InquiryData, *, channel: str, raw_message: str = ""
) -> Inquiry:
    """Store a validated inquiry for the actor's own agency, search candidates, route it.

    An inquiry without a reason or case number (a standard Nlets IAQ has no field for them)
    is stored unsearched, awaiting the details, and an administrative message asks the
    agency for them (``record_details`` takes them up)."""
    if not actor.can("inquiries.add_inquiry") or actor.agency_id is None:
        raise Http404("Not found")
    agency = Agency.objects.filter(ori__iexact=data.ori).first()
    if agency is None:
        raise InquiryInvalid({"ori": [f"No agency has the ORI {data.ori}."]})
    if agency.pk != actor.agency_id:
        own = actor.agency.ori or "none recorded"
        raise InquiryInvalid(
            {"ori": [f"You can send inquiries only for your own agency (ORI {own})."]}
        )
    problem = standing_problem(agency)
    if problem:
        raise InquiryInvalid({"ori": [problem]})
    inquiry = Inquiry(
        agency=agency, submitted_by=actor, channel=channel, raw_message=raw_message[:70_000]
    )
    for name, value in data.as_dict().items():
        setattr(inquiry, name, value)
    details: dict[str, Any]
    if data.missing_details:
        details = _hold_for_details(inquiry, data.missing_details)
    else:
        inquiry.save()
        details = _search_and_route(inquiry)
    events.record(
        Event.SUBMITTED,
        obj=inquiry,
        details={
            **inquiry.audit_details(),
            "channel": channel,
            "hit_confirmation": inquiry.hit_confirmation,
            **details,
        },
    )
    return inquiry


def _hold_for_details(inquiry: Inquiry, missing: list[str]) -> dict[str, Any]:
    """Store the inquiry unsearched (no reason, no search of anyone's records: safeguard 5),
    and queue the administrative message asking its ORI for the missing details."""
    inquiry.details_missing = missing
    inquiry.search_note = "Not searched: waiting for the agency's reason and case number."
    inquiry.hold_for_details()
    inquiry.save()
    text = nlets.format_details_request(inquiry.pk, inquiry.ori, inquiry.attention, missing)
    request = messaging.queue_for_inquiry(inquiry, DETAILS_REQUEST, text)
    return {"status": inquiry.status, "details_missing": missing, "nlets_message": request.pk}


def _search_and_route(inquiry: Inquiry, *, flag_misuse: bool = True) -> dict[str, Any]:
    """Search candidates for a saved inquiry that has its reason and case number, stop it for
    a supervisor when citizenship is claimed or indicated, else route it to the analysts; run
    the misuse rules (once: not again when a queued inquiry is searched later). With no active
    matching model it stays received, with the model job asked for once the transaction
    commits. Returns what the audit event records about it."""
    data = inquiry.data()
    found, inquiry.search_note = engine.search(data)
    people = engine.with_naturalization(
        PersonRecord.objects.filter(pk__in=[h.record_pk for h in found])
    )
    person = {p.pk: p for p in people}  # one query for every candidate's citizenship data
    candidates = []
    for rank, hit in enumerate(found, start=1):
        indicator = engine.citizenship_indicator(person[hit.record_pk])
        candidates.append(
            InquiryCandidate(
                inquiry=inquiry,
                record_id=hit.record_pk,
                rank=rank,
                band=hit.band,
                probability=hit.probability,
                match_weight=hit.match_weight,
                explanation=hit.explanation,
                citizenship_indicator=indicator,
            )
        )
    reasons = citizenship.stop_reasons(
        claimed=data.claims_us_citizenship, indicators=[c.citizenship_indicator for c in candidates]
    )
    require_actor("save inquiries.InquiryCandidate")  # bulk_create skips ProgramRecord.save
    InquiryCandidate.objects.bulk_create(candidates)
    if reasons:
        inquiry.stop_for_citizenship()
        inquiry.citizenship_stop, inquiry.stop_reasons = True, reasons
    elif inquiry.search_note == engine.NO_MODEL_NOTE:
        transaction.on_commit(tasks.request_matching_model)
    else:
        inquiry.route_to_analyst()
    inquiry.save()
    flags = misuse.flag_inquiry(inquiry) if flag_misuse else []
    return {
        "candidates": len(found),
        "status": inquiry.status,
        "citizenship_stop": inquiry.citizenship_stop,
        "stop_reasons": reasons,
        "misuse_flags": [{"flag": f.pk, "rule": f.rule.kind} for f in flags],
    }


# Received, or given its details (by reply or call) while no model was active.
_QUEUED_FOR_MODEL = (InquiryStatus.RECEIVED, InquiryStatus.AWAITING_DETAILS)


def waiting_for_model() -> Any:
    """Inquiries stored while there was no active matching model, oldest first."""
    return Inquiry.objects.filter(
        status__in=_QUEUED_FOR_MODEL, search_note=engine.NO_MODEL_NOTE
    ).order_by("pk")


@audited
def search_queued(actor: Any, inquiry: Inquiry) -> Inquiry:
    """Search a queued inquiry now that a model is active, and route it (the job's step)."""
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    if inquiry.status not in _QUEUED_FOR_MODEL or inquiry.search_note != engine.NO_MODEL_NOTE:
        return inquiry  # searched already (a parallel run)
    routed = _search_and_route(inquiry, flag_misuse=False)
    events.record(
        Event.SEARCHED,
        obj=inquiry,
        details={**inquiry.audit_details(), **routed},
    )
    return inquiry


@audited
def record_details(
    actor: Any,
    inquiry: Inquiry,
    *,
    reason: str,
    case_number: str,
    source: str,
    note: str = "",
) -> Inquiry:
    """Give an inquiry that awaits them its reason and case number, then search and route it
    as any inquiry. ``source``: the agency's reply message (its own officers, ``note`` the
    message) or an analyst from a call (``note`` says who called and when: required)."""
    if source == DetailsSource.ANALYST_CALL:
        require_scope(actor, inquiry, "answer")
        if not note.strip():
            raise NotAllowed("Say who gave the details and when (the call).")
    elif source == DetailsSource.AGENCY_MESSAGE:
        if not actor.can("inquiries.add_inquiry") or actor.agency_id != inquiry.agency_id:
            raise Http404("Not found")
    else:
        raise NotAllowed("Say how the details were given.")
    if inquiry.status != InquiryStatus.AWAITING_DETAILS:
        raise NotAllowed(
            f"Inquiry #{inquiry.pk} is {inquiry.get_status_display().lower()}, "
            "not awaiting details."
        )
    values = {**inquiry.data().as_dict(), "reason": reason, "case_number": case_number}
    checked = check(values)  # InquiryInvalid names the field; nothing changed
    before = events.snapshot(inquiry, ["status", "reason", "case_number"])
    inquiry.reason, inquiry.case_number = checked.reason, checked.case_number
    inquiry.details_source, inquiry.details_note = source, " ".join(note.split())[:300]
    inquiry.details_recorded_at = timezone.now()
    inquiry.save()
    routed = _search_and_route(inquiry)
    events.record(
        Event.DETAILS_RECORDED,
        obj=inquiry,
        before=before,
        after=events.snapshot(inquiry, ["status", "reason", "case_number"]),
        details={
            **inquiry.audit_details(),
            "source": source,
            "note": inquiry.details_note,
            "details_missing": inquiry.details_missing,
            **routed,
        },
    )
    return inquiry


def receive_details_reply(actor: Any, reply: nlets.DetailsReply, raw_message: str) -> Inquiry:
    """An agency's reply message (``nlets.parse_details``) to LESC's request for details,
    matched to its own inquiry by number and ORI; ``InquiryInvalid`` when it matches none."""
    if not actor.can("inquiries.add_inquiry") or actor.agency_id is None:
        raise Http404("Not found")
    inquiry = Inquiry.objects.filter(
        pk=reply.inquiry_id, agency_id=actor.agency_id, ori=reply.ori
    ).first()
    if inquiry is None or inquiry.status != InquiryStatus.AWAITING_DETAILS:
        raise InquiryInvalid(
            {
                "inquiry (IAQ)": [
                    f"ORI {reply.ori} has no inquiry {reply.inquiry_id} awaiting details."
                ]
            }
        )
    return record_details(
        actor,
        inquiry,
        reason=reply.reason,
        case_number=reply.case_number,
        source=DetailsSource.AGENCY_MESSAGE,
        note=raw_message,
    )


@audited
def view_candidate(actor: Any, candidate: InquiryCandidate) -> None:
    """Opening a candidate record beside the inquiry is a view of a person's record."""
    inquiry = candidate.inquiry
    require_scope(actor, inquiry, "view")
    if not (actor.can("inquiries.answer_inquiry") or actor.can("inquiries.decide_inquiry")):
        raise Http404("Not found")
    if actor.grant_scope("records.view_personrecord") != "all":
        raise Http404("Not found")
    events.record(
        CANDIDATE_VIEWED,
        obj=candidate.record,
        object_repr=f"person record {candidate.record.record_id}",
        details={
            **inquiry.audit_details(),
            "purpose": "inquiry",
            "inquiry": inquiry.pk,
            "candidate": candidate.pk,
        },
    )


def has_viewed(actor: Any, candidate: InquiryCandidate) -> bool:
    return AuditEvent.objects.filter(
        action=CANDIDATE_VIEWED,
        actor_id=actor.pk,
        object_type="records.personrecord",
        object_id=str(candidate.record_id),
        details__candidate=candidate.pk,
    ).exists()


def queue_iar_message(inquiry: Inquiry) -> int | None:
    """Queue the issued IAR to go back over Nlets to the inquiry's ORI (the job worker
    delivers it after commit); the id of the outbound message, or None without an IAR."""
    response = iar.build(inquiry)
    if response is None:
        return None
    return messaging.queue_iar(inquiry, response.text()).pk


def answerable(inquiry: Inquiry) -> bool:
    if inquiry.status == InquiryStatus.AWAITING_ANALYST:
        return True
    return (
        inquiry.status == InquiryStatus.SUPERVISOR_DECIDED
        and inquiry.supervisor_decision == SupervisorDecision.NOT_ESTABLISHED
        and not inquiry.determination
    )


@audited
def determine(
    actor: Any,
    inquiry: Inquiry,
    *,
    determination: str,
    evidence: list[str],
    notes: str,
    candidate: InquiryCandidate | None = None,
) -> Inquiry:
    """The analyst's determination. It issues the IAR, except that U.S. citizenship indicated
    stops the workflow for a supervisor instead."""
    require_scope(actor, inquiry, "answer")
    if not answerable(inquiry):
        raise NotAllowed(
            f"An inquiry that is {inquiry.get_status_display().lower()} cannot be answered."
        )
    if determination not in Determination.values():
        raise NotAllowed("Choose a determination.")
    if not evidence or not notes.strip():
        raise NotAllowed("Name the evidence used and describe it in the notes.")
    if candidate is not None and candidate.inquiry_id != inquiry.pk:
        raise NotAllowed("That record is not a candidate of this inquiry.")
    if determination == Determination.FOUND_VERIFIED and candidate is None:
        raise NotAllowed("A record found and verified names the verified candidate record.")
    if determination == Determination.NO_RECORD and candidate is not None:
        raise NotAllowed("'No record found' cannot name a record.")
    if candidate is not None and not has_viewed(actor, candidate):
        raise NotAllowed("Open the side-by-side comparison of that record before verifying it.")
    before = events.snapshot(inquiry, ["status", "determination"])
    decided_already = inquiry.status == InquiryStatus.SUPERVISOR_DECIDED
    stop = determination == Determination.US_CITIZEN or (
        candidate is not None and candidate.citizenship_indicator and not decided_already
    )
    if stop:
        if decided_already:
            raise NotAllowed("The supervisor has already decided the citizenship question.")
        inquiry.stop_for_citizenship()
        reason = StopReason.ANALYST if determination == Determination.US_CITIZEN else ""
        reason = reason or (candidate.citizenship_indicator if candidate else "")
        inquiry.citizenship_stop = True
        inquiry.stop_reasons = [*inquiry.stop_reasons, reason]
        inquiry.evidence, inquiry.evidence_notes = evidence, notes
        inquiry.save()
        events.record(
            Event.CITIZENSHIP_STOP,
            obj=inquiry,
            before=before,
            after=events.snapshot(inquiry, ["status", "determination"]),
            details={**inquiry.audit_details(), "reason": reason, "evidence": evidence},
        )
        return inquiry
    if not can_proceed(inquiry.answer):
        raise NotAllowed("This inquiry cannot be answered now.")
    inquiry.answer()
    inquiry.determination = determination
    inquiry.evidence, inquiry.evidence_notes = evidence, notes
    inquiry.verified_candidate = candidate
    inquiry.answered_by, inquiry.answered_at = actor, timezone.now()
    inquiry.save()
    nlets_message = queue_iar_message(inquiry)
    events.record(
        Event.IAR_ISSUED,
        obj=inquiry,
        before=before,
        after=events.snapshot(inquiry, ["status", "determination"]),
        details={
            **inquiry.audit_details(),
            "determination": determination,
            "evidence": evidence,
            "verified_record": candidate.record.record_id if candidate else "",
            "confirmation_overdue": inquiry.confirmation_overdue,
            "nlets_message": nlets_message,
        },
    )
    return inquiry


@audited
def decide(actor: Any, inquiry: Inquiry, *, decision: str, notes: str) -> Inquiry:
    """The ICE supervisor's decision on a citizenship stop."""
    require_scope(actor, inquiry, "decide")
    if not can_proceed(inquiry.decide):
        raise NotAllowed("Only an inquiry stopped for citizenship awaits a supervisor.")
    if decision not in SupervisorDecision.values():
        raise NotAllowed("Choose a decision.")
    if not notes.strip():
        raise NotAllowed("Give the reasons for the decision.")
    before = events.snapshot(inquiry, ["status", "determination"])
    inquiry.decide()
    inquiry.supervisor_decision, inquiry.supervisor_notes = decision, notes
    inquiry.decided_by, inquiry.decided_at = actor, timezone.now()
    if decision == SupervisorDecision.CITIZEN:
        inquiry.determination = Determination.US_CITIZEN
        inquiry.answered_by, inquiry.answered_at = actor, inquiry.decided_at
    inquiry.save()
    nlets_message = queue_iar_message(inquiry) if inquiry.has_iar else None
    events.record(
        Event.DECIDED,
        obj=inquiry,
        before=before,
        after=events.snapshot(inquiry, ["status", "determination"]),
        details={
            **inquiry.audit_details(),
            "decision": decision,
            "iar_issued": inquiry.has_iar,
            "nlets_message": nlets_message,
        },
    )
    return inquiry


@audited
def view_iar(actor: Any, inquiry: Inquiry, *, form: str) -> iar.IAR:
    """Reading the IAR (web page, API or Nlets text) is a dissemination: logged."""
    require_scope(actor, inquiry, "view")
    response = iar.build(inquiry)
    if response is None:
        raise Http404("Not found")
    events.record(Event.IAR_VIEWED, obj=inquiry, details={**inquiry.audit_details(), "form": form})
    return response
