"""Account operations. Each is an explicit, audited action."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Q
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken

from access.accounts.choices import AccountStatus
from access.accounts.events import Event
from access.accounts.models import Role, User, UserSession
from access.audit import events
from access.audit.events import audited

ACCOUNT_FIELDS = [
    "username",
    "first_name",
    "last_name",
    "email",
    "agency_id",
    "status",
    "is_active",
]


def _account_snapshot(user: User) -> dict[str, Any]:
    data = events.snapshot(user, ACCOUNT_FIELDS)
    data["roles"] = sorted(user.roles.values_list("slug", flat=True))
    return data


def temporary_password() -> str:
    return "-".join(secrets.token_urlsafe(6) for _ in range(3))


@audited
def request_account(
    actor: User,
    *,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    agency: Any,
    roles: list[Role],
) -> User:
    """An administrator asks for an account; a different administrator must approve it."""
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": "This username is taken or was used before."})
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        agency=agency,
        status=AccountStatus.PENDING,
        is_active=False,
        requested_by=actor,
    )
    user.set_unusable_password()
    user.save()
    user.roles.set(roles)
    events.record(Event.ACCOUNT_REQUESTED, obj=user, after=_account_snapshot(user))
    return user


@audited
def approve_account(actor: User, user: User) -> str:
    """Activate a pending account and return a one-time temporary password to hand over."""
    if user.status != AccountStatus.PENDING:
        raise ValidationError("Only an account awaiting approval can be approved.")
    if user.requested_by_id == actor.pk:
        raise PermissionDenied("An account must be approved by someone other than its requester.")
    before = _account_snapshot(user)
    password = temporary_password()
    user.set_password(password)
    user.status = AccountStatus.ACTIVE
    user.is_active = True
    user.approved_by = actor
    user.approved_at = timezone.now()
    user.must_change_password = True
    user.password_changed_at = timezone.now()
    user.save()
    events.record(Event.ACCOUNT_APPROVED, obj=user, before=before, after=_account_snapshot(user))
    return password


@audited
def set_roles(actor: User, user: User, roles: list[Role]) -> None:
    """Change roles; the account must sign in again so no session keeps old rights."""
    before = _account_snapshot(user)
    user.roles.set(roles)
    _end_sessions(user)
    events.record(
        Event.ACCOUNT_ROLES_CHANGED, obj=user, before=before, after=_account_snapshot(user)
    )


@audited
def disable_account(actor: User, user: User, reason: str) -> None:
    if user.pk == actor.pk:
        raise ValidationError("You cannot disable your own account.")
    before = _account_snapshot(user)
    user.is_active = False
    user.status = AccountStatus.DISABLED
    user.disabled_reason = reason[:200]
    user.save(update_fields=["is_active", "status", "disabled_reason"])
    _end_sessions(user)
    events.record(
        Event.ACCOUNT_DISABLED,
        obj=user,
        before=before,
        after=_account_snapshot(user),
        details={"reason": reason},
    )


@audited
def enable_account(actor: User, user: User) -> None:
    if user.status != AccountStatus.DISABLED:
        raise ValidationError("Only a disabled account can be enabled.")
    before = _account_snapshot(user)
    user.is_active = True
    user.status = AccountStatus.ACTIVE
    user.disabled_reason = ""
    user.save(update_fields=["is_active", "status", "disabled_reason"])
    events.record(Event.ACCOUNT_ENABLED, obj=user, before=before, after=_account_snapshot(user))


@audited
def reset_password(actor: User, user: User) -> str:
    """A new temporary password; the account keeps its MFA device, so MFA is never bypassed."""
    password = temporary_password()
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    _end_sessions(user)
    events.record(Event.ACCOUNT_PASSWORD_RESET, obj=user)
    return password


@audited
def reset_mfa(actor: User, user: User) -> None:
    """Remove the account's authenticators; it enrols a new one at its next sign-in."""
    count, _ = TOTPDevice.objects.filter(user=user).delete()
    _end_sessions(user)
    events.record(Event.ACCOUNT_MFA_RESET, obj=user, details={"devices_removed": count})


@audited
def release_lockout(actor: User, username: str) -> int:
    released = axes_reset(username=username)
    events.record(
        Event.ACCOUNT_LOCKOUT_RELEASED,
        object_type="accounts.user",
        object_id=username,
        object_repr=username,
        details={"attempts_cleared": released},
    )
    return released


@audited
def change_password(actor: User, new_password: str) -> None:
    actor.set_password(new_password)
    actor.must_change_password = False
    actor.password_changed_at = timezone.now()
    actor.save(update_fields=["password", "must_change_password", "password_changed_at"])
    events.record(Event.PASSWORD_CHANGED, obj=actor)


@audited
def sign_out_everywhere(actor: User) -> int:
    ended = _end_sessions(actor)
    events.record(Event.SIGNED_OUT_EVERYWHERE, obj=actor, details={"sessions_ended": ended})
    return ended


def _end_sessions(user: User) -> int:
    """Raise the epoch (live sessions notice) and delete server-side sessions and API tokens."""
    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
    user.refresh_from_db(fields=["session_epoch"])
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    UserSession.objects.filter(user=user).delete()
    AuthToken.objects.filter(user=user).delete()
    return len(keys)


@audited
def disable_inactive_accounts(actor: Any) -> list[str]:
    """Disable accounts with no sign-in for ACCESS_ACCOUNT_INACTIVE_DAYS (a scheduled job)."""
    cutoff = timezone.now() - timedelta(days=settings.ACCESS_ACCOUNT_INACTIVE_DAYS)
    stale = User.objects.filter(status=AccountStatus.ACTIVE, is_active=True).filter(
        Q(last_login__lt=cutoff) | Q(last_login__isnull=True, approved_at__lt=cutoff)
    )
    names = []
    for user in stale:
        before = _account_snapshot(user)
        user.is_active = False
        user.status = AccountStatus.DISABLED
        user.disabled_reason = f"No sign-in for {settings.ACCESS_ACCOUNT_INACTIVE_DAYS} days"
        user.save(update_fields=["is_active", "status", "disabled_reason"])
        _end_sessions(user)
        events.record(
            Event.ACCOUNT_DISABLED_INACTIVE, obj=user, before=before, after=_account_snapshot(user)
        )
        names.append(user.username)
    return names


ADDRESS_FIELDS = ["address_street", "address_city", "address_state", "address_postcode"]


@audited
def set_address(actor: User, user: User, **address: str) -> None:
    """The account holder's own address: changed by the holder or an account administrator."""
    scope = actor.grant_scope("accounts.change_user")
    allowed = actor.pk == user.pk or scope == "all"
    allowed = allowed or (scope == "agency" and actor.agency_id == user.agency_id)
    if not allowed:
        raise PermissionDenied("You cannot change this account's address.")
    unknown = set(address) - set(ADDRESS_FIELDS)
    if unknown:
        raise ValidationError(f"Not address fields: {', '.join(sorted(unknown))}.")
    before = events.snapshot(user, ADDRESS_FIELDS)
    for name, value in address.items():
        setattr(user, name, value.strip())
    after = events.snapshot(user, ADDRESS_FIELDS)
    if after == before:
        return
    user.save(update_fields=list(address))
    events.record(
        Event.ACCOUNT_ADDRESS_CHANGED,
        obj=user,
        before=before,
        after=after,
        details={"by": "holder" if actor.pk == user.pk else "administrator"},
    )


# API tokens ----------------------------------------------------------------------------------


class TokenLimitReached(ValidationError):
    """The user already holds the most live tokens allowed; nothing was issued."""


def token_limit() -> int:
    return int(settings.REST_KNOX["TOKEN_LIMIT_PER_USER"])  # type: ignore[call-overload]


def live_tokens(user: User) -> Any:
    return AuthToken.objects.filter(user=user, expiry__gt=timezone.now())


@audited
def issue_token(actor: User) -> tuple[AuthToken, str]:
    """A token for the actor's own use (the caller has checked the session passed MFA).

    Refused when the actor already holds ``TOKEN_LIMIT_PER_USER`` live tokens (decision 8);
    expired ones do not count. Returns the stored token and its secret, shown once."""
    # Lock the user's row so two requests at once cannot both pass the count.
    User.objects.select_for_update().filter(pk=actor.pk).first()
    limit = token_limit()
    if live_tokens(actor).count() >= limit:
        raise TokenLimitReached(
            f"You already hold {limit} live API tokens, the most allowed. "
            "Revoke one before issuing another."
        )
    instance, token = AuthToken.objects.create(user=actor)
    events.record(
        Event.TOKEN_ISSUED,
        actor=actor,
        object_type="knox.authtoken",
        object_id=instance.token_key,
        details={"expiry": instance.expiry},
    )
    return instance, token


@audited
def revoke_tokens(
    actor: User, *, token_key: str = "", current: AuthToken | None = None, everything: bool = False
) -> int:
    """Revoke the actor's own tokens: one by its key, the one in use (``current``), or all of
    them; another user's token is never touched. Returns how many were revoked."""
    query = AuthToken.objects.filter(user=actor)
    if everything:
        pass
    elif current is not None:
        query = query.filter(pk=current.pk)
    elif token_key:
        query = query.filter(token_key=token_key[:64])
    else:
        query = query.none()
    count, _ = query.delete()
    events.record(
        Event.TOKEN_REVOKED,
        actor=actor,
        object_type="knox.authtoken",
        object_id=token_key[:64] if token_key else "",
        details={"revoked": count, "all": everything},
    )
    return count
