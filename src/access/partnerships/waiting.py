"""Who a request waits on in each state, told in the app when the request moves there.

(The home queues list the same requests: ``site.queues``.)
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from access.accounts.choices import AccountStatus
from access.accounts.models import User
from access.messaging.actions import notify_waiting
from access.partnerships.choices import RequestStatus
from access.partnerships.models import AccessRequest

R = RequestStatus

TASKS = {
    R.SUBMITTED: "Assign request #{pk} to a field office and an agent",
    R.ASSIGNED: "Assess the needs of request #{pk}",
    R.PLAN_AGREED: "Start the agreement for request #{pk}: its plan of action is agreed",
    R.AGREEMENT_IN_PROGRESS: "Draft the agreement for request #{pk}",
}


def waiting_on(request: AccessRequest) -> list[Any]:
    if request.status == R.SUBMITTED:
        return list(
            User.objects.filter(
                Q(roles__grants__permission="partnerships.assign_accessrequest")
                & Q(roles__grants__scope="all"),
                is_active=True,
                status=AccountStatus.ACTIVE,
            )
            .distinct()
            .order_by("pk")
        )
    if request.status in TASKS and request.assigned_agent is not None:
        return [request.assigned_agent]
    return []


def notify(request: AccessRequest, actor: Any) -> list[str]:
    """Tell the people the request now waits on (not the actor); their usernames."""
    people = waiting_on(request)
    if not people:
        return []
    subject = TASKS[request.status].format(pk=request.pk)
    body = f"Request #{request.pk} from {request.agency.name} {R.phrase(request.status, now=True)}."
    return notify_waiting(
        people,
        subject=subject,
        body=f"{body} {subject}.",
        link=request.get_absolute_url(),
        skip=actor,
    )
