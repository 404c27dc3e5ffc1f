"""Cross-agency matrix: a user of another agency gets 404 everywhere and changes nothing."""

from __future__ import annotations

import json

import pytest

from access.agencies import actions
from access.agencies.models import Agency, Contact, Facility
from access.audit.models import AuditEvent
from access.core.actors import SystemActor


@pytest.fixture
def target(agency_a):
    actor = SystemActor("fixture")
    facility = actions.save_facility(actor, Facility(agency=agency_a), name="Alpha Jail")
    contact = actions.save_contact(actor, Contact(agency=agency_a), name="Pat Doe")
    return agency_a, facility, contact


def _state():
    return (
        list(Agency.objects.order_by("pk").values()),
        list(Facility.objects.order_by("pk").values()),
        list(Contact.objects.order_by("pk").values()),
    )


AGENCY_FORM = {"name": "Hijacked", "kind": "police", "state": "FL", "ori": ""}
FACILITY_FORM = {"name": "Hijacked jail"}
CONTACT_FORM = {"name": "Hijacked", "role": "primary"}


def routes(agency, facility, contact):
    a = agency.pk
    return [
        ("get", f"/agencies/{a}/", None),
        ("get", f"/agencies/{a}/edit/", None),
        ("post", f"/agencies/{a}/edit/", AGENCY_FORM),
        ("get", f"/agencies/{a}/facilities/new/", None),
        ("post", f"/agencies/{a}/facilities/new/", FACILITY_FORM),
        ("get", f"/agencies/{a}/facilities/{facility.pk}/edit/", None),
        ("post", f"/agencies/{a}/facilities/{facility.pk}/edit/", FACILITY_FORM),
        ("get", f"/agencies/{a}/contacts/new/", None),
        ("post", f"/agencies/{a}/contacts/new/", CONTACT_FORM),
        ("get", f"/agencies/{a}/contacts/{contact.pk}/edit/", None),
        ("post", f"/agencies/{a}/contacts/{contact.pk}/edit/", CONTACT_FORM),
        ("get", f"/api/agencies/{a}/", None),
        ("put", f"/api/agencies/{a}/", AGENCY_FORM),
        ("patch", f"/api/agencies/{a}/", {"name": "Hijacked"}),
    ]


@pytest.mark.parametrize("role", ["agency_liaison", "agency_officer"])
def test_another_agency_gets_404_everywhere_and_nothing_changes(client_as, agency_b, target, role):
    client = client_as(role, agency_b)
    before, events = _state(), AuditEvent.objects.count()
    for method, url, data in routes(*target):
        if url.startswith("/api/"):
            response = getattr(client, method)(
                url, json.dumps(data) if data else None, content_type="application/json"
            )
            assert response.json()["error"]["code"] == "not_found", url
        else:
            response = getattr(client, method)(url, data or {})
        assert response.status_code == 404, (
            f"{method.upper()} {url} answered {response.status_code}"
        )
    assert _state() == before
    assert AuditEvent.objects.count() == events


def test_agency_users_see_only_their_own_agency_in_lists_exports_and_api(
    client_as, agency_a, agency_b
):
    client = client_as("agency_liaison", agency_b)
    listed = [r.record.pk for r in client.get("/agencies/").context["table"].rows]
    assert listed == [agency_b.pk]
    api = client.get("/api/agencies/").json()
    assert [row["id"] for row in api["results"]] == [agency_b.pk]
    # Agency users hold no export grant at all.
    assert client.get("/agencies/", {"export": "csv"}).status_code == 404


def test_agency_users_can_read_but_not_edit_their_own_agency(client_as, agency_b):
    client = client_as("agency_liaison", agency_b)
    before = _state()
    assert client.get(f"/agencies/{agency_b.pk}/").status_code == 200
    assert client.post(f"/agencies/{agency_b.pk}/edit/", AGENCY_FORM).status_code == 404
    assert client.get("/agencies/new/").status_code == 404
    assert client.post(
        "/api/agencies/", AGENCY_FORM, content_type="application/json"
    ).status_code in (403, 404)
    assert _state() == before


@pytest.mark.parametrize("role", ["ice_field_agent", "lesc_analyst", "oversight_auditor"])
def test_ice_read_roles_see_every_agency_but_cannot_edit(client_as, agency_a, agency_b, role):
    client = client_as(role)
    assert client.get(f"/agencies/{agency_a.pk}/").status_code == 200
    before = _state()
    assert client.post(f"/agencies/{agency_a.pk}/edit/", AGENCY_FORM).status_code == 404
    assert _state() == before
