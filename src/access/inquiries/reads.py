"""Audited reads of inquiries: opening one (page or API) shows the subject's data, so it is a
dissemination and is logged like a candidate view or an IAR reading (``inquiry.viewed``); a
page listing inquiries is one event naming every inquiry it showed (``inquiry.list_viewed``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from access.audit import events
from access.audit.events import audited
from access.core.text import plural
from access.inquiries.actions import require_scope
from access.inquiries.events import Event
from access.inquiries.models import Inquiry

VIEWED = Event.VIEWED
LIST_VIEWED = Event.LIST_VIEWED


@audited
def view_inquiry(actor: Any, inquiry: Inquiry, *, form: str, candidates_shown: int = 0) -> None:
    """Record that ``actor`` opened ``inquiry`` (``form``: ``web`` or ``api``); 404 out of
    scope. Details: purpose code, reason, case number, requestor, submitting user, secondary
    recipient, and how many candidates the reader was shown (ICE staff only)."""
    require_scope(actor, inquiry, "view")
    events.record(
        VIEWED,
        obj=inquiry,
        details={
            **inquiry.audit_details(),
            "purpose": "inquiry",
            "form": form,
            "candidates_shown": candidates_shown,
        },
    )


@audited
def view_inquiry_list(
    actor: Any, inquiries: Sequence[Inquiry], *, page: str, filters: Mapping[str, str] | None = None
) -> None:
    """Record that ``actor`` was shown the rows of ``inquiries`` on the list ``page`` (its URL
    name) with ``filters``: one event per page view, however many rows (one insert). A page
    that shows no inquiry shows no person data and records nothing. Every row must be in the
    actor's scope (404 otherwise: the caller's query is wrong, and nothing is recorded)."""
    if not inquiries:
        return
    for inquiry in inquiries:
        require_scope(actor, inquiry, "view")
    shown = [inquiry.pk for inquiry in inquiries]
    events.record(
        LIST_VIEWED,
        object_type=Inquiry._meta.label_lower,
        object_repr=f"{plural(len(shown), 'inquiry', 'inquiries')} on {page}",
        details={
            "purpose": "inquiry list",
            "page": page,
            "filters": dict(filters or {}),
            "inquiries": shown,
            "count": len(shown),
        },
    )
