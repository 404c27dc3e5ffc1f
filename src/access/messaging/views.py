"""Messaging pages.

- Notifications: the signed-in user's own (list, mark read); anyone else's are 404.
- The Nlets outbox (``/outbox/``): outbound messages with their delivery state, failed ones
  first by default, and a Resend button for a failed one. Roles holding
  ``messaging.view_outboundmessage`` see it (resend: ``messaging.resend_outboundmessage``);
  everyone else gets 404. The page shows ids, ORIs and delivery data, never the message text
  or any person data, and its only query parameter is the status filter.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, F
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from access.accounts.typing import AuthedRequest
from access.core.text import plural
from access.messaging import actions
from access.messaging.choices import MessageStatus
from access.messaging.models import Notification, OutboundMessage

OUTBOX_ROWS = 200
ALL = "all"


@require_GET
def notification_list(request: AuthedRequest) -> HttpResponse:
    rows = Notification.objects.filter(recipient=request.user).order_by(
        F("read_at").desc(nulls_first=True), "-created_at"
    )
    return render(
        request,
        "messaging/notifications.html",
        {
            "title": "Notifications",
            "rows": rows[:200],
            "unread": rows.filter(read_at__isnull=True).count(),
        },
    )


@require_POST
def notification_read(request: AuthedRequest, pk: int) -> HttpResponse:
    notice = Notification.objects.filter(recipient=request.user, pk=pk).first()
    if notice is None:
        raise Http404("Not found")
    actions.mark_read(request.user, [notice])
    messages.success(request, "Notification marked as read.")
    return redirect("messaging:list")


@require_POST
def notification_read_all(request: AuthedRequest) -> HttpResponse:
    unread = Notification.objects.filter(recipient=request.user, read_at__isnull=True)
    count = actions.mark_read(request.user, list(unread))
    messages.success(request, f"{plural(count, 'notification')} marked as read.")
    return redirect("messaging:list")


# The Nlets outbox --------------------------------------------------------------------------


def _outbox_filter(value: str) -> str:
    """The status filter: a message status or ``all``; anything else is the default, failed."""
    return value if value == ALL or value in MessageStatus.values() else MessageStatus.FAILED


def _outbox_url(show: str) -> str:
    url = reverse("outbox:list")
    return url if show == MessageStatus.FAILED else f"{url}?status={show}"


@require_GET
def outbox(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if not user.can("messaging.view_outboundmessage"):
        raise Http404("Not found")
    scoped = OutboundMessage.objects.restrict(user, "view")
    show = _outbox_filter(request.GET.get("status", ""))
    rows = scoped if show == ALL else scoped.filter(status=show)
    counts = {
        r["status"]: r["n"] for r in scoped.order_by().values("status").annotate(n=Count("pk"))
    }
    filters = [(value, label, counts.get(value, 0)) for value, label in MessageStatus.choices()]
    return render(
        request,
        "messaging/outbox.html",
        {
            "title": "Nlets outbox",
            # The text is the IAR itself (person data): never loaded for this page.
            "rows": rows.defer("text").order_by("-created_at")[:OUTBOX_ROWS],
            "show": show,
            "filters": [*filters, (ALL, "All recent messages", sum(counts.values()))],
            "statuses": MessageStatus,
            "can_resend": user.can("messaging.resend_outboundmessage"),
            "limit": OUTBOX_ROWS,
        },
    )


@require_POST
def outbox_resend(request: AuthedRequest, pk: int) -> HttpResponse:
    message = OutboundMessage.objects.restrict(request.user, "resend").filter(pk=pk).first()
    if message is None:
        raise Http404("Not found")
    try:
        actions.resend(request.user, message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"Message #{pk} to ORI {message.destination} is queued for delivery again.",
        )
    return redirect(_outbox_url(_outbox_filter(request.POST.get("status", ""))))
