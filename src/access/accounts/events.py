"""The accounts app's audit events (declared: ``audit.registry``)."""

from __future__ import annotations

from access.audit.registry import EventSet


class Event(EventSet):
    LOGIN_SUCCESS = "auth.login_success"
    LOGIN_FAILED = "auth.login_failed"
    PASSWORD_VERIFIED = "auth.password_verified"  # nosec B105 (an event name)
    MFA_FAILED = "auth.mfa_failed"
    MFA_ENROLLED = "auth.mfa_enrolled"
    MFA_ENROL_FAILED = "auth.mfa_enrol_failed"
    LOGOUT = "auth.logout"
    SESSION_ENDED = "auth.session_ended"
    SIGNED_OUT_EVERYWHERE = "auth.signed_out_everywhere"
    PASSWORD_CHANGED = "auth.password_changed"  # nosec B105 (an event name)
    ACCOUNT_REQUESTED = "account.requested"
    ACCOUNT_APPROVED = "account.approved"
    ACCOUNT_ROLES_CHANGED = "account.roles_changed"
    ACCOUNT_DISABLED = "account.disabled"
    ACCOUNT_DISABLED_INACTIVE = "account.disabled_inactive"
    ACCOUNT_ENABLED = "account.enabled"
    ACCOUNT_PASSWORD_RESET = "account.password_reset"  # nosec B105 (an event name)
    ACCOUNT_MFA_RESET = "account.mfa_reset"
    ACCOUNT_LOCKOUT_RELEASED = "account.lockout_released"
    ACCOUNT_ADDRESS_CHANGED = "account.address_changed"
    ACCOUNT_REVIEW_EXPORTED = "account.review_exported"
    ACCOUNT_SEEDED = "account.seeded"
    TOKEN_ISSUED = "api.token_issued"  # nosec B105 (an event name)
    TOKEN_REVOKED = "api.token_revoked"  # nosec B105 (an event name)
    CHOICES = [
        (LOGIN_SUCCESS, "Signed in", ""),
        (LOGIN_FAILED, "Sign-in failed", ""),
        (PASSWORD_VERIFIED, "Password accepted (one-time code next)", ""),
        (MFA_FAILED, "One-time code refused", ""),
        (MFA_ENROLLED, "Authenticator enrolled", ""),
        (MFA_ENROL_FAILED, "Authenticator enrolment failed", ""),
        (LOGOUT, "Signed out", ""),
        (SESSION_ENDED, "Session ended", ""),
        (SIGNED_OUT_EVERYWHERE, "Signed out of every session", ""),
        (PASSWORD_CHANGED, "Password changed", ""),
        (ACCOUNT_REQUESTED, "Account requested", ""),
        (ACCOUNT_APPROVED, "Account approved", ""),
        (ACCOUNT_ROLES_CHANGED, "Account roles changed", ""),
        (ACCOUNT_DISABLED, "Account disabled", ""),
        (ACCOUNT_DISABLED_INACTIVE, "Account disabled after 90 days without use", ""),
        (ACCOUNT_ENABLED, "Account enabled", ""),
        (ACCOUNT_PASSWORD_RESET, "Password reset by an administrator", ""),
        (ACCOUNT_MFA_RESET, "Authenticator reset by an administrator", ""),
        (ACCOUNT_LOCKOUT_RELEASED, "Lockout released", ""),
        (ACCOUNT_ADDRESS_CHANGED, "Work address changed", ""),
        (ACCOUNT_REVIEW_EXPORTED, "Annual account review exported", ""),
        (ACCOUNT_SEEDED, "Demo account created", ""),
        (TOKEN_ISSUED, "API token issued", ""),
        (TOKEN_REVOKED, "API token revoked", ""),
    ]
