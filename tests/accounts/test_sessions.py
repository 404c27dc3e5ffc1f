"""Session policy: idle and absolute limits, sign out everywhere, account changes end sessions."""

from __future__ import annotations

import time

from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from knox.models import AuthToken
from tests.conftest import sign_in

from access.accounts.models import Role


def _age_session(client: Client, **offsets: float) -> None:
    session = client.session
    for key, seconds in offsets.items():
        session[key] = time.time() - seconds
    session.save()


def test_idle_for_30_minutes_ends_the_session(client_as):
    client = client_as("agency_liaison")
    _age_session(client, last_seen=31 * 60)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")
    assert client.get("/").status_code == 302


def test_29_minutes_idle_keeps_the_session(client_as):
    client = client_as("agency_liaison")
    _age_session(client, last_seen=29 * 60)
    assert client.get("/").status_code == 200


def test_twelve_hours_after_sign_in_the_session_ends_even_when_active(client_as):
    client = client_as("agency_liaison")
    _age_session(client, login_at=12 * 3600 + 1, last_seen=10)
    assert client.get("/").status_code == 302


def test_sign_out_ends_the_server_side_session(client_as):
    client = client_as("agency_liaison")
    key = client.session.session_key
    client.post(reverse("accounts:logout"))
    assert not Session.objects.filter(session_key=key).exists()


def test_sign_out_everywhere_ends_every_session_and_token(client_as, make_user):
    user = make_user("agency_liaison")
    laptop, phone = sign_in(Client(), user), sign_in(Client(), user)
    AuthToken.objects.create(user=user)
    laptop.post(reverse("accounts:logout_everywhere"))
    assert phone.get("/").status_code == 302
    assert AuthToken.objects.filter(user=user).count() == 0
    assert Session.objects.count() == 0


def test_disabling_an_account_ends_its_sessions(client_as, make_user):
    user = make_user("agency_liaison")
    session = sign_in(Client(), user)
    admin = client_as("system_administrator")
    admin.post(reverse("accounts:user_action", args=[user.pk, "disable"]), {"reason": "left"})
    user.refresh_from_db()
    assert not user.is_active
    assert session.get("/").status_code == 302


def test_a_role_change_forces_sign_in_again(client_as, make_user):
    user = make_user("agency_liaison")
    session = sign_in(Client(), user)
    admin = client_as("system_administrator")
    officer = Role.objects.get(slug="agency_officer")
    admin.post(reverse("accounts:user_action", args=[user.pk, "roles"]), {"roles": [officer.pk]})
    assert list(user.roles.values_list("slug", flat=True)) == ["agency_officer"]
    assert session.get("/").status_code == 302


def test_a_forced_password_change_blocks_other_pages(make_user):
    user = make_user("agency_liaison", must_change_password=True)
    client = sign_in(Client(), user)
    response = client.get("/")
    assert response["Location"] == reverse("accounts:password_change")
    response = client.post(
        reverse("accounts:password_change"),
        {
            "current_password": "correct horse battery staple",
            "new_password": "a brand new passphrase 2026",
            "confirm_password": "a brand new passphrase 2026",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.must_change_password
    assert client.get("/").status_code == 200


def test_a_password_older_than_a_year_must_be_changed(make_user):
    from django.utils import timezone

    user = make_user(
        "agency_liaison", password_changed_at=timezone.now() - timezone.timedelta(days=366)
    )
    client = sign_in(Client(), user)
    assert client.get("/")["Location"] == reverse("accounts:password_change")


def test_inactive_accounts_are_disabled_by_the_scheduled_job(make_user):
    from django.utils import timezone

    from access.accounts.tasks import disable_inactive_accounts

    stale = make_user("agency_liaison", last_login=timezone.now() - timezone.timedelta(days=91))
    fresh = make_user("agency_liaison", last_login=timezone.now() - timezone.timedelta(days=89))
    result = disable_inactive_accounts.call()
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert result == [stale.username]
    assert not stale.is_active and fresh.is_active
