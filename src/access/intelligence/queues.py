"""The review queue (the page and the home page share it): active records the daily job
queued, soonest review date first. Items name the record, its task force and dates only."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from access.intelligence.choices import RecordStatus
from access.intelligence.models import IntelligenceRecord

LIMIT = 20


def review_queue(user: Any, action: str = "view") -> QuerySet[IntelligenceRecord]:
    return (
        IntelligenceRecord.objects.restrict(user, action)
        .filter(status=RecordStatus.ACTIVE, queued_for_review_on__isnull=False)
        .select_related("task_force")
        .order_by("review_due", "pk")
    )


def home_items(user: Any) -> list[dict[str, str]]:
    """Records the user may validate that wait for review (ICE leads, supervisors, agents)."""
    if user.grant_scope("intelligence.validate_intelligencerecord") is None:
        return []
    return [
        {
            "title": f"Review intelligence record #{r.pk} of {r.task_force}",
            "url": r.get_absolute_url(),
            "detail": f"Review date {r.review_due:%Y-%m-%d}: validate it again or it is "
            "purged the day after.",
        }
        for r in review_queue(user, "validate")[:LIMIT]
    ]
