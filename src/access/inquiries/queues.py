"""Home-page queue items of the inquiries app (wired in ``site/queues.py``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.timesince import timesince

from access.core.text import plural
from access.inquiries.choices import FlagStatus, InquiryStatus
from access.inquiries.models import Inquiry, MisuseFlag

Item = dict[str, str]
S = InquiryStatus


def analyst_queue() -> QuerySet[Inquiry]:
    """Waiting for an analyst: hit confirmations (10-minute clock) first, then subjects in
    custody, then oldest first."""
    returned = Q(status=S.SUPERVISOR_DECIDED, supervisor_decision="not_established")
    return (
        Inquiry.objects.filter(Q(status=S.AWAITING_ANALYST) | (returned & Q(determination="")))
        .select_related("agency")
        .order_by("-hit_confirmation", "-in_custody", "created_at")
    )


def awaiting_details_queue() -> QuerySet[Inquiry]:
    """Standard Nlets inquiries waiting for the agency's reason and case number (an analyst
    may record them from a call), in the analyst queue's order."""
    return (
        Inquiry.objects.filter(status=S.AWAITING_DETAILS)
        .select_related("agency")
        .order_by("-hit_confirmation", "-in_custody", "created_at")
    )


def _urgency(inquiry: Inquiry) -> str:
    if inquiry.confirmation_overdue:
        return "Hit confirmation overdue (escalated)"
    if inquiry.hit_confirmation:
        return f"Hit confirmation, {inquiry.confirmation_minutes_left} min left"
    return "In custody" if inquiry.in_custody else "Not in custody"


def lesc_items(user: Any) -> list[Item]:
    """Analysts: inquiries awaiting a determination, most urgent first; then standard Nlets
    inquiries awaiting the agency's reason and case number (an analyst may take them by
    telephone)."""
    if user.grant_scope("inquiries.answer_inquiry") != "all":
        return []
    waiting = [
        {
            "title": f"Inquiry #{i.pk} from {i.agency.name}",
            "url": i.get_absolute_url(),
            "detail": f"{_urgency(i)}; waiting {timesince(i.created_at)}",
        }
        for i in analyst_queue()[:50]
    ]
    return waiting + [
        {
            "title": f"Inquiry #{i.pk} from {i.agency.name}: awaiting details from the agency",
            "url": i.get_absolute_url(),
            "detail": f"No reason or case number yet (asked back); waiting {timesince(i.created_at)}",
        }
        for i in awaiting_details_queue()[:50]
    ]


def supervisor_items(user: Any) -> list[Item]:
    """ICE supervisors: citizenship stops awaiting a decision."""
    if user.grant_scope("inquiries.decide_inquiry") != "all":
        return []
    rows = (
        Inquiry.objects.filter(status=InquiryStatus.CITIZENSHIP_STOP)
        .select_related("agency")
        .order_by("-in_custody", "created_at")[:50]
    )
    return [
        {
            "title": f"Citizenship stop: inquiry #{i.pk} from {i.agency.name}",
            "url": i.get_absolute_url(),
            "detail": f"Waiting {timesince(i.created_at)} for your decision",
        }
        for i in rows
    ]


def oversight_items(user: Any) -> list[Item]:
    """Oversight: open misuse flags."""
    if user.grant_scope("inquiries.review_misuseflag") != "all":
        return []
    count = MisuseFlag.objects.filter(status=FlagStatus.OPEN).count()
    if not count:
        return []
    return [
        {
            "title": f"{plural(count, 'open misuse flag')} on inquiries",
            "url": reverse("inquiries:misuse_flags"),
            "detail": "Close each with a finding.",
        }
    ]
