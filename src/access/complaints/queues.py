"""The OPR investigator's home queue: open complaints soonest due first (overdue on top)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone

from access.complaints.choices import OPEN
from access.complaints.models import Complaint

LIMIT = 20


def opr_items(user: Any) -> list[dict[str, str]]:
    today = timezone.localdate()
    complaints = (
        Complaint.objects.restrict(user, "investigate")
        .filter(status__in=OPEN)
        .filter(Q(assigned_to=user.pk) | Q(assigned_to__isnull=True))
        .select_related("agency")
        .order_by("due_on", "pk")[:LIMIT]
    )
    items = []
    for complaint in complaints:
        left = (complaint.due_on - today).days
        clock = f"{-left} days past the 90-day clock" if left < 0 else f"{left} days left"
        who = "unassigned" if complaint.assigned_to_id is None else "assigned to you"
        items.append(
            {
                "title": f"{complaint} about {complaint.agency.name}: {clock}",
                "url": complaint.get_absolute_url(),
                "detail": f"Filed {complaint.filed_at:%Y-%m-%d}, {who}.",
            }
        )
    return items
