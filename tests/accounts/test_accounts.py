"""Account creation needs a second administrator; passwords follow NIST/CJIS rules."""

from __future__ import annotations

import pytest
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from tests.conftest import sign_in

from access.accounts.models import Role, User
from access.audit.models import AuditEvent


def _request_account(admin: Client, agency) -> User:
    role = Role.objects.get(slug="agency_officer")
    response = admin.post(
        reverse("accounts:user_request"),
        {
            "username": "new.officer",
            "first_name": "New",
            "last_name": "Officer",
            "email": "new.officer@example.gov",
            "agency": agency.pk,
            "roles": [role.pk],
        },
    )
    assert response.status_code == 302
    return User.objects.get(username="new.officer")


def test_a_requested_account_cannot_sign_in_until_approved(client_as, agency_a):
    admin = client_as("system_administrator")
    user = _request_account(admin, agency_a)
    assert user.status == "pending" and not user.is_active and not user.has_usable_password()
    assert (
        AuditEvent.objects.filter(action="account.requested", object_id=str(user.pk)).count() == 1
    )


def test_the_requester_cannot_approve_their_own_request(client_as, agency_a):
    admin = client_as("system_administrator")
    user = _request_account(admin, agency_a)
    admin.post(reverse("accounts:user_action", args=[user.pk, "approve"]))
    user.refresh_from_db()
    assert user.status == "pending" and not user.is_active
    assert not AuditEvent.objects.filter(action="account.approved").exists()


def test_a_second_administrator_approves_and_gets_a_one_time_password(
    client_as, make_user, agency_a
):
    first = client_as("system_administrator")
    user = _request_account(first, agency_a)
    second = client_as(make_user("system_administrator", username="second.admin"))
    second.post(reverse("accounts:user_action", args=[user.pk, "approve"]))
    user.refresh_from_db()
    assert user.status == "active" and user.is_active and user.must_change_password
    assert user.approved_by.username == "second.admin"
    page = second.get(reverse("accounts:user_detail", args=[user.pk])).content.decode()
    assert 'id="temporary-password"' in page
    again = second.get(reverse("accounts:user_detail", args=[user.pk])).content.decode()
    assert 'id="temporary-password"' not in again


def test_usernames_are_never_reused(client_as, agency_a, make_user):
    make_user("agency_officer", username="new.officer", is_active=False)
    admin = client_as("system_administrator")
    role = Role.objects.get(slug="agency_officer")
    response = admin.post(
        reverse("accounts:user_request"),
        {
            "username": "NEW.officer",
            "first_name": "N",
            "last_name": "O",
            "email": "n@example.gov",
            "agency": agency_a.pk,
            "roles": [role.pk],
        },
    )
    assert response.status_code == 400
    assert "taken or was used before" in response.content.decode()
    assert User.objects.filter(username__iexact="new.officer").count() == 1


@pytest.mark.parametrize("role", ["agency_liaison", "ice_program_manager", "oversight_auditor"])
def test_only_administrators_manage_accounts(client_as, role, agency_a):
    client = client_as(role)
    count = User.objects.count()
    assert client.get(reverse("accounts:user_list")).status_code == 404
    response = client.post(
        reverse("accounts:user_request"),
        {
            "username": "x",
            "first_name": "x",
            "last_name": "x",
            "email": "x@example.gov",
            "agency": agency_a.pk,
        },
    )
    assert response.status_code == 404
    assert User.objects.count() == count


def test_password_reset_keeps_the_authenticator(client_as, make_user):
    user = make_user("agency_liaison")
    admin = client_as("system_administrator")
    admin.post(reverse("accounts:user_action", args=[user.pk, "reset_password"]))
    user.refresh_from_db()
    assert user.must_change_password
    assert user.totpdevice_set.filter(confirmed=True).count() == 1


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short1!", "too short"),
        ("password123", "too common"),
        ("x" * 129, "longer than 128"),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(db, password, message):
    with pytest.raises(ValidationError) as error:
        password_validation.validate_password(password)
    assert message in " ".join(error.value.messages)


@pytest.mark.parametrize(
    "password",
    ["correct horse battery staple", "ü" * 64, "a b c d e f g h", "~!@#$%^&*()_+{}|:<>?"],
)
def test_long_passphrases_with_spaces_and_symbols_are_accepted_untruncated(db, password, make_user):
    password_validation.validate_password(password)
    user = make_user("agency_liaison")
    user.set_password(password)
    assert user.check_password(password)
    assert not user.check_password(password[:-1])


def test_account_review_report_lists_every_account(client_as, make_user):
    make_user("agency_officer", username="reviewed.one")
    admin = client_as("system_administrator")
    response = admin.get(reverse("accounts:account_review"))
    body = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert (
        body.splitlines()[0]
        == "Username,Name,Agency,Roles,Status,Last sign-in,Approved by,Approved"
    )
    assert "reviewed.one" in body
    assert len(body.strip().splitlines()) == User.objects.count() + 1


def test_sign_in_reaches_a_role_home_with_its_queue(make_user):
    admin = make_user("system_administrator")
    pending = make_user(
        "agency_officer", username="waiting.user", status="pending", is_active=False
    )
    pending.requested_by = make_user("system_administrator", username="other.admin")
    pending.save()
    page = sign_in(Client(), admin).get("/").content.decode()
    assert "Accounts awaiting action" in page
    assert "Approve account waiting.user" in page


def test_a_program_manager_sees_one_counted_item_for_agencies_without_an_ori(
    make_user, make_agency
):
    make_agency(name="No ORI One", ori="")
    make_agency(name="No ORI Two", ori="")
    page = sign_in(Client(), make_user("ice_program_manager")).get("/").content.decode()
    assert "Add the ORI of 2 agencies" in page
    assert "/agencies/?has_ori=no" in page
