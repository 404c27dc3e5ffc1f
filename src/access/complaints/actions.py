"""Complaint operations. Each is audited (one transaction, one actor, one typed event) and
checks the actor's grant itself. The public form files through ``file_public`` with a system
actor naming the form; nothing else is open without an account."""

from __future__ import annotations

import hashlib
import hmac
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django_fsm import can_proceed, has_transition_perm

from access.accounts.models import User
from access.audit import events
from access.audit.events import audited
from access.complaints.choices import OPEN, Channel, ComplaintStatus, Finding
from access.complaints.events import Event
from access.complaints.models import Complaint
from access.core.actors import SystemActor
from access.messaging.choices import NotificationKind
from access.messaging.models import Notification
from access.officers import actions as officer_actions
from access.officers.choices import OfficerStatus
from access.officers.models import Officer

S = ComplaintStatus
CLOCK_DAYS = 90
# The clock job alerts when this many days are left, once each, then every day once overdue.
ALERT_DAYS_LEFT = (30, 10, 0)
INVESTIGATOR_ROLE = "opr_investigator"
# The public form: at most this many complaints per sender address per hour, and this many
# from everyone per hour (a flood from many addresses is held for OPR to look at, not lost:
# the sender is told to try later or call).
PUBLIC_PER_SOURCE_PER_HOUR = 5
PUBLIC_PER_HOUR = 200
PUBLIC_FORM = SystemActor("public complaint form")


class ComplaintRefused(ValidationError):
    """A broken rule or a missing field; nothing was changed."""


class TooManyComplaints(ComplaintRefused):
    """The public form's rate limit; nothing was stored."""


def source_key(address: str) -> str:
    """A keyed hash of the sender's network address: enough to count, not to find anyone."""
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def _require(actor: Any, complaint: Complaint | None, action: str) -> None:
    if isinstance(actor, SystemActor):
        return
    if complaint is None:
        if actor.can(f"complaints.{action}_complaint"):
            return
        raise PermissionDenied(f"{actor} may not {action} complaints")
    if not Complaint.objects.restrict(actor, action).filter(pk=complaint.pk).exists():
        raise PermissionDenied(f"{actor} may not {action} complaint #{complaint.pk}")


def _text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ComplaintRefused({field: [message]})
    return value


def _check_incident(incident_on: date | None, today: date) -> None:
    if incident_on is not None and incident_on > today:
        raise ComplaintRefused(
            {"incident_on": ["The date of the incident cannot be in the future."]}
        )


def _new(actor: Any, channel: str, data: dict[str, Any], key: str = "") -> Complaint:
    now = timezone.now()
    _check_incident(data.get("incident_on"), timezone.localdate(now))
    complaint = Complaint(
        channel=channel,
        agency=data["agency"],
        officer=data.get("officer"),
        officer_description=(data.get("officer_description") or "").strip(),
        incident_on=data.get("incident_on"),
        incident_place=(data.get("incident_place") or "").strip(),
        narrative=_text(data.get("narrative", ""), "narrative", "Say what happened."),
        complainant_name=(data.get("complainant_name") or "").strip(),
        complainant_contact=(data.get("complainant_contact") or "").strip(),
        filed_at=now,
        due_on=timezone.localdate(now) + timedelta(days=CLOCK_DAYS),
        source_key=key,
    )
    if complaint.officer is not None and complaint.officer.agency_id != complaint.agency_id:
        raise ComplaintRefused({"officer": ["The officer is not an officer of that agency."]})
    while Complaint.objects.filter(receipt_code=complaint.receipt_code).exists():
        complaint.receipt_code = Complaint._meta.get_field("receipt_code").get_default()
    complaint.save()
    # Never the narrative or the complainant in the trail's details: the complaint holds them.
    events.record(
        Event.FILE,
        actor=actor,
        obj=complaint,
        after={"status": complaint.status, "channel": channel, "due_on": str(complaint.due_on)},
    )
    _notify_investigators(
        complaint,
        f"New complaint {complaint.display_code} about {complaint.agency.name}",
        f"Referred to OPR; due {complaint.due_on:%Y-%m-%d} (90 days).",
    )
    return complaint


@audited
def file_public(actor: Any, *, address: str, **data: Any) -> Complaint:
    """The public form: rate-limited per sender (keyed hash of the address) and overall."""
    key = source_key(address)
    hour_ago = timezone.now() - timedelta(hours=1)
    recent = Complaint.objects.filter(channel=Channel.PUBLIC_FORM, filed_at__gte=hour_ago)
    if recent.filter(source_key=key).count() >= PUBLIC_PER_SOURCE_PER_HOUR:
        raise TooManyComplaints(
            f"This connection has sent {PUBLIC_PER_SOURCE_PER_HOUR} complaints in the last "
            "hour. Please try again later, or call ICE's Office of Professional "
            "Responsibility; nothing was stored."
        )
    if recent.count() >= PUBLIC_PER_HOUR:
        raise TooManyComplaints(
            "The complaint form is receiving an unusual number of complaints. Please try again "
            "in an hour, or call ICE's Office of Professional Responsibility; nothing was stored."
        )
    return _new(actor, Channel.PUBLIC_FORM, data, key)


@audited
def file_by_staff(actor: Any, **data: Any) -> Complaint:
    """A complaint received by phone, letter, email or in person, recorded by OPR staff."""
    _require(actor, None, "add")
    return _new(actor, Channel.STAFF, data)


@audited
def assign(
    actor: Any, complaint: Complaint, *, investigator: Any, officer: Officer | None = None
) -> Complaint:
    _require(actor, complaint, "investigate")
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.status not in OPEN:
        raise ComplaintRefused("A resolved complaint cannot be assigned.")
    if not investigator.roles.filter(slug=INVESTIGATOR_ROLE).exists() or not investigator.is_active:
        raise ComplaintRefused({"investigator": ["Choose an active OPR investigator."]})
    if officer is not None and officer.agency_id != complaint.agency_id:
        raise ComplaintRefused({"officer": ["The officer is not an officer of that agency."]})
    before = events.snapshot(complaint, ["status", "assigned_to_id", "officer_id"])
    if complaint.status == S.REFERRED:
        complaint.assign()
    complaint.assigned_to = investigator
    if officer is not None:
        complaint.officer = officer
    complaint.save()
    events.record(
        Event.ASSIGN,
        actor=actor,
        obj=complaint,
        before=before,
        after=events.snapshot(complaint, ["status", "assigned_to_id", "officer_id"]),
    )
    return complaint


@audited
def suspend_officer(actor: Any, complaint: Complaint, *, reason: str) -> Complaint:
    """Suspend the officer's authority while the complaint is pending (the officers app's
    suspension: the authority check then refuses every function). Lifting it is the field
    office director's reinstatement, not OPR's."""
    _require(actor, complaint, "investigate")
    reason = _text(reason, "reason", "Give the reason for suspending the officer.")
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.status not in OPEN:
        raise ComplaintRefused("The complaint is resolved; nothing to suspend for.")
    officer = complaint.officer
    if officer is None:
        raise ComplaintRefused("Identify the officer (assign the complaint) before suspending.")
    if officer.status != OfficerStatus.AUTHORIZED:
        raise ComplaintRefused(
            f"Only an authorized officer can be suspended; this officer is "
            f"{OfficerStatus.label(officer.status).lower()}."
        )
    officer_actions.suspend(
        actor, officer, reason=f"Pending complaint {complaint.display_code}: {reason}"
    )
    complaint.suspension = officer.suspensions.order_by("-started_at", "-pk").first()
    complaint.save()
    events.record(
        Event.SUSPEND_OFFICER,
        actor=actor,
        obj=complaint,
        details={"officer": officer.pk, "suspension": complaint.suspension_id, "reason": reason},
    )
    return complaint


@audited
def resolve(
    actor: Any, complaint: Complaint, *, finding: str, resolution: str, notice: str
) -> Complaint:
    _require(actor, complaint, "investigate")
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if not can_proceed(complaint.resolve) or not has_transition_perm(complaint.resolve, actor):
        raise ComplaintRefused("This complaint is already resolved.")
    if finding not in Finding.values():
        raise ComplaintRefused({"finding": ["Choose a finding."]})
    complaint.finding = finding
    complaint.resolution = _text(resolution, "resolution", "Record the resolution.")
    complaint.notice = _text(notice, "notice", "Write the notice the complainant will read.")
    before = events.snapshot(complaint, ["status"])
    complaint.resolve()
    complaint.resolved_at = timezone.now()
    complaint.save()
    events.record(
        Event.RESOLVE,
        actor=actor,
        obj=complaint,
        before=before,
        after={"status": complaint.status, "finding": finding},
    )
    if complaint.suspension_id and complaint.suspension.ended_at is None:  # type: ignore[union-attr]
        _notify_directors(complaint)
    _send_notice(complaint)
    return complaint


def _send_notice(complaint: Complaint) -> None:
    """Email the notice when the complainant gave an email address (after the commit)."""
    try:
        validate_email(complaint.complainant_contact)
    except ValidationError:
        return
    address = complaint.complainant_contact
    subject = f"Your complaint {complaint.display_code} has been resolved"
    body = (
        f"{complaint.notice}\n\nYou can read this notice at any time on the complaint status "
        f"page with your receipt code {complaint.display_code}."
    )
    transaction.on_commit(lambda: send_mail(subject, body, None, [address], fail_silently=True))


def _investigators() -> list[Any]:
    return list(User.objects.filter(roles__slug=INVESTIGATOR_ROLE, is_active=True).distinct())


def _notify(
    people: list[Any],
    complaint: Complaint,
    subject: str,
    body: str,
    kind: str = NotificationKind.AWAITING_ACTION,
) -> int:
    for person in people:
        Notification(
            recipient=person,
            kind=kind,
            subject=subject[:200],
            body=body,
            link=complaint.get_absolute_url(),
        ).save()
    return len(people)


def _notify_investigators(
    complaint: Complaint, subject: str, body: str, kind: str = NotificationKind.AWAITING_ACTION
) -> int:
    people = [complaint.assigned_to] if complaint.assigned_to else _investigators()
    return _notify(people, complaint, subject, body, kind)


def _notify_directors(complaint: Complaint) -> int:
    directors = list(
        User.objects.filter(roles__slug="ice_field_office_director", is_active=True).distinct()
    )
    return _notify(
        directors,
        complaint,
        f"Complaint {complaint.display_code} resolved: officer still suspended",
        "The officer was suspended while this complaint was pending. Review the finding and "
        "reinstate or take further action on the officer's page.",
    )


@audited
def check_clocks(actor: Any, today: date | None = None) -> dict[str, list[int]]:
    """Alert on open complaints at 30 and 10 days left and when due; daily once overdue."""
    today = today or timezone.localdate()
    alerted: list[int] = []
    overdue: list[int] = []
    for complaint in Complaint.objects.filter(status__in=OPEN).select_related("assigned_to"):
        left = (complaint.due_on - today).days
        if left < 0:
            overdue.append(complaint.pk)
        due = [d for d in ALERT_DAYS_LEFT if left <= d]
        threshold = min(due) if due else None
        if threshold is None:
            continue
        already = complaint.alerted_days_left
        if left >= 0 and already is not None and already <= threshold:
            continue
        if left >= 0:
            subject = f"Complaint {complaint.display_code}: {left} days left on its 90-day clock"
        else:
            subject = f"Complaint {complaint.display_code} is {-left} days past its 90-day clock"
        _notify_investigators(
            complaint,
            subject,
            f"Due {complaint.due_on:%Y-%m-%d}.",
            NotificationKind.COMPLAINT_CLOCK,
        )
        complaint.alerted_days_left = min(threshold, left)
        complaint.save()
        alerted.append(complaint.pk)
    events.record(
        Event.CLOCK_CHECK,
        actor=actor,
        object_type="complaints.complaint",
        details={"alerted": alerted, "overdue": overdue},
    )
    return {"alerted": alerted, "overdue": overdue}


def overdue(queryset: Any, today: date | None = None) -> Any:
    return queryset.filter(status__in=OPEN, due_on__lt=today or timezone.localdate())


def days_left(complaint: Complaint, today: date | None = None) -> int:
    return (complaint.due_on - (today or timezone.localdate())).days
