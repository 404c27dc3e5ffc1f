"""Detainer queues the home page and the list share."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from access.detention.choices import OPEN
from access.detention.models import Detainer


def needing_attention(user: Any) -> QuerySet[Detainer]:
    """Open detainers the user may see that are overdue or within 24 hours of their deadline.

    Overdue ones stay here until an outcome is recorded: there is no way to dismiss them.
    """
    soon = timezone.now() + timedelta(hours=24)
    return (
        Detainer.objects.restrict(user, "view")
        .filter(status__in=OPEN)
        .filter(Q(deadline__lte=soon) | Q(overdue_since__isnull=False))
        .select_related("agency", "facility", "officer")
        .order_by("deadline")
    )


def home_items(user: Any) -> list[dict[str, str]]:
    """The home page's detainer queue for the officer and the ICE supervisor: overdue first,
    then each within 24 hours of its deadline (ids only, no subject data)."""
    from access.detention.timeleft import describe

    items = []
    for detainer in needing_attention(user)[:50]:
        text, _ = describe(detainer)
        items.append(
            {
                "title": f"Detainer #{detainer.pk} at {detainer.facility.name}: {text}",
                "url": detainer.get_absolute_url(),
                "detail": "Record the outcome with a reason."
                if detainer.is_overdue()
                else "Assume custody or lift the detainer before the hold ends.",
            }
        )
    return items
