"""Hit-confirmation escalation: an inquiries rule (DOMAIN.md section 4, decision 30).

An NCIC hit on an ICE record must be confirmed by LESC within 10 minutes. A scheduled job
(``inquiries.tasks.escalate_overdue_confirmations``) finds the confirmations still waiting
after that and notifies every ICE supervisor (holders of ``inquiries.decide_inquiry``, scope
all) once per inquiry, in the app and by email; the notices name only the inquiry number and
agency.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.timesince import timesince

from access.accounts.choices import AccountStatus
from access.accounts.models import User
from access.audit import events
from access.audit.events import audited
from access.inquiries.choices import InquiryStatus
from access.inquiries.events import Event
from access.inquiries.models import CONFIRMATION_TARGET, Inquiry
from access.inquiries.queues import analyst_queue
from access.messaging.actions import inquiry_details
from access.messaging.choices import NotificationKind
from access.messaging.models import Notification

logger = logging.getLogger(__name__)

SUPERVISOR_PERMISSION = "inquiries.decide_inquiry"


def supervisors() -> QuerySet[User]:
    """Active accounts that decide for LESC (the ICE supervisor role's grant, scope all)."""
    return (
        User.objects.filter(
            is_active=True,
            status=AccountStatus.ACTIVE,
            roles__grants__permission=SUPERVISOR_PERMISSION,
            roles__grants__scope="all",
        )
        .distinct()
        .order_by("pk")
    )


def overdue_confirmations(now: datetime | None = None) -> QuerySet[Inquiry]:
    """Hit confirmations still waiting for an analyst, or for the agency's reason and case
    number (a standard Nlets IAQ), 10 minutes after they arrived."""
    cutoff = (now or timezone.now()) - CONFIRMATION_TARGET
    waiting = Q(pk__in=analyst_queue().values("pk")) | Q(status=InquiryStatus.AWAITING_DETAILS)
    return Inquiry.objects.filter(waiting, hit_confirmation=True, created_at__lte=cutoff)


@audited
def escalate_confirmation(
    actor: Any, inquiry: Inquiry, recipients: Iterable[User]
) -> list[Notification]:
    """Notify each supervisor not yet told about this overdue confirmation: in the app and
    by email (after commit). Nobody is told twice about one inquiry."""
    told = set(
        Notification.objects.filter(
            inquiry=inquiry, kind=NotificationKind.CONFIRMATION_OVERDUE
        ).values_list("recipient_id", flat=True)
    )
    new = [user for user in recipients if user.pk not in told]
    if not new:
        return []
    path = inquiry.get_absolute_url()
    waited = timesince(inquiry.created_at)
    subject = f"Hit confirmation overdue: inquiry #{inquiry.pk}"
    body = (
        f"Inquiry #{inquiry.pk} from {inquiry.agency.name} asks LESC to confirm an NCIC hit. "
        f"It arrived {waited} ago and has no answer; the target is 10 minutes. "
        "Please see that an analyst answers it."
    )
    created = []
    for user in new:
        notice = Notification(
            recipient=user,
            kind=NotificationKind.CONFIRMATION_OVERDUE,
            subject=subject,
            body=body,
            link=path,
            inquiry=inquiry,
            emailed_to=user.email,
        )
        notice.save()
        created.append(notice)
    events.record(
        Event.CONFIRMATION_ESCALATED,
        obj=inquiry,
        details={
            **inquiry_details(inquiry),
            "ncic_number": inquiry.ncic_number,
            "waited": waited,
            "notified": [user.get_username() for user in new],
            "emailed": [user.get_username() for user in new if user.email],
            "notifications": [n.pk for n in created],
        },
    )
    mails = [
        (subject, f"{body}\n\nSign in to ACCESS and open {path}\n", [n.emailed_to])
        for n in created
        if n.emailed_to
    ]
    if mails:
        transaction.on_commit(lambda: _send_mails(mails))
    return created


def _send_mails(mails: list[tuple[str, str, list[str]]]) -> None:
    from_email = settings.DEFAULT_FROM_EMAIL
    try:
        send_mass_mail([(subject, body, from_email, to) for subject, body, to in mails])
    except Exception:  # the in-app notice stands; the mail server's failure is logged
        logger.exception("could not email %d overdue-confirmation notices", len(mails))
