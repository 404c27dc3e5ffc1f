"""The weekly review of the audit trail by oversight staff."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from access.audit import events
from access.audit.models import AuditEvent, AuditReview

REVIEW_INTERVAL = timedelta(days=7)


def pending(user: Any) -> dict[str, Any]:
    """What the next review covers: events after the last review, and failures among them."""
    last = AuditReview.objects.first()
    after = last.reviewed_through if last else 0
    unreviewed = AuditEvent.objects.restrict(user).filter(id__gt=after)
    due = last is None or timezone.now() - last.reviewed_at >= REVIEW_INTERVAL
    return {
        "last": last,
        "after": after,
        "count": unreviewed.count(),
        "failures": unreviewed.filter(outcome__in=["failure", "denied"]).count(),
        "due": due,
    }


@transaction.atomic
def complete_review(user: Any, findings: str) -> AuditReview:
    through = AuditEvent.objects.aggregate(last=Max("id"))["last"] or 0
    review = AuditReview.objects.create(reviewed_through=through, reviewer=user, findings=findings)
    events.record(
        events.Event.REVIEW_COMPLETED,
        actor=user,
        object_type="audit.auditreview",
        object_id=review.pk,
        details={"reviewed_through": through, "findings": findings},
    )
    return review
