"""Work-queue items for the home page: agreements to renew or already past their term."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from access.agreements.choices import IN_FORCE
from access.agreements.models import Agreement

WINDOW = timedelta(days=90)


def reminders_for(user: Any) -> list[dict[str, str]]:
    """Agreements in ``user``'s scope in force and ending within 90 days or already ended.

    Each item is ``{"title", "url", "detail"}``, soonest first, at most 20.
    """
    today = timezone.localdate()
    rows = (
        Agreement.objects.restrict(user, "view")
        .filter(status__in=IN_FORCE, expires_on__isnull=False, expires_on__lte=today + WINDOW)
        .select_related("agency", "partnership_type")
        .order_by("expires_on", "pk")[:20]
    )
    items = []
    for agreement in rows:
        days = (agreement.expires_on - today).days
        if days < 0:
            title = f"Agreement past its term: {agreement.agency.name}"
            detail = f"{agreement.partnership_type.name}; ended on {agreement.expires_on:%Y-%m-%d} ({-days} days ago)."
        else:
            title = f"Renew the agreement of {agreement.agency.name}"
            detail = f"{agreement.partnership_type.name}; ends on {agreement.expires_on:%Y-%m-%d} (in {days} days)."
        items.append({"title": title, "url": agreement.get_absolute_url(), "detail": detail})
    return items
