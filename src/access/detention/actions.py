"""Detainer operations. Each is audited (one transaction, one actor, one typed event) and
checks the actor's grant itself, so no caller (page, API, job) can skip it.

A refusal raises ``DetainerRefused`` with every reason and changes nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from access.audit import events
from access.audit.events import audited
from access.core.actors import SystemActor
from access.detention import clock
from access.detention.choices import OPEN, OUTCOMES, DetainerStatus
from access.detention.events import Event
from access.detention.models import Detainer, DetainerForm
from access.enforcement.choices import EncounterStatus
from access.enforcement.models import Encounter
from access.officers import authority

S = DetainerStatus
FUNCTION = "detainer"
WSO = "287g_wso"
# A release time may be entered a little ahead (a scheduled release later today), not more.
RELEASE_LEEWAY = timedelta(days=1)

# outcome status -> (model transition, audit event)
OUTCOME_STEPS: dict[str, tuple[str, str]] = {
    S.CUSTODY_ASSUMED: ("assume_custody", Event.CUSTODY_ASSUMED),
    S.RELEASED: ("release", Event.RELEASED),
    S.LIFTED: ("lift", Event.LIFTED),
    S.DECLINED: ("decline", Event.DECLINED),
}


class DetainerRefused(ValidationError):
    """A broken rule; the messages name each reason. Nothing was changed."""


def _require(
    actor: Any,
    action: str,
    agency_id: int,
    detainer: Detainer | None = None,
    encounter: Encounter | None = None,
) -> None:
    if isinstance(actor, SystemActor):
        return
    if detainer is not None:
        if not Detainer.objects.restrict(actor, action).filter(pk=detainer.pk).exists():
            raise PermissionDenied(f"{actor} may not {action} detainer #{detainer.pk}")
        return
    scope = actor.grant_scope(f"detention.{action}_detainer")
    if scope == "all" or (scope == "agency" and agency_id == actor.agency_id):
        return
    # A CAP officer issues at the facilities their CAP team covers (the encounter's lookup).
    if scope == "team" and encounter is not None:
        lookup = {Encounter.team_scope: actor.pk}
        if Encounter._base_manager.filter(pk=encounter.pk, **lookup).exists():
            return
    raise PermissionDenied(f"{actor} may not {action} detainers of this agency")


def _check_release(release_at: datetime, encounter: Encounter, now: datetime) -> list[str]:
    reasons = []
    if release_at > now + RELEASE_LEEWAY:
        reasons.append("The release time is more than a day in the future.")
    if release_at < encounter.occurred_at:
        reasons.append("The release time is before the encounter.")
    return reasons


def hold_deadline(release_at: datetime, time_zone: str) -> datetime:
    """The hold's end for a release at ``release_at`` in ``time_zone`` (the one clock)."""
    return clock.deadline(release_at, time_zone)


@audited
def issue_detainer(actor: Any, encounter: Encounter, officer: Any = None, **data: Any) -> Detainer:
    """Issue a detainer on ``encounter`` as the officer the actor is (``officer`` names the
    officer only for a system actor: the demo loader).

    ``data``: facility, probable_cause, probable_cause_details, served_at, service_method,
    hold_requested, notify_before_release, and optionally issued_at (now) and release_at.
    """
    _require(actor, "add", encounter.agency_id, encounter=encounter)
    now = timezone.now()
    # Without an issue time the detainer is recorded as issued now; the service time the
    # officer typed may then be minutes earlier (recorded after serving), so the order of the
    # two is only checked when both were given.
    given_issue_time = data.get("issued_at") is not None
    issued_at = data.pop("issued_at", None) or now
    release_at = data.pop("release_at", None)
    facility = data["facility"]
    reasons: list[str] = []

    subject = officer if isinstance(actor, SystemActor) and officer is not None else actor
    officer = None
    if encounter.partnership_type.code == WSO:
        reasons.append("Warrant service officers may not issue detainers.")
    try:
        decision = authority.check(subject, FUNCTION, agency=encounter.agency_id, when=issued_at)
    except authority.UnknownOfficer:
        reasons.append("You are not an officer under an agreement with this agency.")
    else:
        officer = decision.officer
        reasons.extend(decision.reasons)
    if encounter.status != EncounterStatus.IDENTIFIED:
        reasons.append(
            "The subject's identification is not verified "
            f'(encounter status "{EncounterStatus.label(encounter.status)}").'
        )
    if encounter.claims_us_citizenship or encounter.citizenship_stop:
        reasons.append("A U.S. citizenship claim or stop is on this encounter.")
    if facility.agency_id != encounter.agency_id:
        reasons.append("The facility is not one of the encounter's agency.")
    if not facility.time_zone:
        reasons.append(f"The facility {facility} has no time zone: set it on the agency page.")
    if issued_at > now + timedelta(minutes=5):
        reasons.append("The issue time is in the future.")
    if issued_at < encounter.occurred_at:
        reasons.append("The issue time is before the encounter.")
    if given_issue_time and data["served_at"] < issued_at - timedelta(minutes=1):
        reasons.append("The detainer was served before it was issued.")
    if data["served_at"] > now + timedelta(minutes=5):
        reasons.append("The service time is in the future.")
    if not data.get("hold_requested", True):
        reasons.append("A detainer asks the facility to hold the subject: tick the request.")
    if not (data.get("probable_cause_details") or "").strip():
        reasons.append("Give the evidence the probable cause rests on.")
    form = DetainerForm.in_effect(timezone.localdate(issued_at))
    if form is None:
        reasons.append(f"No detainer form version is in effect on {issued_at:%Y-%m-%d}.")
    if release_at is not None:
        reasons.extend(_check_release(release_at, encounter, now))
    if reasons:
        raise DetainerRefused(reasons)

    if officer is None or form is None:  # each case added a reason above
        raise DetainerRefused("The detainer cannot be issued.")
    detainer = Detainer(
        encounter=encounter,
        agency=encounter.agency,
        officer=officer,
        form=form,
        time_zone=facility.time_zone,
        issued_at=issued_at,
        issued_by=actor
        if not isinstance(actor, SystemActor)
        else (officer.user or encounter.recorded_by),
        **data,
    )
    if release_at is not None:
        detainer.release_at = release_at
        detainer.deadline = hold_deadline(release_at, detainer.time_zone)
        detainer.start_clock()
    detainer.full_clean(exclude=["status"])
    detainer.save()
    events.record(Event.ISSUED, obj=detainer, after=events.snapshot(detainer))
    return detainer


def _lock(detainer: Detainer) -> Detainer:
    return Detainer.objects.select_for_update().select_related("encounter").get(pk=detainer.pk)


@audited
def record_release(actor: Any, detainer: Detainer, release_at: datetime) -> Detainer:
    """Record when the subject would otherwise be released: the hold clock starts."""
    _require(actor, "resolve", detainer.agency_id, detainer)
    detainer = _lock(detainer)
    if detainer.status not in OPEN:
        raise DetainerRefused("This detainer already has an outcome.")
    reasons = _check_release(release_at, detainer.encounter, timezone.now())
    if reasons:
        raise DetainerRefused(reasons)
    before = events.snapshot(detainer)
    detainer.release_at = release_at
    detainer.deadline = hold_deadline(release_at, detainer.time_zone)
    detainer.overdue_since = None if detainer.deadline > timezone.now() else detainer.overdue_since
    detainer.start_clock()
    detainer.save()
    events.record(
        Event.RELEASE_RECORDED, obj=detainer, before=before, after=events.snapshot(detainer)
    )
    return detainer


@audited
def record_outcome(
    actor: Any, detainer: Detainer, outcome: str, reason: str, at: datetime | None = None
) -> Detainer:
    """ICE assumed custody, released by the jail, lifted or declined: each with a reason."""
    _require(actor, "resolve", detainer.agency_id, detainer)
    detainer = _lock(detainer)
    now = timezone.now()
    at = at or now
    reasons = []
    if outcome not in OUTCOMES:
        reasons.append(f"Unknown outcome {outcome!r}.")
    if detainer.status not in OPEN:
        reasons.append("This detainer already has an outcome.")
    if not reason or not reason.strip():
        reasons.append("Give the reason for the outcome.")
    if at > now + timedelta(minutes=5):
        reasons.append("The outcome time is in the future.")
    if at < detainer.issued_at:
        reasons.append("The outcome time is before the detainer was issued.")
    if reasons:
        raise DetainerRefused(reasons)
    transition, event = OUTCOME_STEPS[outcome]
    before = events.snapshot(detainer)
    getattr(detainer, transition)()
    detainer.outcome_at = at
    detainer.outcome_reason = reason.strip()
    detainer.resolved_by = None if isinstance(actor, SystemActor) else actor
    detainer.save()
    events.record(
        event,
        obj=detainer,
        before=before,
        after=events.snapshot(detainer),
        details={
            "reason": detainer.outcome_reason,
            "was_overdue": detainer.overdue_since is not None,
        },
    )
    return detainer


@audited
def check_clocks(
    actor: Any, now: datetime | None = None, thresholds: list[int] | None = None
) -> dict[str, list[int]]:
    """Alert once per threshold before each running clock ends; flag the overdue ones.

    Idempotent: an alert already sent for a threshold is not sent again (a unique row per
    detainer and threshold), and an overdue flag stays until an outcome is recorded.
    """
    from access.detention.notices import alert_thresholds, send_alert

    now = now or timezone.now()
    thresholds = sorted(thresholds or alert_thresholds(), reverse=True)
    alerted: list[int] = []
    flagged: list[int] = []
    running = Detainer.objects.filter(status=S.HOLDING, deadline__isnull=False)
    for detainer in running.select_related("officer", "encounter").order_by("deadline"):
        if detainer.deadline is None:  # excluded by the query; keeps the type checker sure
            continue
        left = clock.elapsed(now, detainer.deadline)
        due = [h for h in thresholds if left <= timedelta(hours=h) and left > timedelta(0)]
        # Only the nearest threshold crossed: a detainer first seen with 3 h left gets the
        # 4 h alert, not the 24 h one as well.
        for hours in due[-1:]:
            with transaction.atomic():
                if send_alert(detainer, hours, now):
                    alerted.append(detainer.pk)
                    events.record(Event.ALERTED, obj=detainer, details={"hours_before": hours})
        if left <= timedelta(0) and detainer.overdue_since is None:
            before = events.snapshot(detainer)
            detainer.overdue_since = now
            detainer.save(update_fields=["overdue_since", "updated_at"])
            send_alert(detainer, 0, now)
            flagged.append(detainer.pk)
            events.record(
                Event.OVERDUE, obj=detainer, before=before, after=events.snapshot(detainer)
            )
    events.record(
        Event.CLOCK_CHECK,
        object_type="detention.detainer",
        details={"at": now.isoformat(), "alerted": alerted, "overdue": flagged},
    )
    return {"alerted": alerted, "overdue": flagged}
