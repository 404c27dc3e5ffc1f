"""Another agency's officer gets 404 on every inquiry route (UI and API) and changes nothing."""

from __future__ import annotations

import pytest
from tests.inquiries.conftest import form_fields

from access.audit.models import AuditEvent
from access.inquiries import actions
from access.inquiries.choices import Channel
from access.inquiries.models import Inquiry, InquiryCandidate


@pytest.fixture
def answered(client_as, agency_a, store):
    """An answered inquiry of agency A with candidates, and a stopped one."""
    from tests.inquiries.conftest import pick_subject

    officer = client_as("agency_officer", agency_a)
    analyst = client_as("lesc_analyst")
    officer.post("/inquiries/new/", form_fields(**pick_subject(citizen=False)))
    inquiry = Inquiry.objects.latest("pk")
    top = inquiry.candidates.first()
    analyst.get(f"/inquiries/{inquiry.pk}/candidates/{top.pk}/")
    analyst.post(
        f"/inquiries/{inquiry.pk}/determination/",
        {
            "determination": "found_verified",
            "candidate": top.pk,
            "evidence": ["ncic"],
            "notes": "ok",
        },
    )
    officer.post("/inquiries/new/", form_fields(a_number="A12345678", claims_us_citizenship="on"))
    stopped = Inquiry.objects.latest("pk")
    return inquiry, top, stopped


def _state() -> tuple:
    return (
        list(Inquiry.objects.order_by("pk").values_list("status", "determination")),
        InquiryCandidate.objects.count(),
        AuditEvent.objects.count(),
    )


def test_another_agencys_officer_gets_404_everywhere(client_as, agency_b, answered):
    inquiry, top, stopped = answered
    other = client_as("agency_officer", agency_b)
    before = _state()
    gets = [
        f"/inquiries/{inquiry.pk}/",
        f"/inquiries/{inquiry.pk}/candidates/{top.pk}/",
        f"/inquiries/{inquiry.pk}/determination/",
        f"/inquiries/{inquiry.pk}/decision/",
        f"/inquiries/{inquiry.pk}/iar/",
        f"/inquiries/{stopped.pk}/",
        "/inquiries/queue/",
        "/inquiries/citizenship-stops/",
        f"/api/inquiries/{inquiry.pk}/",
        f"/api/inquiries/{inquiry.pk}/iar/",
        f"/api/inquiries/{inquiry.pk}/candidates/{top.pk}/",
    ]
    for url in gets:
        assert other.get(url).status_code == 404, url
    posts = {
        f"/inquiries/{inquiry.pk}/determination/": {
            "determination": "no_record",
            "evidence": ["ncic"],
            "notes": "x",
        },
        f"/inquiries/{stopped.pk}/decision/": {"decision": "citizen", "notes": "x"},
    }
    for url, body in posts.items():
        assert other.post(url, body).status_code == 404, url
    api_posts = {
        f"/api/inquiries/{inquiry.pk}/determination/": {
            "determination": "no_record",
            "evidence": ["ncic"],
            "notes": "x",
        },
        f"/api/inquiries/{stopped.pk}/decision/": {"decision": "citizen", "notes": "x"},
    }
    for url, body in api_posts.items():
        response = other.post(url, body, content_type="application/json")
        assert response.status_code == 404, url
        assert response.json()["error"]["code"] == "not_found"
    assert other.get("/inquiries/").context["rows"].count() == 0
    assert other.get("/api/inquiries/").json()["results"] == []
    assert _state() == before


def test_an_officer_cannot_send_for_another_agency(client_as, agency_a, agency_b, db):
    officer = client_as("agency_officer", agency_a)
    body = {**form_fields(a_number="A12345678"), "ori": agency_b.ori}
    response = officer.post("/api/inquiries/", body, content_type="application/json")
    assert response.status_code == 400
    assert "your own agency" in response.json()["error"]["fields"]["ori"][0]
    unknown = officer.post(
        "/api/inquiries/", {**body, "ori": "ZZ1234567"}, content_type="application/json"
    )
    assert "No agency has the ORI" in unknown.json()["error"]["fields"]["ori"][0]
    assert Inquiry.objects.count() == 0


def test_roles_without_the_grant_see_nothing(client_as, agency_a, db):
    liaison = client_as("agency_liaison", agency_a)
    for url in ("/inquiries/", "/inquiries/new/", "/inquiries/queue/", "/api/inquiries/"):
        response = liaison.get(url)
        assert response.status_code == 404 or response.json().get("results") == [], url
    response = liaison.post(
        "/api/inquiries/", form_fields(a_number="A12345678"), content_type="application/json"
    )
    assert response.status_code == 404 and Inquiry.objects.count() == 0


def test_a_disabled_account_cannot_submit(make_user, agency_a, db):
    officer = make_user("agency_officer", agency_a)
    officer.status = "disabled"
    from django.http import Http404
    from tests.inquiries.conftest import inquiry_data

    with pytest.raises(Http404):
        actions.submit_inquiry(officer, inquiry_data(), channel=Channel.WEB)
    assert Inquiry.objects.count() == 0


def test_officers_never_open_candidates_even_of_their_own_agency(client_as, agency_a, answered):
    inquiry, top, _ = answered
    own = client_as("agency_officer", agency_a)
    before = _state()
    assert own.get(f"/inquiries/{inquiry.pk}/candidates/{top.pk}/").status_code == 404
    assert own.get(f"/api/inquiries/{inquiry.pk}/candidates/{top.pk}/").status_code == 404
    assert _state() == before


def test_an_analyst_opens_a_candidate_by_api_and_it_is_logged(client_as, answered):
    inquiry, top, _ = answered
    analyst = client_as("lesc_analyst")
    before = AuditEvent.objects.filter(action="inquiry.candidate_viewed").count()
    body = analyst.get(f"/api/inquiries/{inquiry.pk}/candidates/{top.pk}/").json()
    assert body["record"]["record_id"] == top.record.record_id
    assert body["candidate"]["band"] == top.band
    assert AuditEvent.objects.filter(action="inquiry.candidate_viewed").count() == before + 1


def test_an_agency_with_a_suspended_agreement_cannot_submit(make_user, agency_a, db):
    from tests.inquiries.conftest import inquiry_data

    from access.agreements.models import Agreement
    from access.core.actors import SystemActor, bound_actor
    from access.inquiries.message import InquiryInvalid
    from access.partnerships.models import PartnershipType

    with bound_actor(SystemActor("test fixtures")):
        Agreement(
            agency=agency_a, partnership_type=PartnershipType.objects.first(), status="suspended"
        ).save()
    officer = make_user("agency_officer", agency_a)
    with pytest.raises(InquiryInvalid) as caught:
        actions.submit_inquiry(officer, inquiry_data(), channel=Channel.WEB)
    assert "suspended" in caught.value.errors["ori"][0]
    assert Inquiry.objects.count() == 0
