"""Audited reads of an inquiry: opening it (page or API) shows the subject's data, so it is a
dissemination and is logged like a candidate view or an IAR reading (``inquiry.viewed``).
"""

from __future__ import annotations

from typing import Any

from access.audit import events
from access.audit.events import audited
from access.inquiries.actions import _scoped
from access.inquiries.models import Inquiry

VIEWED = "inquiry.viewed"


@audited
def view_inquiry(actor: Any, inquiry: Inquiry, *, form: str, candidates_shown: int = 0) -> None:
    """Record that ``actor`` opened ``inquiry`` (``form``: ``web`` or ``api``); 404 out of
    scope. Details: purpose code, reason, case number, requestor, submitting user, secondary
    recipient, and how many candidates the reader was shown (ICE staff only)."""
    _scoped(actor, inquiry, "view")
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
