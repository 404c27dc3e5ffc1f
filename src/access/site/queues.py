"""Role work queues for the home page. Each returns items: dicts with title, url, detail."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from access.accounts.choices import AccountStatus
from access.accounts.lockout import locked_usernames
from access.accounts.models import User
from access.agencies.models import Agency
from access.agreements.reminders import reminders_for
from access.agreements.waiting import queue_items as agreements_waiting
from access.audit.review import pending as review_pending
from access.cap import queues as cap_queues
from access.complaints import queues as complaint_queues
from access.core.text import plural
from access.detention.queues import home_items as detainer_items
from access.enforcement import queues as enforcement_queues
from access.inquiries import queues as inquiry_queues
from access.intelligence import queues as intelligence_queues
from access.officers import charts
from access.officers import queues as officer_queues
from access.officers.models import Officer
from access.partnerships.choices import Challenge, RequestStatus
from access.partnerships.models import AccessRequest
from access.taskforces.queues import review_items as task_force_reviews

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


def _requests(user: User, **filters: object) -> list[Item]:
    rows = (
        AccessRequest.objects.restrict(user)
        .filter(**filters)
        .distinct()
        .select_related("agency")[:50]
    )
    return [
        {
            "title": f"Request #{r.pk} from {r.agency.name} {RequestStatus.phrase(r.status)}",
            "url": r.get_absolute_url(),
            "detail": ", ".join(Challenge.label(c) for c in r.challenges),
        }
        for r in rows
    ]


# Requests that wait on their assigned ICE agent (a field agent or a program manager).
AGENT_STEPS = [RequestStatus.ASSIGNED, RequestStatus.ASSESSING, RequestStatus.PLAN_AGREED]


def _assigned(user: User) -> list[Item]:
    """Requests assigned to ``user`` in an open step, and those whose agreement is not drafted."""
    return _requests(user, assigned_agent=user, status__in=AGENT_STEPS) + _requests(
        user,
        assigned_agent=user,
        status=RequestStatus.AGREEMENT_IN_PROGRESS,
        agreements__isnull=True,
    )


def _program(user: User) -> list[Item]:
    items = (
        _requests(user, status=RequestStatus.SUBMITTED)
        + _assigned(user)
        + agreements_waiting(user)
        + reminders_for(user)
    )
    missing = Agency.objects.restrict(user).filter(ori="").count()
    if missing:
        items.append(
            {
                "title": f"Add the ORI of {plural(missing, 'agency', 'agencies')}",
                "url": reverse("agencies:list") + "?has_ori=no",
                "detail": "Agencies need an ORI before LESC access; many came from ICE's list.",
            }
        )
    return items


def _field(user: User) -> list[Item]:
    return (
        _assigned(user)
        + agreements_waiting(user)
        + reminders_for(user)
        + intelligence_queues.home_items(user)
        + task_force_reviews(user)
    )


def _agency(user: User) -> list[Item]:
    return (
        _requests(
            user,
            status__in=[
                RequestStatus.DRAFT,
                RequestStatus.SUBMITTED,
                RequestStatus.ASSIGNED,
                RequestStatus.ASSESSING,
                RequestStatus.PLAN_AGREED,
            ],
        )
        + agreements_waiting(user)
        + reminders_for(user)
        + detainer_items(user)
    )


def _oversight(user: User) -> list[Item]:
    state = review_pending(user)
    flags = inquiry_queues.oversight_items(user)
    if not state["due"] and not state["failures"]:
        return flags
    review = {
        "title": f"Weekly audit review: {state['count']} events since the last review, "
        f"{state['failures']} failed or denied",
        "url": reverse("audit:review"),
        "detail": "Review the trail and record what you found.",
    }
    return [*flags, review]


def _supervisor(user: User) -> list[Item]:
    """Citizenship stops of inquiries and of encounters, then identifications to confirm."""
    return (
        inquiry_queues.supervisor_items(user)
        + enforcement_queues.supervisor_items(user)
        + cap_queues.supervisor_items(user)
        + intelligence_queues.home_items(user)
    )


QUEUES: dict[str, tuple[str, Callable[[User], list[Item]]]] = {
    "admin": ("Accounts awaiting action", _admin),
    "program": ("Requests to assign, agreements to renew, agency records to complete", _program),
    "field": ("Requests assigned to you", _field),
    "agency": ("Your agency's requests and agreements", _agency),
    "oversight": ("Audit review and misuse flags", _oversight),
    "lesc": ("Inquiries awaiting verification", inquiry_queues.lesc_items),
    "supervisor": (
        "Detainers near or past their deadline, citizenship stops, identifications to confirm",
        lambda u: detainer_items(u) + _supervisor(u),
    ),
    "opr": ("Complaints due soonest", complaint_queues.opr_items),
    "cap": ("Jail screening referrals, soonest release first", cap_queues.officer_items),
}

EMPTY_NOTES = {
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


# Officer work queues by the role that acts on them. The supervisor's count only their own
# officers; the liaison's are scoped to its agency by the officer grant.
OFFICER_QUEUES_BY_ROLE: dict[str, list[str]] = {
    "ice_program_manager": list(officer_queues.QUEUES),
    "ice_field_office_director": ["ending_60", "ending_30", "no_supervisor"],
    "ice_field_agent": ["waiting_on_ice", "refresher_due"],
    "ice_supervisor": ["ending_60", "ending_30", "refresher_due"],
    "agency_liaison": [
        "waiting_on_ice",
        "ending_60",
        "ending_30",
        "refresher_due",
        "disqualified",
    ],
}
SUPERVISOR_ROLE = "ice_supervisor"


def officer_queues_for(user: User) -> list[dict[str, Any]]:
    """Rows for the home page's officer queues: label, count, link to the filtered list.

    A supervisor's rows count only the officers they supervise (unless another of their roles
    acts on every officer's queue). Links name the queue, never a person."""
    slugs = set(user.role_slugs)
    names: list[str] = []
    for slug, queue_names in OFFICER_QUEUES_BY_ROLE.items():
        if slug in slugs and slug != SUPERVISOR_ROLE:
            names += [name for name in queue_names if name not in names]
    only_mine = [
        name
        for name in OFFICER_QUEUES_BY_ROLE[SUPERVISOR_ROLE]
        if SUPERVISOR_ROLE in slugs and name not in names
    ]
    officers = Officer.objects.restrict(user)
    rows = []
    for name in officer_queues.QUEUES:
        if name not in names and name not in only_mine:
            continue
        queue = officer_queues.QUEUES[name]
        scope = officers.filter(supervisor=user.pk) if name in only_mine else officers
        query = {"queue": name, **({"mine": "me"} if name in only_mine else {})}
        rows.append(
            {
                "name": name,
                "label": queue.label + (" (officers you supervise)" if name in only_mine else ""),
                "detail": queue.detail,
                "count": queue.select(scope).count(),
                "url": f"{reverse('officers:list')}?{urlencode(query)}",
            }
        )
    return rows


def officer_overview_for(user: User) -> dict[str, Any] | None:
    """The program manager's officers by status and training currency: the charts over all
    agencies and the table by agency (the charts' numbers are its totals), or None."""
    if "ice_program_manager" not in user.role_slugs:
        return None
    by_agency = charts.counts_by_agency(Officer.objects.restrict(user))
    total = charts.Counts()
    for _, counts in by_agency:
        total.merge(counts)
    return {
        "charts": charts.charts_for(total),
        "total": total,
        "by_agency": by_agency,
        "statuses": charts.S.choices(),
        "currencies": charts.CURRENCY,
    }
