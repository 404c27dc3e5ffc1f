"""In-app notices about officers (ids and names of officers only, never person records)."""

from __future__ import annotations

from datetime import date
from typing import Any

from access.accounts.models import User
from access.messaging.choices import NotificationKind
from access.messaging.models import Notification
from access.officers.models import Officer


def recipients_for(officer: Officer) -> list[Any]:
    """The agency's liaisons and the officer's current ICE supervisor."""
    liaisons = User.objects.filter(
        agency=officer.agency_id, roles__slug="agency_liaison", is_active=True
    ).distinct()
    people = list(liaisons)
    if officer.supervisor is not None and officer.supervisor not in people:
        people.append(officer.supervisor)
    return people


def notify_lapsed(officer: Officer, ended: date | None) -> list[Notification]:
    """Called inside the expiry action (which binds the actor and records the event)."""
    subject = f"Authorization expired: officer {officer.badge_number}"
    body = (
        f"The 287(g) authorization of {officer.full_name} ({officer.agency.name}) ended on "
        f"{ended}. The officer may not perform any immigration function until it is renewed."
    )
    created = []
    for user in recipients_for(officer):
        notice = Notification(
            recipient=user,
            kind=NotificationKind.OFFICER_AUTHORIZATION_EXPIRED,
            subject=subject,
            body=body,
            link=officer.get_absolute_url(),
        )
        notice.save()
        created.append(notice)
    return created
