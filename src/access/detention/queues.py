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
