"""The signed-in user's notifications: list, mark read. Only one's own; others' are 404."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from access.core.typing import AuthedRequest
from access.messaging import actions
from access.messaging.models import Notification


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
    messages.success(request, f"{count} notification{'s' if count != 1 else ''} marked as read.")
    return redirect("messaging:list")
