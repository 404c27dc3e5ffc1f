"""Writes to criminal intelligence, each an audited action: entry, view, validation, release,
the daily review and purge. A refusal names every bad field and stores nothing.

Audit events carry codes, dates and the people who acted, never a record's content: the trail
is append-only, and a purge must leave no copy of what it removed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from access.audit import events
from access.audit.events import audited
from access.core.limits import LONG_TEXT
from access.intelligence import rules
from access.intelligence.choices import (
    CriminalActivity,
    RecordStatus,
    SourceReliability,
    SourceType,
)
from access.intelligence.events import Event
from access.intelligence.membership import reviewers, serves_on
from access.intelligence.models import IntelligenceRecord, Release
from access.messaging.choices import NotificationKind
from access.messaging.models import Notification
from access.taskforces.models import TaskForce

# What an entry holds; the purge blanks CONTENT and keeps the codes and dates.
ENTRY_FIELDS = (
    "case_number",
    "subject_name",
    "subject_birth_date",
    "subject_description",
    "criminal_activity",
    "activity_detail",
    "reasonable_suspicion",
    "not_solely_protected_activity",
    "source_type",
    "source_reliability",
    "source_detail",
)
REQUIRED_TEXT = {
    "case_number": "Name the case the record belongs to.",
    "subject_description": "Describe the subject in this case.",
    "activity_detail": "Describe the criminal activity: the offence, where and when.",
}
CHOICE_FIELDS = {
    "criminal_activity": (CriminalActivity, "Name a definable criminal activity."),
    "source_type": (SourceType, "Name the source of the information."),
    "source_reliability": (SourceReliability, "Say how reliable the source is."),
}
MAX_LENGTHS = {
    "case_number": 60,
    "subject_name": 200,
    "subject_description": LONG_TEXT,
    "activity_detail": LONG_TEXT,
    "reasonable_suspicion": LONG_TEXT,
    "source_detail": LONG_TEXT,
}
CONTENT = {
    "case_number": "",
    "subject_name": "",
    "subject_birth_date": None,
    "subject_description": "",
    "activity_detail": "",
    "reasonable_suspicion": "",
    "source_detail": "",
}
RELEASE_FIELDS = {
    "recipient_name": "Name the person who receives the information.",
    "recipient_agency": "Name the recipient's agency.",
    "reason": "State the recipient's need and right to know.",
}


class Refused(ValidationError):
    """Bad input or a record in the wrong state; nothing was stored."""


def may(actor: Any, action: str, record: IntelligenceRecord) -> bool:
    return IntelligenceRecord.objects.restrict(actor, action).filter(pk=record.pk).exists()


def may_enter(actor: Any, task_force: TaskForce) -> bool:
    """ICE-wide entry (scope ``all``) or a person serving on the task force (scope ``team``)."""
    scope = actor.grant_scope("intelligence.add_intelligencerecord")
    return scope == "all" or (scope == "team" and serves_on(actor, task_force))


def entry_task_forces(actor: Any) -> QuerySet[TaskForce]:
    """The task forces the actor may enter records for (the form's choices)."""
    from access.intelligence.membership import served_task_forces

    scope = actor.grant_scope("intelligence.add_intelligencerecord")
    if scope == "all":
        return TaskForce.objects.all()
    if scope == "team":
        return TaskForce.objects.filter(pk__in=served_task_forces(actor).values("pk"))
    return TaskForce.objects.none()


def check_entry(fields: dict[str, Any]) -> dict[str, Any]:
    """The entry rules (28 CFR 23.20(a), (b)); the cleaned fields, or ``Refused`` naming
    every field that breaks one."""
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    for name in fields:
        if name not in ENTRY_FIELDS:
            errors.setdefault(name, []).append("This field cannot be set here.")
    for name in ENTRY_FIELDS:
        value = fields.get(name)
        if name == "subject_birth_date":
            if value in (None, ""):
                cleaned[name] = None
            elif isinstance(value, dt.date):
                cleaned[name] = value
            else:
                try:
                    cleaned[name] = dt.date.fromisoformat(str(value))
                except ValueError:
                    errors.setdefault(name, []).append("A date as YYYY-MM-DD.")
            continue
        if name == "not_solely_protected_activity":
            if value is not True and str(value).lower() not in ("true", "on", "1"):
                errors.setdefault(name, []).append(
                    "A record may not rest on political, religious or social views, "
                    "associations or activities alone (28 CFR 23.20(b)): attest that it does not."
                )
            cleaned[name] = True
            continue
        text = str(value if value is not None else "").strip()
        if name in CHOICE_FIELDS:
            choices, message = CHOICE_FIELDS[name]
            if text not in choices.values():
                errors.setdefault(name, []).append(message)
        elif name in REQUIRED_TEXT and not text:
            errors.setdefault(name, []).append(REQUIRED_TEXT[name])
        limit = MAX_LENGTHS.get(name)
        if limit and len(text) > limit:
            errors.setdefault(name, []).append(f"At most {limit} characters.")
        cleaned[name] = text
    problem = rules.suspicion_problem(cleaned.get("reasonable_suspicion", ""))
    if problem:
        errors.setdefault("reasonable_suspicion", []).append(problem)
    if errors:
        raise Refused(errors)
    return cleaned


@audited
def submit_record(actor: Any, task_force: TaskForce, **fields: Any) -> IntelligenceRecord:
    """Enter a record for a task force the actor serves on (404 otherwise); refused, with
    nothing stored, without reasonable suspicion, a criminal activity, a source or the
    attestation."""
    if not may_enter(actor, task_force):
        raise Http404("Not found")
    cleaned = check_entry(fields)
    today = timezone.localdate()
    record = IntelligenceRecord(
        task_force=task_force,
        submitted_by=actor,
        entered_on=today,
        review_due=rules.review_date(today),
        **cleaned,
    )
    record.save()
    events.record(
        Event.SUBMIT,
        obj=record,
        details={
            "task_force": task_force.pk,
            "criminal_activity": record.criminal_activity,
            "source_type": record.source_type,
            "source_reliability": record.source_reliability,
            "review_due": record.review_due,
        },
    )
    return record


@audited
def view_record(actor: Any, record: IntelligenceRecord, *, form: str = "web") -> None:
    """Every view of a record is recorded with its recipient, the viewer (23.20(e))."""
    if not may(actor, "view", record):
        raise Http404("Not found")
    events.record(
        Event.VIEW,
        obj=record,
        details={"recipient": str(actor), "task_force": record.task_force_id, "form": form},
    )


def _require_active(record: IntelligenceRecord, what: str) -> None:
    if not record.is_active:
        raise Refused(f"Record #{record.pk} was purged on {record.purged_on}: it cannot be {what}.")


@audited
def validate_record(actor: Any, record: IntelligenceRecord, reason: str) -> IntelligenceRecord:
    """Validate again: the information still meets the entry rules and is still needed. The
    review date moves to the retention period from today, the record leaves the review queue."""
    if not may(actor, "validate", record):
        raise Http404("Not found")
    _require_active(record, "validated")
    reason = (reason or "").strip()
    if len(reason) > LONG_TEXT:
        raise Refused({"reason": [f"At most {LONG_TEXT} characters."]})
    if len(reason) < rules.MIN_REASON_CHARS:
        raise Refused(
            {
                "reason": [
                    f"Say why the record is still needed (at least {rules.MIN_REASON_CHARS} characters)."
                ]
            }
        )
    today = timezone.localdate()
    names = ["validated_on", "validated_by_id", "review_due", "queued_for_review_on"]
    before = events.snapshot(record, names)
    record.validated_on = today
    record.validated_by = actor
    record.review_due = rules.review_date(today)
    record.queued_for_review_on = None
    record.save()
    events.record(
        Event.VALIDATE,
        obj=record,
        before=before,
        after=events.snapshot(record, names),
        details={"reason": reason, "task_force": record.task_force_id},
    )
    return record


@audited
def release_record(
    actor: Any,
    record: IntelligenceRecord,
    *,
    recipient_name: str = "",
    recipient_agency: str = "",
    reason: str = "",
) -> Release:
    """Record a release outside the task force; refused with nothing stored without a
    recipient, the recipient's agency or the need and right to know."""
    if not may(actor, "release", record):
        raise Http404("Not found")
    _require_active(record, "released")
    values = {
        "recipient_name": (recipient_name or "").strip(),
        "recipient_agency": (recipient_agency or "").strip(),
        "reason": (reason or "").strip(),
    }
    errors = {name: [message] for name, message in RELEASE_FIELDS.items() if not values[name]}
    if values["reason"] and len(values["reason"]) < rules.MIN_REASON_CHARS:
        errors["reason"] = [
            f"State the need and right to know (at least {rules.MIN_REASON_CHARS} characters)."
        ]
    for name, limit in (("recipient_name", 200), ("recipient_agency", 200), ("reason", LONG_TEXT)):
        if len(values[name]) > limit:
            errors[name] = [f"At most {limit} characters."]
    if errors:
        raise Refused(errors)
    release = Release(record=record, released_by=actor, released_at=timezone.now(), **values)
    release.save()
    events.record(
        Event.RELEASE,
        obj=record,
        details={**values, "release": release.pk, "task_force": record.task_force_id},
    )
    return release


def _purge(record: IntelligenceRecord, reason: str, today: dt.date) -> None:
    for name, blank in CONTENT.items():
        setattr(record, name, blank)
    record.status = RecordStatus.PURGED
    record.purged_on = today
    record.purge_reason = reason[:300]
    record.queued_for_review_on = None
    record.save()
    events.record(
        Event.PURGE,
        obj=record,
        after=events.snapshot(record, ["status", "purged_on", "purge_reason"]),
        details={
            "reason": record.purge_reason,
            "review_due": record.review_due,
            "task_force": record.task_force_id,
            "fields_removed": sorted(CONTENT),
        },
    )


def _queue(record: IntelligenceRecord, today: dt.date) -> int:
    record.queued_for_review_on = today
    record.save()
    people = reviewers(record.task_force, today)
    for person in people:
        Notification(
            recipient=person,
            kind=NotificationKind.AWAITING_ACTION,
            subject=f"Intelligence record #{record.pk} is due for review by {record.review_due}",
            body=f"A criminal intelligence record of {record.task_force} reaches its review "
            f"date on {record.review_due}. Validate it again if it is still needed; otherwise "
            "it is purged the day after (28 CFR 23.20(h)).",
            link=record.get_absolute_url(),
        ).save()
    events.record(
        Event.QUEUE_REVIEW,
        obj=record,
        details={
            "review_due": record.review_due,
            "task_force": record.task_force_id,
            "notified": [p.pk for p in people],
        },
    )
    return len(people)


@audited
def run_review(actor: Any, today: dt.date | None = None) -> dict[str, list[int]]:
    """The daily job: purge every active record past its review date (from the day after it),
    then queue for review every active record whose review date is within the notice period
    and tell its task force's ICE lead and supervisors once."""
    today = today or timezone.localdate()
    active = IntelligenceRecord._base_manager.filter(status=RecordStatus.ACTIVE)
    purged = []
    for record in active.filter(review_due__lt=today).select_related("task_force"):
        _purge(
            record,
            f"Not validated again by its review date {record.review_due:%Y-%m-%d} "
            "(28 CFR 23.20(h)).",
            today,
        )
        purged.append(record.pk)
    horizon = today + dt.timedelta(days=rules.notice_days())
    queued = []
    due = active.filter(review_due__gte=today, review_due__lte=horizon, queued_for_review_on=None)
    for record in due.select_related("task_force"):
        _queue(record, today)
        queued.append(record.pk)
    return {"purged": purged, "queued": queued}
