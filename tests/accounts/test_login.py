"""Sign-in: banner, password, TOTP, enrolment, lockout, and what each writes to the audit trail."""

from __future__ import annotations

import time

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from tests.conftest import PASSWORD, otp_code

from access.audit.models import AuditEvent

LOGIN = "/accounts/login/"


def post_login(client: Client, username: str, password: str = PASSWORD, ack: bool = True):
    data = {"username": username, "password": password}
    if ack:
        data["acknowledge"] = "on"
    return client.post(LOGIN, data)


def test_login_page_shows_the_system_use_banner(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    body = response.content.decode()
    assert "monitored, recorded and subject to audit" in body
    assert "consent" in body


def test_password_without_banner_acknowledgement_is_refused(db, make_user, client):
    user = make_user("agency_liaison")
    response = post_login(client, user.username, ack=False)
    assert response.status_code == 400
    assert "Acknowledge the system-use notice" in response.content.decode()
    assert "pending_user" not in client.session


def test_full_sign_in_with_password_then_totp(db, make_user, client):
    user = make_user("agency_liaison")
    before_key = client.session.session_key
    response = post_login(client, user.username)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:mfa")
    # Password alone grants nothing.
    assert client.get("/").status_code == 302
    response = client.post(reverse("accounts:mfa"), {"token": otp_code(user)})
    assert response.status_code == 302
    home = client.get("/")
    assert home.status_code == 200
    assert client.session.session_key != before_key
    actions = list(AuditEvent.objects.filter(actor=user).values_list("action", flat=True))
    assert "auth.password_verified" in actions and "auth.login_success" in actions


def test_a_totp_code_works_only_once(db, make_user):
    user = make_user("agency_liaison")
    code = otp_code(user)
    first, second = Client(), Client()
    post_login(first, user.username)
    assert first.post(reverse("accounts:mfa"), {"token": code}).status_code == 302
    post_login(second, user.username)
    response = second.post(reverse("accounts:mfa"), {"token": code})
    assert response.status_code == 400
    assert "already used" in response.content.decode()
    assert second.get("/").status_code == 302


def test_wrong_password_fails_with_a_generic_message_and_is_audited(db, make_user, client):
    user = make_user("agency_liaison")
    response = post_login(client, user.username, password="wrong password here")
    assert response.status_code == 400
    assert "The username or password is not correct." in response.content.decode()
    event = AuditEvent.objects.get(action="auth.login_failed")
    assert event.outcome == "failure"
    assert event.object_repr == user.username


def test_first_sign_in_enrols_an_authenticator_with_a_qr_code(db, make_user, client):
    user = make_user("agency_liaison", mfa=False)
    response = post_login(client, user.username)
    assert response["Location"] == reverse("accounts:mfa_enrol")
    page = client.get(reverse("accounts:mfa_enrol"))
    assert 'src="data:image/svg+xml' in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    from access.site.management.commands.demo_otp import current_code

    response = client.post(reverse("accounts:mfa_enrol"), {"token": current_code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(action="auth.mfa_enrolled", actor=user).count() == 1


def test_five_failures_lock_the_account_even_with_the_right_password(db, make_user, client):
    user = make_user("agency_liaison")
    for _ in range(5):
        post_login(client, user.username, password="not the password")
    response = post_login(client, user.username)
    assert response.status_code == 403
    assert "This account is locked" in response.content.decode()
    assert "pending_user" not in client.session


def test_four_failures_do_not_lock(db, make_user, client):
    user = make_user("agency_liaison")
    for _ in range(4):
        post_login(client, user.username, password="not the password")
    assert post_login(client, user.username).status_code == 302


def test_failures_older_than_15_minutes_do_not_count(db, make_user, client):
    user = make_user("agency_liaison")
    for _ in range(4):
        post_login(client, user.username, password="not the password")
    AccessAttempt.objects.filter(username=user.username).update(
        attempt_time=timezone.now() - timezone.timedelta(minutes=16)
    )
    post_login(client, user.username, password="not the password")
    assert AccessAttempt.objects.get(username=user.username).failures_since_start == 1
    assert post_login(client, user.username).status_code == 302


def test_wrong_totp_codes_count_towards_lockout(db, make_user, client):
    user = make_user("agency_liaison")
    for _ in range(5):
        post_login(client, user.username)
        client.post(reverse("accounts:mfa"), {"token": "000000"})
    response = post_login(client, user.username)
    assert response.status_code == 403


def test_an_administrator_releases_a_lockout_and_it_is_audited(db, make_user, client_as, client):
    user = make_user("agency_liaison")
    for _ in range(5):
        post_login(client, user.username, password="not the password")
    admin = client_as("system_administrator")
    response = admin.post(reverse("accounts:user_action", args=[user.pk, "release"]))
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username=user.username).exists()
    event = AuditEvent.objects.get(action="account.lockout_released")
    assert event.actor == admin.user and event.object_id == user.username
    assert post_login(Client(), user.username).status_code == 302


@pytest.mark.parametrize("role", ["agency_liaison", "lesc_analyst", "oversight_auditor"])
def test_no_one_but_an_administrator_can_release_a_lockout(db, make_user, client_as, role):
    user = make_user("agency_officer")
    for _ in range(5):
        post_login(Client(), user.username, password="not the password")
    response = client_as(role).post(reverse("accounts:user_action", args=[user.pk, "release"]))
    assert response.status_code == 404
    assert AccessAttempt.objects.get(username=user.username).failures_since_start == 5


def test_an_open_redirect_after_sign_in_is_refused(db, make_user, client):
    user = make_user("agency_liaison")
    client.post(
        LOGIN + "?next=https://evil.example/",
        {"username": user.username, "password": PASSWORD, "acknowledge": "on"},
    )
    response = client.post(reverse("accounts:mfa"), {"token": otp_code(user)})
    assert response["Location"] == "/"


def test_disabled_account_cannot_sign_in(db, make_user, client):
    user = make_user("agency_liaison", is_active=False)
    response = post_login(client, user.username)
    assert response.status_code == 400
    assert "pending_user" not in client.session


@pytest.mark.parametrize(
    ("drift", "used_offset"),
    [(0, None), (0, 0), (-1, 0), (-1, -1), (1, 0)],
    ids=["fresh", "used this step", "late code", "late code, earlier step", "early code"],
)
def test_the_test_code_helper_gives_a_code_the_device_accepts(make_user, drift, used_offset):
    """The browser tests sign the same person in twice; a code accepted one step late leaves
    the device drifted, and the next code must still be one the device takes."""
    user = make_user("agency_officer")
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    step_now = int((time.time() - device.t0) // device.step) + drift
    device.drift = drift
    device.last_t = -1 if used_offset is None else step_now + used_offset
    device.save()
    last_t = device.last_t

    assert device.verify_token(otp_code(user))
    device.refresh_from_db()
    assert device.last_t > last_t
