"""Who an agreement waits on in each state: the home-queue items and the in-app notices.

Every state before activation waits on someone: the drafter (a returned draft), ICE legal
review, the agency's review, each party's signature, the program manager's activation. The
queue lists what waits on a user; a move into a waiting state notifies those users.
"""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery

from access.accounts.choices import AccountStatus
from access.accounts.models import User
from access.agreements.choices import AgreementStatus, Party
from access.agreements.models import Agreement, AgreementVersion
from access.messaging.actions import notify_waiting

S = AgreementStatus

# Status -> (the grant that acts on it, what the person is asked to do).
STEPS: dict[str, tuple[str, str]] = {
    S.LEGAL_REVIEW: ("legalreview", "Review agreement #{pk} for ICE legal sufficiency"),
    S.AGENCY_REVIEW: ("agencyreview", "Review agreement #{pk} for your agency"),
    S.APPROVED: ("sign", "Sign agreement #{pk}"),
    S.SIGNED: ("manage", "Activate agreement #{pk}: both parties have signed"),
}


def holders(permission: str, agency_id: int | None) -> QuerySet[User]:
    """Active users whose grant covers ``permission`` for an agency (scope all, or its own)."""
    scope = Q(roles__grants__scope="all")
    if agency_id is not None:
        scope |= Q(roles__grants__scope="agency", agency_id=agency_id)
    return (
        User.objects.filter(
            Q(roles__grants__permission=f"agreements.{permission}_agreement") & scope,
            is_active=True,
            status=AccountStatus.ACTIVE,
        )
        .distinct()
        .order_by("pk")
    )


def _unsigned_parties(agreement: Agreement) -> set[str]:
    return set(Party.values()) - set(agreement.signatures.values_list("party", flat=True))


def waiting_on(agreement: Agreement) -> list[User]:
    """The people the agreement waits on in its current state (none once in force)."""
    if agreement.status == S.DRAFT:
        version = agreement.current_version
        author = version.author if version else None
        return [author] if author is not None and author.is_active else []
    step = STEPS.get(agreement.status)
    if step is None:
        return []
    people = list(holders(step[0], agreement.agency_id))
    if agreement.status == S.APPROVED:
        unsigned = _unsigned_parties(agreement)
        people = [u for u in people if _party(u, agreement) in unsigned]
    return people


def _party(user: User, agreement: Agreement) -> str | None:
    scope = user.grant_scope("agreements.sign_agreement")
    if scope == "all":
        return Party.ICE
    if scope == "agency" and user.agency_id == agreement.agency_id:
        return Party.AGENCY
    return None


def _task(agreement: Agreement) -> str:
    if agreement.status == S.DRAFT:
        return f"Complete agreement #{agreement.pk} and submit it to ICE legal review"
    return STEPS[agreement.status][1].format(pk=agreement.pk)


def _kind(agreement: Agreement) -> str:
    if agreement.amendment_kind:
        return f"{agreement.get_amendment_kind_display()} of agreement #{agreement.amends_id}, "
    return ""


def notify(agreement: Agreement, actor: Any) -> list[str]:
    """Tell the people the agreement now waits on (not the actor); their usernames."""
    people = waiting_on(agreement)
    if not people:
        return []
    subject = _task(agreement)
    body = (
        f"{_kind(agreement)}{agreement.partnership_type.name}, {agreement.agency.name}: the "
        f"agreement {S.phrase(agreement.status, now=True)}. {subject}."
    )
    return notify_waiting(
        people, subject=subject, body=body, link=agreement.get_absolute_url(), skip=actor
    )


def queue_items(user: Any) -> list[dict[str, str]]:
    """Agreements in ``user``'s scope that wait on ``user``: one item each, oldest first."""
    items = []
    for status, (permission, _) in STEPS.items():
        rows = (
            Agreement.objects.restrict(user, permission)
            .filter(status=status, published_entry__isnull=True)
            .select_related("agency", "partnership_type")
            .order_by("updated_at", "pk")[:20]
        )
        for agreement in rows:
            if status == S.APPROVED and _party(user, agreement) not in _unsigned_parties(agreement):
                continue
            items.append(_item(agreement))
    # Drafts whose latest version is the user's, decided in the query (not two queries a row).
    latest_author = (
        AgreementVersion.objects.filter(agreement=OuterRef("pk"))
        .order_by("-number")
        .values("author_id")[:1]
    )
    returned = (
        Agreement.objects.restrict(user, "change")
        .filter(status=S.DRAFT)
        .annotate(latest_author_id=Subquery(latest_author))
        .filter(latest_author_id=user.pk)
        .select_related("agency", "partnership_type")
        .order_by("updated_at", "pk")[:20]
    )
    items.extend(_item(a) for a in returned)
    return items


def _item(agreement: Agreement) -> dict[str, str]:
    return {
        "title": _task(agreement),
        "url": agreement.get_absolute_url(),
        "detail": f"{_kind(agreement)}{agreement.partnership_type.name}, {agreement.agency.name}. "
        f"Status: {S.label(agreement.status)}, since {agreement.updated_at:%Y-%m-%d}.",
    }
