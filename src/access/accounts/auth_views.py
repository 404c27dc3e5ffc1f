"""Sign-in: banner + password, then TOTP (enrolling on first sign-in); sign-out."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from access.accounts import actions, mfa
from access.accounts.events import Event
from access.accounts.forms import LoginForm, PasswordChangeForm, TokenForm
from access.accounts.lockout import is_locked
from access.accounts.models import User, UserSession
from access.accounts.typing import AuthedRequest
from access.audit import events
from access.audit.choices import Outcome

PENDING_TTL_SECONDS = 300


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return settings.LOGIN_REDIRECT_URL and "/"


def _auth_event(
    action: str, username: str, outcome: str, user: User | None = None, **details: Any
) -> None:
    events.record(
        action,
        actor=user,
        actor_name=None if user else f"unauthenticated: {username}"[:200],
        object_type="accounts.user",
        object_id=user.pk if user else "",
        object_repr=username[:300],
        outcome=outcome,
        details=details,
    )


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.user.is_verified():  # type: ignore[attr-defined]
        return redirect("site:home")
    form = LoginForm(request=request, data=request.POST or None)
    locked = False
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        user = authenticate(request, username=username, password=form.cleaned_data["password"])
        if user is None:
            locked = is_locked(username) or bool(getattr(request, "axes_locked_out", False))
            _auth_event(
                Event.LOGIN_FAILED,
                username,
                Outcome.DENIED if locked else Outcome.FAILURE,
                reason="locked" if locked else "bad credentials",
            )
            if not locked:
                form.add_error(None, "The username or password is not correct.")
        else:
            request.session.cycle_key()
            request.session["pending_user"] = user.pk
            request.session["pending_since"] = time.time()
            request.session["pending_next"] = _safe_next(request, request.GET.get("next"))
            _auth_event(Event.PASSWORD_VERIFIED, username, Outcome.SUCCESS, user)
            if mfa.confirmed_device(user) is None:
                return redirect("accounts:mfa_enrol")
            return redirect("accounts:mfa")
    status = 403 if locked else (400 if request.method == "POST" else 200)
    return render(
        request,
        "accounts/login.html",
        {"form": form, "locked": locked, "banner": settings.ACCESS_BANNER},
        status=status,
    )


def _pending_user(request: HttpRequest) -> User | None:
    pk = request.session.get("pending_user")
    since = request.session.get("pending_since", 0)
    if pk is None or time.time() - since > PENDING_TTL_SECONDS:
        return None
    return User.objects.filter(pk=pk, is_active=True).first()


def _complete_login(request: HttpRequest, user: User, device: Any) -> HttpResponse:
    next_url = request.session.get("pending_next") or "/"
    for key in ("pending_user", "pending_since", "pending_next"):
        request.session.pop(key, None)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    otp_login(request, device)
    now = time.time()
    request.session["login_at"] = now
    request.session["last_seen"] = now
    request.session["epoch"] = user.session_epoch
    request.session.save()
    UserSession.objects.create(
        user=user,
        session_key=request.session.session_key or "",
        source_ip=request.META.get("REMOTE_ADDR"),
    )
    _auth_event(Event.LOGIN_SUCCESS, user.username, Outcome.SUCCESS, user)
    return redirect(next_url)


def _token_failed(request: HttpRequest, user: User, form: TokenForm, action: str) -> None:
    user_login_failed.send(
        sender=__name__, credentials={"username": user.username}, request=request
    )
    _auth_event(action, user.username, Outcome.FAILURE, user)
    form.add_error("token", "That code is not correct or was already used. Enter the current code.")


@require_http_methods(["GET", "POST"])
def mfa_view(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        messages.info(request, "Sign in with your username and password first.")
        return redirect("accounts:login")
    device = mfa.confirmed_device(user)
    if device is None:
        return redirect("accounts:mfa_enrol")
    form = TokenForm(request.POST or None)
    # The code is the one thing to type on this page: put the cursor there.
    form.fields["token"].widget.attrs["autofocus"] = True
    if request.method == "POST" and form.is_valid():
        if is_locked(user.username):
            return redirect("accounts:login")
        if device.verify_token(form.cleaned_data["token"]):
            return _complete_login(request, user, device)
        _token_failed(request, user, form, Event.MFA_FAILED)
    return render(
        request,
        "accounts/mfa.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def mfa_enrol_view(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        messages.info(request, "Sign in with your username and password first.")
        return redirect("accounts:login")
    if mfa.confirmed_device(user) is not None:
        return redirect("accounts:mfa")
    device = mfa.pending_device(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            _auth_event(Event.MFA_ENROLLED, user.username, Outcome.SUCCESS, user)
            return _complete_login(request, user, device)
        _token_failed(request, user, form, Event.MFA_ENROL_FAILED)
    return render(
        request,
        "accounts/mfa_enrol.html",
        {
            "form": form,
            "qr": mfa.qr_data_uri(device),
            "secret": mfa.secret_for_manual_entry(device),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_authenticated:
        UserSession.objects.filter(session_key=request.session.session_key).delete()
        _auth_event(Event.LOGOUT, user.username, Outcome.SUCCESS, user)
    logout(request)
    messages.success(request, "You have signed out.")
    return redirect("accounts:login")


@require_POST
def sign_out_everywhere_view(request: AuthedRequest) -> HttpResponse:
    actions.sign_out_everywhere(request.user)
    logout(request)
    messages.success(request, "Every session of your account has ended, including API tokens.")
    return redirect("accounts:login")


@require_http_methods(["GET", "POST"])
def password_change_view(request: AuthedRequest) -> HttpResponse:
    user = request.user
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.change_password(user, form.cleaned_data["new_password"])
        # Keep this session (its hash changed with the password) but end the others.
        from django.contrib.auth import update_session_auth_hash

        update_session_auth_hash(request, user)
        messages.success(request, "Your password has been changed.")
        return redirect("site:home")
    return render(
        request,
        "accounts/password_change.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )
