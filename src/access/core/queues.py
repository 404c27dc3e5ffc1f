"""Role work queues for the home page. Each returns items: dicts with title, url, detail."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from access.accounts.choices import AccountStatus
from access.accounts.lockout import locked_usernames
from access.accounts.models import User
from access.agencies.models import Agency
from access.audit.models import AuditEvent

Item = dict[str, str]


def _admin(user: User) -> list[Item]:
    items = [
        {
            "title": f"Approve account {u.username}",
            "url": reverse("accounts:user_detail", args=[u.pk]),
            "detail": f"Requested by {u.requested_by} for {u.agency}",
        }
        for u in User.objects.filter(status=AccountStatus.PENDING)
        .exclude(requested_by=user)
        .select_related("requested_by", "agency")
    ]
    for username in locked_usernames():
        account = User.objects.filter(username=username).first()
        if account:
            items.append(
                {
                    "title": f"Locked account {username}",
                    "url": reverse("accounts:user_detail", args=[account.pk]),
                    "detail": "Five failed sign-ins; release after checking with the user.",
                }
            )
    return items


def _program(user: User) -> list[Item]:
    missing = Agency.objects.restrict(user).filter(ori="").order_by("name")[:20]
    return [
        {
            "title": f"Add the ORI of {a.name}",
            "url": reverse("agencies:edit", args=[a.pk]),
            "detail": "Agencies need an ORI before LESC access.",
        }
        for a in missing
    ]


def _oversight(user: User) -> list[Item]:
    since = timezone.now() - timedelta(days=7)
    failures = (
        AuditEvent.objects.restrict(user)
        .filter(occurred_at__gte=since, outcome__in=["failure", "denied"])
        .count()
    )
    if not failures:
        return []
    return [
        {
            "title": f"Review {failures} failed or denied events of the last 7 days",
            "url": reverse("audit:list") + "?outcome=failure",
            "detail": "Weekly review of the audit trail.",
        }
    ]


QUEUES: dict[str, tuple[str, Callable[[User], list[Item]]]] = {
    "admin": ("Accounts awaiting action", _admin),
    "program": ("Agency records to complete", _program),
    "oversight": ("Audit review", _oversight),
}

EMPTY_NOTES = {
    "agency": "Partnership requests and agreements of your agency will appear here.",
    "field": "Requests assigned to you for needs assessment will appear here.",
    "supervisor": "Citizenship-stop decisions and officer supervision tasks will appear here.",
    "lesc": "Immigration alien queries awaiting verification will appear here.",
    "cap": "Jail roster referrals awaiting verification will appear here.",
}


def queues_for(user: User) -> list[dict[str, Any]]:
    result = []
    for role in user.roles.all():
        title, builder = QUEUES.get(role.home_queue, (f"{role.name} work", lambda u: []))
        result.append(
            {
                "role": role.name,
                "title": title,
                "items": builder(user),
                "empty": EMPTY_NOTES.get(role.home_queue, "Nothing waiting for you."),
            }
        )
    return result
