"""REST API: tokens only for MFA-verified users, expiry and revocation, one error shape."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from knox.models import AuthToken
from tests.conftest import sign_in

from access.agencies.models import Agency
from access.audit.models import AuditEvent


def token_client(token: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {token}")


def test_a_verified_session_can_issue_a_token_that_then_works(make_user):
    user = make_user("ice_program_manager")
    browser = sign_in(Client(), user)
    response = browser.post("/api/tokens/")
    assert response.status_code == 201
    token = response.json()["token"]
    agencies = token_client(token).get("/api/agencies/")
    assert agencies.status_code == 200
    assert AuditEvent.objects.filter(action="api.token_issued", actor=user).count() == 1


def test_a_sixth_live_token_is_refused_and_nothing_is_issued(make_user):
    user = make_user("ice_program_manager")
    browser = sign_in(Client(), user)
    for _ in range(5):
        assert browser.post("/api/tokens/").status_code == 201
    refused = browser.post("/api/tokens/")
    assert refused.status_code == 409
    error = refused.json()["error"]
    assert error["code"] == "token_limit"
    assert "already hold 5 live API tokens" in error["message"]
    assert AuthToken.objects.filter(user=user).count() == 5
    assert AuditEvent.objects.filter(action="api.token_issued", actor=user).count() == 5


def test_expired_tokens_do_not_count_towards_the_limit(make_user):
    user = make_user("ice_program_manager")
    for _ in range(5):
        AuthToken.objects.create(user=user, expiry=timedelta(hours=12))
    AuthToken.objects.filter(user=user).update(expiry=timezone.now() - timedelta(seconds=1))
    browser = sign_in(Client(), user)
    assert browser.post("/api/tokens/").status_code == 201


def test_the_token_page_refuses_a_sixth_token_with_a_message(make_user):
    user = make_user("ice_program_manager")
    for _ in range(5):
        AuthToken.objects.create(user=user)
    browser = sign_in(Client(), user)
    page = browser.post("/accounts/tokens/", follow=True)
    assert "already hold 5 live API tokens" in page.content.decode()
    assert AuthToken.objects.filter(user=user).count() == 5


def test_a_session_without_the_second_factor_cannot_issue_a_token(make_user):
    user = make_user("ice_program_manager")
    client = Client()
    client.force_login(user)  # password only: no OTP device verified in this session
    response = client.post("/api/tokens/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert AuthToken.objects.count() == 0


def test_a_token_cannot_issue_another_token(make_user):
    user = make_user("ice_program_manager")
    _, token = AuthToken.objects.create(user=user)
    assert token_client(token).post("/api/tokens/").status_code == 401
    assert AuthToken.objects.count() == 1


def test_an_expired_token_is_refused(make_user):
    user = make_user("ice_program_manager")
    instance, token = AuthToken.objects.create(user=user, expiry=timedelta(hours=12))
    AuthToken.objects.filter(pk=instance.pk).update(expiry=timezone.now() - timedelta(seconds=1))
    response = token_client(token).get("/api/agencies/")
    assert response.status_code == 401
    assert set(response.json()["error"]) == {"status", "code", "message", "fields", "request_id"}


def test_a_revoked_token_is_refused(make_user):
    user = make_user("ice_program_manager")
    _, token = AuthToken.objects.create(user=user)
    client = token_client(token)
    assert (
        client.post("/api/tokens/revoke/", {}, content_type="application/json").status_code == 204
    )
    assert client.get("/api/agencies/").status_code == 401


def test_a_token_carries_only_its_users_scope(make_user, agency_a, agency_b):
    user = make_user("agency_liaison", agency_b)
    _, token = AuthToken.objects.create(user=user)
    client = token_client(token)
    assert [a["id"] for a in client.get("/api/agencies/").json()["results"]] == [agency_b.pk]
    response = client.get(f"/api/agencies/{agency_a.pk}/")
    assert response.status_code == 404
    assert response.json()["error"] == {
        "status": 404,
        "code": "not_found",
        "message": "Not found.",
        "fields": {},
        "request_id": response["X-Request-ID"],
    }


def test_validation_errors_name_the_field(make_user):
    user = make_user("ice_program_manager")
    _, token = AuthToken.objects.create(user=user)
    response = token_client(token).post(
        "/api/agencies/",
        {"name": "X", "kind": "police", "state": "FL", "ori": "FL1"},
        content_type="application/json",
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["fields"]["ori"] == ["An ORI has exactly 9 characters; this one has 3."]
    assert not Agency.objects.filter(name="X").exists()


def test_create_through_the_api_is_audited(make_user):
    user = make_user("ice_program_manager")
    _, token = AuthToken.objects.create(user=user)
    response = token_client(token).post(
        "/api/agencies/",
        {
            "name": "API Police Department",
            "kind": "police",
            "state": "GA",
            "county_fips": "13067",
            "ori": "GA0330999",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["ori"] == "GA0330999"
    event = AuditEvent.objects.get(action="agency.create", actor=user)
    assert event.after["name"] == "API Police Department"


def test_malformed_json_gets_the_error_shape(make_user):
    user = make_user("ice_program_manager")
    _, token = AuthToken.objects.create(user=user)
    response = token_client(token).post(
        "/api/agencies/", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"


def test_unknown_api_route_gets_the_error_shape(make_user):
    user = make_user("ice_program_manager")
    _, token = AuthToken.objects.create(user=user)
    response = token_client(token).get("/api/nowhere/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_openapi_schema_is_served_to_authenticated_callers(make_user):
    user = make_user("ice_program_manager")
    _, token = AuthToken.objects.create(user=user)
    schema = token_client(token).get("/api/schema/", HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    body = schema.json()
    assert body["openapi"].startswith("3.")
    assert "/api/agencies/{id}/" in body["paths"] and "/api/tokens/" in body["paths"]


@pytest.mark.parametrize("path", ["/api/agencies/", "/api/schema/", "/api/tokens/revoke/"])
def test_anonymous_api_calls_are_refused(client, path, db):
    response = client.get(path)
    assert response.status_code == 401
    assert json.loads(response.content)["error"]["code"] == "not_authenticated"
