"""Item 18 (issue 15): a role without a resource's permission gets the same 404 from the API
as from the page, and a form is never validated before the permission is checked."""

from __future__ import annotations

import pytest
from django.test import Client
from knox.models import AuthToken
from tests.partnerships.test_intake import _filed, people  # noqa: F401 (fixture)

from access.audit.models import AuditEvent
from access.partnerships.models import AccessRequest, PartnershipDecision


def _token_client(user) -> Client:
    _, token = AuthToken.objects.create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Token {token}")


@pytest.mark.parametrize("role", ["agency_liaison", "cap_officer"])
def test_the_inquiry_list_is_404_in_the_api_as_on_the_page(make_user, client_as, role):
    user = make_user(role)
    assert not user.can("inquiries.view_inquiry")
    page = client_as(user).get("/inquiries/")
    api = _token_client(user).get("/api/inquiries/")
    assert page.status_code == 404
    assert api.status_code == 404
    assert api.json()["error"]["code"] == "not_found"


def test_an_officer_still_lists_the_agencys_inquiries(make_user, agency_a):
    user = make_user("agency_officer", agency_a)
    response = _token_client(user).get("/api/inquiries/")
    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.parametrize("role", ["agency_liaison", "cap_officer"])
def test_posting_to_inquiries_without_the_permission_is_404_before_validation(make_user, role):
    response = _token_client(make_user(role)).post(
        "/api/inquiries/", "not an object", content_type="application/json"
    )
    assert response.status_code == 404


@pytest.mark.parametrize("posted", [{}, {"chosen": ["9999"]}, {"chosen": ["x"], "reason": "y"}])
def test_an_invalid_decision_form_from_the_agency_is_404_not_a_redirect(people, posted):  # noqa: F811
    req = _filed(people)
    before = (AccessRequest.objects.get(pk=req.pk).status, AuditEvent.objects.count())
    response = people["liaison"].post(f"/requests/{req.pk}/decision/", posted)
    assert response.status_code == 404
    assert not PartnershipDecision.objects.exists()
    assert (AccessRequest.objects.get(pk=req.pk).status, AuditEvent.objects.count()) == before
