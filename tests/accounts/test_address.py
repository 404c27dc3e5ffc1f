"""An account holder's address: optional, set by the holder on their account page or by an
account administrator, validated, audited; nobody else can change it."""

from __future__ import annotations

import pytest

from access.accounts.models import User
from access.audit.models import AuditEvent

ADDRESS = {
    "address_street": "120 Main Street Apt 4",
    "address_city": "Naples",
    "address_state": "fl",
    "address_postcode": "34102",
}


def _address(user: User) -> tuple[str, str, str, str]:
    user.refresh_from_db()
    return (user.address_street, user.address_city, user.address_state, user.address_postcode)


def test_the_holder_sets_their_own_address(client_as, agency_a):
    client = client_as("agency_officer", agency_a)
    page = client.get("/accounts/me/")
    assert page.status_code == 200
    assert "Your account" in page.content.decode() and "Address on record:</strong> none" in (
        page.content.decode()
    )
    saved = client.post("/accounts/me/", ADDRESS)
    assert saved.status_code == 302 and saved["Location"] == "/accounts/me/"
    assert _address(client.user) == ("120 Main Street Apt 4", "Naples", "FL", "34102")
    event = AuditEvent.objects.get(action="account.address_changed")
    assert event.object_id == str(client.user.pk) and event.actor_id == client.user.pk
    assert event.before["address_street"] == "" and event.after["address_state"] == "FL"
    assert event.details == {"by": "holder"}
    # Saving the same address again changes nothing and records nothing.
    assert client.post("/accounts/me/", {**ADDRESS, "address_state": "FL"}).status_code == 302
    assert AuditEvent.objects.filter(action="account.address_changed").count() == 1
    # Clearing it is a change too.
    client.post("/accounts/me/", dict.fromkeys(ADDRESS, ""))
    assert _address(client.user) == ("", "", "", "")
    assert AuditEvent.objects.filter(action="account.address_changed").count() == 2


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("address_state", "Florida", "two-letter state code"),
        ("address_state", "F1", "two-letter state code"),
        ("address_postcode", "3410", "Use 5 digits"),
        ("address_postcode", "ABCDE", "Use 5 digits"),
    ],
)
def test_invalid_values_are_refused_and_nothing_changes(client_as, agency_a, field, value, message):
    client = client_as("agency_officer", agency_a)
    before = (_address(client.user), AuditEvent.objects.count())
    response = client.post("/accounts/me/", {**ADDRESS, field: value})
    assert response.status_code == 400 and message in response.content.decode()
    assert (_address(client.user), AuditEvent.objects.count()) == before


def test_an_administrator_changes_an_accounts_address(client_as, make_user, agency_a):
    officer = make_user("agency_officer", agency_a)
    admin = client_as("system_administrator")
    detail = admin.get(f"/accounts/users/{officer.pk}/").content.decode()
    assert f"/accounts/users/{officer.pk}/address/" in detail
    assert admin.get(f"/accounts/users/{officer.pk}/address/").status_code == 200
    saved = admin.post(f"/accounts/users/{officer.pk}/address/", ADDRESS)
    assert saved.status_code == 302 and saved["Location"] == f"/accounts/users/{officer.pk}/"
    assert _address(officer)[0] == "120 Main Street Apt 4"
    event = AuditEvent.objects.get(action="account.address_changed")
    assert event.actor_id == admin.user.pk and event.details == {"by": "administrator"}
    assert "120 Main Street Apt 4" in admin.get(f"/accounts/users/{officer.pk}/").content.decode()


def test_nobody_else_changes_an_address(client_as, make_user, agency_a, agency_b):
    officer = make_user("agency_officer", agency_a, address_street="1 Elm St")
    others = [
        client_as("agency_officer", agency_a),
        client_as("agency_liaison", agency_a),
        client_as("oversight_auditor"),
        client_as("agency_officer", agency_b),
    ]
    before = (_address(officer), AuditEvent.objects.count())
    for client in others:
        assert client.get(f"/accounts/users/{officer.pk}/address/").status_code == 404
        response = client.post(f"/accounts/users/{officer.pk}/address/", ADDRESS)
        assert response.status_code == 404
        # Their own page changes only their own account.
        assert client.post("/accounts/me/", ADDRESS).status_code == 302
    assert _address(officer) == before[0]
    assert AuditEvent.objects.count() == before[1] + len(others)
    assert set(
        AuditEvent.objects.filter(action="account.address_changed").values_list(
            "object_id", flat=True
        )
    ) == {str(c.user.pk) for c in others}


def test_an_administrator_on_their_own_account_uses_their_own_page(client_as):
    admin = client_as("system_administrator")
    response = admin.get(f"/accounts/users/{admin.user.pk}/address/")
    assert response.status_code == 302 and response["Location"] == "/accounts/me/"


def test_anonymous_visitors_are_sent_to_sign_in(client, make_user):
    officer = make_user("agency_officer")
    before = AuditEvent.objects.count()
    for url in ("/accounts/me/", f"/accounts/users/{officer.pk}/address/"):
        response = client.post(url, ADDRESS)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert _address(officer)[1:] == ("", "", "") and AuditEvent.objects.count() == before
