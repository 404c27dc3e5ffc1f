"""Hold clock alerts to the issuing officer and the officer's ICE supervisor (in-app
notifications; ids only in links and texts, never the subject's name)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction

from access.detention.models import Detainer, DetainerAlert
from access.messaging.choices import NotificationKind
from access.messaging.models import Notification

# Hours before the deadline at which to alert; ``DETENTION_ALERT_HOURS`` in settings
# overrides (e.g. ``[48, 24, 4]``).
DEFAULT_THRESHOLDS = (24, 4)


def alert_thresholds() -> list[int]:
    return [int(h) for h in getattr(settings, "DETENTION_ALERT_HOURS", DEFAULT_THRESHOLDS)]


def recipients_for(detainer: Detainer) -> list[Any]:
    """The issuing officer's account and the officer's current ICE supervisor."""
    people = []
    officer = detainer.officer
    for user in (officer.user, officer.supervisor):
        if user is not None and user.is_active and user not in people:
            people.append(user)
    return people


def _text(detainer: Detainer, hours: int) -> tuple[str, str]:
    due = detainer.deadline.astimezone(detainer.time_zone_info) if detainer.deadline else None
    when = due.isoformat(timespec="minutes") if due else "unknown"
    if hours == 0:
        return (
            f"Detainer #{detainer.pk}: hold deadline passed",
            f"The 48-hour hold of detainer #{detainer.pk} ended at {when} "
            f"({detainer.time_zone}). Record the outcome with a reason now: ICE assumed "
            "custody, released by the jail, lifted or declined.",
        )
    return (
        f"Detainer #{detainer.pk}: {hours} hours left on the hold",
        f"The hold of detainer #{detainer.pk} ends at {when} ({detainer.time_zone}). "
        "Assume custody or lift the detainer before then.",
    )


def send_alert(detainer: Detainer, hours: int, now: datetime) -> bool:
    """Send the alert for ``hours`` once; False when it was already sent."""
    people = recipients_for(detainer)
    try:
        with transaction.atomic():
            DetainerAlert(
                detainer=detainer,
                hours_before=hours,
                sent_at=now,
                recipients=[u.pk for u in people],
            ).save()
    except IntegrityError:
        return False
    subject, body = _text(detainer, hours)
    for user in people:
        Notification(
            recipient=user,
            kind=NotificationKind.AWAITING_ACTION,
            subject=subject,
            body=body,
            link=detainer.get_absolute_url(),
        ).save()
    return True
