"""Home-page items of the task forces (wired in ``site/queues.py``): a charter review due
within 30 days, or overdue, for the task force's ICE lead."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from access.taskforces.choices import TaskForceStatus
from access.taskforces.models import TaskForce

REVIEW_WITHIN = timedelta(days=30)


def review_items(user: Any) -> list[dict[str, Any]]:
    """The open task forces the user leads whose charter review is due within 30 days."""
    due = timezone.localdate() + REVIEW_WITHIN
    rows = (
        TaskForce.objects.restrict(user)
        .filter(ice_lead=user.pk, review_on__lte=due)
        .exclude(status=TaskForceStatus.CLOSED)
        .order_by("review_on", "pk")
    )
    return [
        {
            "title": f"Review the charter of {task_force}",
            "url": task_force.get_absolute_url(),
            "detail": f"Charter review due {task_force.review_on:%Y-%m-%d}.",
        }
        for task_force in rows
    ]
