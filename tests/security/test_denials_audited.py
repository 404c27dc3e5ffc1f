"""Item 14 (issue 15): every refusal of a signed-in user writes one ``access.denied`` audit
event naming the route template (not the path), the user and the agency; misuse review can
count them per user."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from knox.models import AuthToken

from access.agreements.models import Agreement
from access.audit.denials import denial_counts
from access.audit.models import AuditEvent


@pytest.fixture(autouse=True)
def _denials_on(settings):
    settings.ACCESS_AUDIT_DENIALS = True


def _denials():
    return list(AuditEvent.objects.filter(action="access.denied").order_by("id"))


def test_a_page_404_from_scoping_is_audited_with_the_route_template(
    client_as, agency_a, agency_b, make_user
):
    liaison = make_user("agency_liaison", agency_b)
    response = client_as(liaison).get("/agencies/987654/")
    assert response.status_code == 404
    [event] = _denials()
    assert event.outcome == "denied"
    assert event.actor == liaison
    assert event.agency_id == agency_b.pk
    assert event.details["status"] == 404
    assert event.details["route"] == "/agencies/<int:pk>/"
    assert event.details["interface"] == "page"
    assert "987654" not in str(event.details) + event.object_repr


def test_an_out_of_scope_agency_is_audited(client_as, agency_a, agency_b, make_user):
    liaison = make_user("agency_liaison", agency_b)
    assert client_as(liaison).get(f"/agencies/{agency_a.pk}/").status_code == 404
    assert [e.details["status"] for e in _denials()] == [404]


def test_a_permission_404_on_a_list_page_is_audited(client_as, make_user):
    user = make_user("agency_liaison")
    assert client_as(user).get("/inquiries/").status_code == 404
    [event] = _denials()
    assert event.details["route"] == "/inquiries/"


def test_an_api_denial_is_audited_with_the_token_user(make_user, agency_a):
    user = make_user("agency_liaison", agency_a)
    _, token = AuthToken.objects.create(user=user)
    api = Client(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/inquiries/").status_code == 404
    assert api.get("/api/agreements/424242/").status_code == 404
    events = _denials()
    assert [e.actor for e in events] == [user, user]
    assert [e.details["route"] for e in events] == [
        "/api/inquiries/",
        "/api/agreements/<pk>/",
    ]
    assert {e.details["interface"] for e in events} == {"api"}
    assert Agreement.objects.count() == 0


def test_unmatched_urls_and_anonymous_callers_are_not_denials(client_as, client, db):
    signed_in = client_as("ice_program_manager")
    assert signed_in.get("/no/such/page/").status_code == 404
    assert client.get("/api/agencies/1/").status_code == 401
    assert _denials() == []


def test_allowed_requests_write_no_denial(client_as):
    assert client_as("ice_program_manager").get("/agencies/").status_code == 200
    assert _denials() == []


def test_denials_are_counted_per_user(client_as, make_user, agency_b):
    prober = make_user("agency_liaison", agency_b)
    other = make_user("agency_liaison", agency_b)
    probing = client_as(prober)
    for pk in range(900, 905):
        probing.get(f"/agencies/{pk}/")
    client_as(other).get("/inquiries/")
    since = timezone.now() - timedelta(hours=1)
    counts = denial_counts(since)
    assert [(c["actor_id"], c["count"]) for c in counts] == [(prober.pk, 5), (other.pk, 1)]
    assert [c["actor_id"] for c in denial_counts(since, at_least=3)] == [prober.pk]
    assert denial_counts(timezone.now() + timedelta(minutes=1)) == []
