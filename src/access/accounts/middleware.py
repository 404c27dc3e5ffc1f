"""Session policy: idle and absolute timeouts, epoch (sign-out everywhere), password age."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from access.accounts.events import Event
from access.audit import events
from access.audit.choices import Outcome

_PASSWORD_EXEMPT = ("/accounts/password/", "/accounts/logout/", "/static/")


class SessionPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        # Token-authenticated API calls carry no session; DRF checks the token itself.
        if user.is_authenticated and "login_at" in request.session:
            ended = self._ended(request)
            if ended:
                events.record(
                    Event.SESSION_ENDED,
                    actor=user,
                    obj=user,
                    outcome=Outcome.SUCCESS,
                    details={"reason": ended},
                )
                logout(request)
                messages.info(request, f"Your session ended ({ended}). Sign in again.")
                return redirect("accounts:login")
            now = time.time()
            # Write the session at most once a minute to keep page loads cheap.
            if now - request.session.get("last_seen", 0) > 60:
                request.session["last_seen"] = now
            if self._password_change_due(user) and not request.path.startswith(_PASSWORD_EXEMPT):
                messages.warning(request, "You must change your password before you continue.")
                return redirect("accounts:password_change")
        return self.get_response(request)

    @staticmethod
    def _ended(request: HttpRequest) -> str | None:
        session, now = request.session, time.time()
        if session.get("epoch") != getattr(request.user, "session_epoch", None):
            return "signed out everywhere or the account changed"
        if now - session.get("last_seen", 0) > settings.ACCESS_SESSION_IDLE.total_seconds():
            return "30 minutes without activity"
        if now - session.get("login_at", 0) > settings.ACCESS_SESSION_ABSOLUTE.total_seconds():
            return "12-hour limit reached"
        return None

    @staticmethod
    def _password_change_due(user: Any) -> bool:
        if user.must_change_password:
            return True
        changed = user.password_changed_at
        return changed is not None and timezone.now() - changed > settings.ACCESS_PASSWORD_MAX_AGE
