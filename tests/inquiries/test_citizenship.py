"""Citizenship stop: a claim or a record showing U.S. birth or naturalization stops the
workflow until an ICE supervisor decides; such cases stay queryable as data."""

from __future__ import annotations

import pytest
from tests.inquiries.conftest import form_fields, pick_subject

from access.audit.models import AuditEvent
from access.inquiries.models import Inquiry

EVIDENCE = {"evidence": ["subject_statement"], "notes": "Subject states birth in Texas."}


@pytest.fixture
def people(client_as, agency_a):
    return {
        "officer": client_as("agency_officer", agency_a),
        "analyst": client_as("lesc_analyst"),
        "supervisor": client_as("ice_supervisor"),
    }


def _submit(client, **subject) -> Inquiry:
    assert client.post("/inquiries/new/", form_fields(**subject)).status_code == 302
    return Inquiry.objects.latest("pk")


def test_a_claim_stops_the_inquiry_until_the_supervisor_decides(people, db):
    baseline = AuditEvent.objects.count()
    inquiry = _submit(people["officer"], a_number="A12345678", claims_us_citizenship="on")
    assert (inquiry.status, inquiry.citizenship_stop) == ("citizenship_stop", True)
    assert inquiry.stop_reasons == ["subject_claims"]
    analyst, officer = people["analyst"], people["officer"]
    assert list(analyst.get("/inquiries/queue/").context["rows"]) == []
    refused = analyst.post(
        f"/inquiries/{inquiry.pk}/determination/", {"determination": "no_record", **EVIDENCE}
    )
    assert refused.status_code == 400
    assert officer.get(f"/inquiries/{inquiry.pk}/iar/").status_code == 404
    inquiry.refresh_from_db()
    assert inquiry.status == "citizenship_stop" and not inquiry.determination
    assert analyst.get(f"/inquiries/{inquiry.pk}/decision/").status_code == 404
    stops = people["supervisor"].get("/inquiries/citizenship-stops/")
    assert list(stops.context["open_rows"]) == [inquiry]
    decided = people["supervisor"].post(
        f"/inquiries/{inquiry.pk}/decision/",
        {"decision": "citizen", "notes": "Texas birth certificate confirmed."},
    )
    assert decided.status_code == 302
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.determination) == ("supervisor_decided", "us_citizen_indicated")
    page = officer.get(f"/inquiries/{inquiry.pk}/iar/").content.decode()
    assert "U.S. citizenship is indicated" in page and "no immigration action" in page
    assert Inquiry.objects.filter(citizenship_stop=True).count() == 1  # tracked as data
    # inquiry, the stops page listing it, decision (its IAR), reading; the analyst's empty
    # queue shows no inquiry and records nothing
    assert AuditEvent.objects.count() == baseline + 4


def test_a_candidate_record_showing_citizenship_stops_the_inquiry(people, store):
    inquiry = _submit(people["officer"], **pick_subject(citizen=True))
    assert inquiry.status == "citizenship_stop"
    assert inquiry.stop_reasons[0] in ("record_us_birth", "record_naturalized")
    assert inquiry.candidates.exclude(citizenship_indicator="").exists()


def test_not_established_returns_the_inquiry_to_the_analyst(people, db):
    inquiry = _submit(people["officer"], a_number="A12345678", claims_us_citizenship="on")
    people["supervisor"].post(
        f"/inquiries/{inquiry.pk}/decision/",
        {"decision": "not_established", "notes": "No record of U.S. birth or naturalization."},
    )
    inquiry.refresh_from_db()
    assert inquiry.status == "supervisor_decided"
    assert people["officer"].get(f"/inquiries/{inquiry.pk}/iar/").status_code == 404
    analyst = people["analyst"]
    assert list(analyst.get("/inquiries/queue/").context["rows"]) == [inquiry]
    again = analyst.post(
        f"/inquiries/{inquiry.pk}/determination/",
        {"determination": "us_citizen_indicated", **EVIDENCE},
    )
    assert again.status_code == 400  # the supervisor already decided that question
    analyst.post(
        f"/inquiries/{inquiry.pk}/determination/",
        {"determination": "no_record", "evidence": ["dhs_indices"], "notes": "Nothing found."},
    )
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.determination) == ("answered", "no_record")
    assert inquiry.citizenship_stop  # the stop stays on record


def test_an_analyst_finding_citizenship_stops_instead_of_answering(people, db):
    inquiry = _submit(people["officer"], a_number="A12345678")
    people["analyst"].post(
        f"/inquiries/{inquiry.pk}/determination/",
        {"determination": "us_citizen_indicated", **EVIDENCE},
    )
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.determination) == ("citizenship_stop", "")
    assert inquiry.stop_reasons == ["analyst_indicated"]
    assert people["officer"].get(f"/inquiries/{inquiry.pk}/iar/").status_code == 404
