"""Account administration (system administrators) and a user's own API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST
from knox.models import AuthToken

from access.accounts import actions
from access.accounts.events import Event
from access.accounts.forms import AccountRequestForm, AddressForm, ReasonForm, RolesForm
from access.accounts.lockout import locked_usernames
from access.accounts.models import User
from access.accounts.typing import AuthedRequest
from access.audit import events
from access.core.exports import rows_to_response


def _require(request: AuthedRequest, permission: str) -> None:
    if not request.user.can(permission):
        raise Http404("Not found")


def _scoped_user(request: AuthedRequest, pk: int, action: str = "view") -> User:
    user = User.objects.filter(pk=pk).first()
    if user is None or not request.user.can(f"accounts.{action}_user"):
        raise Http404("Not found")
    scope = request.user.grant_scope(f"accounts.{action}_user")
    if scope == "agency" and user.agency_id != request.user.agency_id:
        raise Http404("Not found")
    return user


def user_list(request: AuthedRequest) -> HttpResponse:
    _require(request, "accounts.view_user")
    users = User.objects.select_related("agency").prefetch_related("roles").order_by("username")
    return render(
        request,
        "accounts/user_list.html",
        {
            "users": users,
            "locked": locked_usernames(),
            "can_add": request.user.can("accounts.add_user"),
        },
    )


@require_http_methods(["GET", "POST"])
def user_request(request: AuthedRequest) -> HttpResponse:
    _require(request, "accounts.add_user")
    form = AccountRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.request_account(request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Account {user.username} requested. Another administrator "
                "must approve it before it can sign in.",
            )
            return redirect("accounts:user_detail", pk=user.pk)
    return render(
        request,
        "core/object_edit.html",
        {"form": form, "title": "Request an account"},
        status=400 if request.method == "POST" else 200,
    )


def user_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    user = _scoped_user(request, pk)
    return render(
        request,
        "accounts/user_detail.html",
        {
            "account": user,
            "roles_form": RolesForm(initial={"roles": user.roles.all()}),
            "reason_form": ReasonForm(),
            "temporary_password": request.session.pop("temp_password", None),
            "can_approve": request.user.can("accounts.approve_user")
            and user.requested_by_id != request.user.pk,
            "locked": user.username in locked_usernames(),
            "can_change": request.user.can("accounts.change_user"),
        },
    )


@require_POST
def user_action(request: AuthedRequest, pk: int, operation: str) -> HttpResponse:
    user = _scoped_user(request, pk, "approve" if operation == "approve" else "change")
    try:
        if operation == "approve":
            request.session["temp_password"] = actions.approve_account(request.user, user)
            messages.success(
                request,
                "Account approved. Hand over the temporary password below "
                "in person; it is shown once and must be changed at first sign-in.",
            )
        elif operation == "roles":
            form = RolesForm(request.POST)
            if not form.is_valid():
                raise ValidationError("Choose valid roles.")
            actions.set_roles(request.user, user, list(form.cleaned_data["roles"]))
            messages.success(request, "Roles changed. The account must sign in again.")
        elif operation == "disable":
            reason = ReasonForm(request.POST)
            if not reason.is_valid():
                raise ValidationError("Give a reason for disabling the account.")
            actions.disable_account(request.user, user, reason.cleaned_data["reason"])
            messages.success(request, "Account disabled; its sessions and tokens have ended.")
        elif operation == "enable":
            actions.enable_account(request.user, user)
            messages.success(request, "Account enabled.")
        elif operation == "reset_password":
            request.session["temp_password"] = actions.reset_password(request.user, user)
            messages.success(request, "Password reset. MFA is unchanged.")
        elif operation == "reset_mfa":
            actions.reset_mfa(request.user, user)
            messages.success(
                request, "Authenticator removed; the account enrols a new one at sign-in."
            )
        elif operation == "release":
            actions.release_lockout(request.user, user.username)
            messages.success(request, "Lockout released.")
        else:
            raise Http404("Not found")
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return redirect("accounts:user_detail", pk=user.pk)


def account_review(request: AuthedRequest) -> HttpResponse:
    """The annual account review: every account, its roles, approver and last sign-in."""
    _require(request, "accounts.view_user")
    users = User.objects.select_related("agency", "approved_by").prefetch_related("roles")
    events.record(
        Event.ACCOUNT_REVIEW_EXPORTED,
        actor=request.user,
        object_type="accounts.user",
        details={"rows": users.count()},
    )
    return rows_to_response(
        "account-review",
        request.GET.get("format", "csv") if request.GET.get("format") == "xlsx" else "csv",
        [
            "Username",
            "Name",
            "Agency",
            "Roles",
            "Status",
            "Last sign-in",
            "Approved by",
            "Approved",
        ],
        (
            [
                u.username,
                u.get_full_name(),
                str(u.agency or ""),
                ", ".join(r.name for r in u.roles.all()),
                u.status,
                u.last_login.isoformat() if u.last_login else "",
                u.approved_by.username if u.approved_by else "",
                u.approved_at.isoformat() if u.approved_at else "",
            ]
            for u in users
        ),
    )


@require_http_methods(["GET", "POST"])
def tokens(request: AuthedRequest) -> HttpResponse:
    """A user's own API tokens: issue (shown once) and revoke."""
    new_token = None
    if request.method == "POST":
        if request.POST.get("revoke"):
            actions.revoke_tokens(request.user, token_key=request.POST["revoke"])
            messages.success(request, "Token revoked.")
            return redirect("accounts:tokens")
        try:
            _instance, new_token = actions.issue_token(request.user)
        except actions.TokenLimitReached as refused:
            messages.error(request, refused.messages[0])
    return render(
        request,
        "accounts/tokens.html",
        {
            "tokens": AuthToken.objects.filter(user=request.user).order_by("-created"),
            "new_token": new_token,
        },
    )


def _address_page(request: AuthedRequest, account: User, own: bool) -> HttpResponse:
    initial = {name: getattr(account, name) for name in actions.ADDRESS_FIELDS}
    form = AddressForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.set_address(
                request.user,
                account,
                **{name: form.cleaned_data[name] for name in actions.ADDRESS_FIELDS},
            )
        except (ValidationError, PermissionDenied):
            raise Http404("Not found") from None
        messages.success(request, "Address saved.")
        if own:
            return redirect("accounts:profile")
        return redirect("accounts:user_detail", pk=account.pk)
    return render(
        request,
        "accounts/address.html",
        {"account": account, "form": form, "own": own},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def profile(request: AuthedRequest) -> HttpResponse:
    """Your own account: who you are in ACCESS, and your address."""
    return _address_page(request, request.user, own=True)


@require_http_methods(["GET", "POST"])
def user_address(request: AuthedRequest, pk: int) -> HttpResponse:
    """An account administrator records or corrects an account holder's address."""
    account = _scoped_user(request, pk, "change")
    if account.pk == request.user.pk:
        return redirect("accounts:profile")
    return _address_page(request, account, own=False)
