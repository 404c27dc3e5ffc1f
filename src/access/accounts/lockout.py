"""Lockout on django-axes: 5 failures within 15 minutes lock until an administrator releases."""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


class WindowedAxesHandler(AxesDatabaseHandler):
    """Forget a run of failures once 15 minutes pass without reaching the limit.

    Axes without a cool-off counts failures forever; CJIS counts them within a window. A
    locked account stays locked (no cool-off) until ``release_lockout``.
    """

    def user_login_failed(
        self, sender: Any, credentials: dict, request: Any = None, **kwargs: Any
    ) -> None:
        username = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD)
        if username:
            AccessAttempt.objects.filter(
                username=username,
                attempt_time__lt=timezone.now() - settings.ACCESS_LOCKOUT_WINDOW,
                failures_since_start__lt=settings.AXES_FAILURE_LIMIT,
            ).delete()
        super().user_login_failed(sender, credentials, request, **kwargs)


def is_locked(username: str) -> bool:
    return AccessAttempt.objects.filter(
        username=username, failures_since_start__gte=settings.AXES_FAILURE_LIMIT
    ).exists()


def locked_usernames() -> list[str]:
    return list(
        AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("username")
        .values_list("username", flat=True)
        .distinct()
    )


def lockout_response(
    request: HttpRequest, response: Any = None, credentials: Any = None
) -> HttpResponse:
    from access.accounts.forms import LoginForm

    form = LoginForm(request=request, data=request.POST or None)
    return render(
        request,
        "accounts/login.html",
        {"form": form, "locked": True, "banner": settings.ACCESS_BANNER},
        status=403,
    )
