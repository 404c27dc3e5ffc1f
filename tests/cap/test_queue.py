"""The CAP officer's review: verify (never on a name alone), reject, refer, the citizenship
stop and the supervisor's decision, interviews. Every refusal changes nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.http import Http404
from django.utils import timezone

from access.audit.models import AuditEvent
from access.cap.actions import queue as actions
from access.cap.events import Event
from access.cap.models import Booking, Interview, ScreeningCandidate

pytestmark = pytest.mark.django_db


def state(candidate: ScreeningCandidate) -> tuple[Any, ...]:
    fresh = ScreeningCandidate.objects.get(pk=candidate.pk)
    return (fresh.status, fresh.fields_checked, fresh.reviewed_by_id, fresh.stop_reasons)


def events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


def test_verify_needs_the_comparison_opened_first(q_candidate, q_officer) -> None:
    before = state(q_candidate)
    with pytest.raises(actions.Refused, match="comparison"):
        actions.verify(q_officer, q_candidate, fields_checked=["name", "date_of_birth"])
    assert state(q_candidate) == before
    assert events(Event.VERIFY) == 0


def test_verify_refuses_names_alone_checked(q_candidate, q_officer) -> None:
    actions.view_candidate(q_officer, q_candidate)
    before = state(q_candidate)
    with pytest.raises(actions.Refused) as refused:
        actions.verify(q_officer, q_candidate, fields_checked=["name"])
    assert "beyond the name" in refused.value.messages[0]
    with pytest.raises(actions.Refused, match="Unknown field"):
        actions.verify(q_officer, q_candidate, fields_checked=["name", "shoe_size"])
    assert state(q_candidate) == before


def test_a_name_only_match_can_never_be_verified(q_name_only, q_officer) -> None:
    assert actions.name_only(q_name_only) is True
    actions.view_candidate(q_officer, q_name_only)
    before = state(q_name_only)
    with pytest.raises(actions.Refused, match="name-only match"):
        actions.verify(
            q_officer, q_name_only, fields_checked=["name", "date_of_birth", "fingerprints"]
        )
    assert state(q_name_only) == before
    assert events(Event.VERIFY) == 0


def test_the_engines_name_alone_cap_marks_a_name_only_match(q_candidate) -> None:
    from access.matching.rules import NAME_ALONE

    q_candidate.explanation = {**q_candidate.explanation, "notes": [NAME_ALONE]}
    assert actions.name_only(q_candidate) is True


def test_an_identifier_agreeing_is_not_name_only(q_name_only) -> None:
    q_name_only.explanation["fields"]["identifiers"] = {"level": "identifier agrees", "weight": 7}
    assert actions.agreement(q_name_only) == (False, True)
    assert actions.name_only(q_name_only) is False


def test_verify_then_refer(q_candidate, q_officer) -> None:
    actions.view_candidate(q_officer, q_candidate)
    verified = actions.verify(
        q_officer, q_candidate, fields_checked=["name", "date_of_birth", "photograph"], notes="ok"
    )
    assert verified.status == "verified"
    assert verified.fields_checked == ["name", "date_of_birth", "photograph"]
    assert verified.reviewed_by == q_officer
    event = AuditEvent.objects.get(action=Event.VERIFY)
    assert event.before == {"status": "pending"} and event.after == {"status": "verified"}
    assert event.details["fields_checked"] == ["name", "date_of_birth", "photograph"]
    referred = actions.refer(q_officer, verified)
    assert referred.status == "referred"
    assert events(Event.REFER) == 1


def test_refer_refuses_an_unverified_candidate(q_candidate, q_officer) -> None:
    before = state(q_candidate)
    with pytest.raises(actions.Refused, match="verified"):
        actions.refer(q_officer, q_candidate)
    assert state(q_candidate) == before


def test_reject_needs_a_reason(q_candidate, q_officer) -> None:
    before = state(q_candidate)
    with pytest.raises(actions.Refused):
        actions.reject(q_officer, q_candidate, "  ")
    assert state(q_candidate) == before
    rejected = actions.reject(q_officer, q_candidate, "Different middle name and scars.")
    assert rejected.status == "rejected"
    assert rejected.reason == "Different middle name and scars."
    with pytest.raises(actions.Refused, match="cannot be rejected"):
        actions.reject(q_officer, rejected, "again")


def test_a_record_indicating_citizenship_stops_instead_of_verifying(
    q_citizen_candidate, q_officer, q_supervisor
) -> None:
    actions.view_candidate(q_officer, q_citizen_candidate)
    stopped = actions.verify(
        q_officer, q_citizen_candidate, fields_checked=["name", "date_of_birth"]
    )
    assert stopped.status == "stopped"
    assert stopped.stop_reasons == ["record_us_birth"]
    assert events(Event.VERIFY) == 0
    stop = AuditEvent.objects.get(action=Event.STOP)
    assert stop.details["reasons"] == ["record_us_birth"]
    assert stop.details["step"] == "verification"
    # Stopped: no referral, no interview.
    with pytest.raises(actions.Refused):
        actions.refer(q_officer, stopped)
    # Not established: cleared, and the verification made before the stop lets it go on.
    cleared = actions.decide_stop(
        q_supervisor, stopped, "not_established", "The record is of another person born in Texas."
    )
    assert cleared.status == "cleared"
    assert cleared.supervisor_decision == "not_established"
    assert cleared.decided_by == q_supervisor
    assert cleared.stop_reasons == ["record_us_birth"]  # kept as data
    assert actions.refer(q_officer, cleared).status == "referred"


def test_a_supervisor_finding_citizenship_closes_the_candidate(
    q_citizen_candidate, q_officer, q_supervisor
) -> None:
    actions.view_candidate(q_officer, q_citizen_candidate)
    stopped = actions.verify(q_officer, q_citizen_candidate, fields_checked=["date_of_birth"])
    decided = actions.decide_stop(q_supervisor, stopped, "citizen", "Birth certificate on file.")
    assert decided.status == "stopped"
    assert decided.supervisor_decision == "citizen"
    before = state(decided)
    for step in (
        lambda: actions.refer(q_officer, decided),
        lambda: actions.verify(q_officer, decided, fields_checked=["date_of_birth"]),
        lambda: actions.decide_stop(q_supervisor, decided, "not_established", "changed my mind"),
    ):
        with pytest.raises(actions.Refused):
            step()
    assert state(decided) == before
    assert events(Event.DECIDE_STOP) == 1


def test_decide_refusals_change_nothing(q_citizen_candidate, q_candidate, q_officer, q_supervisor):
    with pytest.raises(actions.Refused, match="stopped for citizenship"):
        actions.decide_stop(q_supervisor, q_candidate, "citizen", "no stop here")
    actions.view_candidate(q_officer, q_citizen_candidate)
    stopped = actions.verify(q_officer, q_citizen_candidate, fields_checked=["date_of_birth"])
    before = state(stopped)
    with pytest.raises(actions.Refused):
        actions.decide_stop(q_supervisor, stopped, "maybe", "reasons")
    with pytest.raises(actions.Refused):
        actions.decide_stop(q_supervisor, stopped, "citizen", " ")
    # A CAP officer does not decide stops.
    with pytest.raises(Http404):
        actions.decide_stop(q_officer, stopped, "not_established", "I think not")
    assert state(stopped) == before
    assert events(Event.DECIDE_STOP) == 0


def referred(candidate: ScreeningCandidate, officer: Any) -> ScreeningCandidate:
    actions.view_candidate(officer, candidate)
    actions.verify(officer, candidate, fields_checked=["date_of_birth"])
    return actions.refer(officer, ScreeningCandidate.objects.get(pk=candidate.pk))


def test_interview_modes_follow_the_facility(q_candidate, q_officer) -> None:
    candidate = referred(q_candidate, q_officer)
    soon = timezone.now() + timedelta(days=1)
    with pytest.raises(actions.Refused) as refused:
        actions.schedule_interview(q_officer, candidate, mode="video", scheduled_for=soon)
    assert "mode" in refused.value.message_dict
    assert "by phone" in refused.value.message_dict["mode"][0]
    with pytest.raises(actions.Refused) as past:
        actions.schedule_interview(
            q_officer, candidate, mode="phone", scheduled_for=timezone.now() - timedelta(days=1)
        )
    assert "scheduled_for" in past.value.message_dict
    assert not Interview.objects.exists()
    interview = actions.schedule_interview(
        q_officer, candidate, mode="phone", scheduled_for=soon, interpreter_language="Spanish"
    )
    assert (interview.mode, interview.officer, interview.status) == (
        "phone",
        q_officer,
        "scheduled",
    )
    assert interview.interpreter_language == "Spanish"
    with pytest.raises(actions.Refused, match="already scheduled"):
        actions.schedule_interview(q_officer, candidate, mode="in_person", scheduled_for=soon)
    assert Interview.objects.count() == 1


def test_schedule_refuses_before_referral_and_after_release(q_candidate, q_officer) -> None:
    soon = timezone.now() + timedelta(days=1)
    with pytest.raises(actions.Refused, match="referred"):
        actions.schedule_interview(q_officer, q_candidate, mode="in_person", scheduled_for=soon)
    candidate = referred(q_candidate, q_officer)
    Booking.objects.filter(pk=candidate.booking_id).update(
        status="released", released_at=timezone.now()
    )
    candidate = ScreeningCandidate.objects.get(pk=candidate.pk)
    with pytest.raises(actions.Refused, match="released"):
        actions.schedule_interview(q_officer, candidate, mode="in_person", scheduled_for=soon)
    assert not Interview.objects.exists()


def scheduled(candidate: ScreeningCandidate, officer: Any) -> Interview:
    return actions.schedule_interview(
        officer,
        referred(candidate, officer),
        mode="in_person",
        scheduled_for=timezone.now() + timedelta(hours=2),
    )


def test_record_the_outcome(q_candidate, q_officer) -> None:
    interview = scheduled(q_candidate, q_officer)
    with pytest.raises(actions.Refused) as refused:
        actions.record_interview(q_officer, interview, held_at=None, outcome="removable")
    assert "held_at" in refused.value.message_dict
    with pytest.raises(actions.Refused):
        actions.record_interview(
            q_officer, interview, held_at=timezone.now() + timedelta(days=1), outcome="removable"
        )
    assert Interview.objects.get(pk=interview.pk).status == "scheduled"
    held = actions.record_interview(
        q_officer, interview, held_at=timezone.now(), outcome="removable", notes="Admits overstay."
    )
    assert (held.status, held.outcome) == ("held", "removable")
    assert held.held_at is not None
    with pytest.raises(actions.Refused, match="already recorded"):
        actions.record_interview(q_officer, held, held_at=timezone.now(), outcome="declined")
    assert AuditEvent.objects.filter(action=Event.RECORD_INTERVIEW).count() == 1


def test_released_before_the_interview_is_not_held(q_candidate, q_officer) -> None:
    interview = scheduled(q_candidate, q_officer)
    done = actions.record_interview(q_officer, interview, held_at=None, outcome="released_before")
    assert (done.status, done.held_at) == ("cancelled", None)


def test_a_citizenship_claim_at_interview_stops_the_referral(
    q_candidate, q_officer, q_supervisor
) -> None:
    interview = scheduled(q_candidate, q_officer)
    actions.record_interview(
        q_officer, interview, held_at=timezone.now(), outcome="citizenship_claim"
    )
    candidate = ScreeningCandidate.objects.get(pk=q_candidate.pk)
    assert candidate.status == "stopped"
    assert candidate.stop_reasons == ["subject_claims"]
    assert AuditEvent.objects.get(action=Event.STOP).details["step"] == "interview"
    cleared = actions.decide_stop(q_supervisor, candidate, "not_established", "Born in Mexico.")
    assert cleared.status == "cleared"
    assert actions.refer(q_officer, cleared).status == "referred"


def test_another_teams_officer_gets_404_and_nothing_changes(
    q_candidate, q_other_officer, q_officer
) -> None:
    before = state(q_candidate)
    for step in (
        lambda: actions.view_candidate(q_other_officer, q_candidate),
        lambda: actions.verify(q_other_officer, q_candidate, fields_checked=["date_of_birth"]),
        lambda: actions.reject(q_other_officer, q_candidate, "not mine"),
        lambda: actions.refer(q_other_officer, q_candidate),
    ):
        with pytest.raises(Http404):
            step()
    assert state(q_candidate) == before
    assert not AuditEvent.objects.filter(action__startswith="cap.").exists()
    interview = scheduled(q_candidate, q_officer)
    with pytest.raises(Http404):
        actions.record_interview(
            q_other_officer, interview, held_at=timezone.now(), outcome="removable"
        )
    assert Interview.objects.get(pk=interview.pk).status == "scheduled"


def test_viewing_is_audited_and_counts_as_the_comparison(q_candidate, q_officer) -> None:
    assert not actions.has_viewed(q_officer, q_candidate)
    actions.view_candidate(q_officer, q_candidate, form="api")
    event = AuditEvent.objects.get(action=Event.VIEW_CANDIDATE)
    assert event.actor_id == q_officer.pk
    assert event.object_id == str(q_candidate.pk)
    assert event.details == {"booking": q_candidate.booking_id, "record": "R-1001", "form": "api"}
    assert actions.has_viewed(q_officer, q_candidate)


def test_a_candidate_stopped_by_screening_is_verified_after_clearing(
    q_facility, q_officer, q_supervisor
) -> None:
    """Screening stops a candidate whose record indicates citizenship as soon as it finds it
    (status stopped, reasons stored, nothing decided): the supervisor decides first; once
    cleared, the officer verifies it (no second stop) and refers it."""
    from tests.cap.queue_fixtures import make_candidate, make_record

    record = make_record("R-5001", country_of_birth="US", citizenship="us_born")
    candidate = make_candidate(q_facility, "B-5001", record)
    ScreeningCandidate.objects.filter(pk=candidate.pk).update(
        status="stopped", stop_reasons=["record_us_birth"]
    )
    candidate = ScreeningCandidate.objects.get(pk=candidate.pk)
    assert actions.awaiting_decision(candidate)
    with pytest.raises(actions.Refused):
        actions.verify(q_officer, candidate, fields_checked=["date_of_birth"])
    cleared = actions.decide_stop(q_supervisor, candidate, "not_established", "Another person.")
    assert actions.verifiable(cleared) and not actions.referable(cleared)
    actions.view_candidate(q_officer, cleared)
    verified = actions.verify(q_officer, cleared, fields_checked=["date_of_birth"])
    assert verified.status == "verified"
    assert events(Event.STOP) == 0  # no second stop after the supervisor's decision
    assert actions.refer(q_officer, verified).status == "referred"
