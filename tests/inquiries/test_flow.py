"""The inquiry path through the pages: submit, queue, compare, determine, IAR; and its guards."""

from __future__ import annotations

import re

import pytest
from tests.inquiries.conftest import form_fields, pick_subject

from access.audit.models import AuditEvent
from access.inquiries.models import Inquiry, InquiryCandidate

EVIDENCE = {"evidence": ["dhs_indices", "record_comparison"], "notes": "Name, DOB, A-file agree."}


@pytest.fixture
def people(client_as, make_user, agency_a):
    return {
        "officer": client_as("agency_officer", agency_a),
        "analyst": client_as("lesc_analyst"),
        "supervisor": client_as("ice_supervisor"),
    }


def _submit(client, **subject) -> Inquiry:
    response = client.post("/inquiries/new/", form_fields(**subject))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert re.fullmatch(r"/inquiries/\d+/", response["Location"])  # ids only in URLs
    return Inquiry.objects.latest("pk")


def test_officer_submits_analyst_verifies_officer_reads_the_iar(people, store):
    subject = pick_subject(citizen=False)
    baseline = AuditEvent.objects.count()
    inquiry = _submit(people["officer"], in_custody="on", **subject)
    assert inquiry.status == "awaiting_analyst" and inquiry.channel == "web"
    top = inquiry.candidates.first()
    assert top is not None and top.band == "probable" and 0 < top.probability <= 1
    assert set(top.explanation["fields"]) >= {"given_name", "family_name", "date_of_birth"}
    submitted = AuditEvent.objects.get(action="inquiry.submitted")
    assert submitted.details["purpose_code"] == "C"
    assert submitted.details["reason"] == "TRAFFIC STOP, NO LICENCE"
    assert submitted.details["case_number"] == "24-00123"
    assert submitted.details["requestor"] == "DET R MILLER"
    assert "secondary_recipient" in submitted.details

    analyst = people["analyst"]
    queue = analyst.get("/inquiries/queue/")
    assert list(queue.context["rows"]) == [inquiry]
    # Verifying without opening the comparison is refused; nothing changes.
    refused = analyst.post(
        f"/inquiries/{inquiry.pk}/determination/",
        {"determination": "found_verified", "candidate": top.pk, **EVIDENCE},
    )
    assert refused.status_code == 400
    assert "Open the side-by-side comparison" in refused.content.decode()
    inquiry.refresh_from_db()
    assert inquiry.status == "awaiting_analyst" and not inquiry.determination
    page = analyst.get(f"/inquiries/{inquiry.pk}/candidates/{top.pk}/")
    assert page.status_code == 200 and "side by side" in page.content.decode()
    # The person record is reachable from the candidate it belongs to.
    assert f'href="{top.record.get_absolute_url()}"' in page.content.decode()
    done = analyst.post(
        f"/inquiries/{inquiry.pk}/determination/",
        {"determination": "found_verified", "candidate": top.pk, **EVIDENCE},
    )
    assert done.status_code == 302
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.determination) == ("answered", "found_verified")
    assert inquiry.verified_candidate == top

    officer = people["officer"]
    assert officer.get(f"/inquiries/{inquiry.pk}/candidates/{top.pk}/").status_code == 404
    detail = officer.get(f"/inquiries/{inquiry.pk}/").content.decode()
    assert top.record.record_id not in detail  # officers never see candidates
    iar_page = officer.get(f"/inquiries/{inquiry.pk}/iar/").content.decode()
    assert "Record found and verified" in iar_page and top.record.record_id in iar_page
    actions = list(
        AuditEvent.objects.filter(pk__gt=0).order_by("pk").values_list("action", flat=True)
    )[baseline:]
    assert actions == [
        "inquiry.submitted",
        "inquiry.list_viewed",
        "inquiry.candidate_viewed",
        "inquiry.iar_issued",
        "inquiry.viewed",
        "inquiry.iar_viewed",
    ]
    # the inquiry, the analyst's queue showing it, a candidate view, the IAR, the officer
    # opening the inquiry, reading the IAR
    assert AuditEvent.objects.count() == baseline + 6


def test_no_iar_states_a_match_no_analyst_verified(people, store):
    subject = pick_subject(citizen=False)
    inquiry = _submit(people["officer"], **subject)
    probable = [c.record.record_id for c in inquiry.candidates.filter(band="probable")]
    assert probable
    officer = people["officer"]
    assert officer.get(f"/inquiries/{inquiry.pk}/iar/").status_code == 404  # no determination
    people["analyst"].post(
        f"/inquiries/{inquiry.pk}/determination/",
        {"determination": "biometrics_needed", **EVIDENCE},
    )
    inquiry.refresh_from_db()
    assert inquiry.status == "answered" and inquiry.verified_candidate is None
    page = officer.get(f"/inquiries/{inquiry.pk}/iar/").content.decode()
    assert "biometrics" in page.lower()
    assert "verified" not in page.lower()
    assert not any(record_id in page for record_id in probable)


def test_no_record_found_cannot_name_a_record(people, store):
    inquiry = _submit(people["officer"], **pick_subject(citizen=False))
    top = inquiry.candidates.first()
    people["analyst"].get(f"/inquiries/{inquiry.pk}/candidates/{top.pk}/")
    response = people["analyst"].post(
        f"/inquiries/{inquiry.pk}/determination/",
        {"determination": "no_record", "candidate": top.pk, **EVIDENCE},
    )
    assert response.status_code == 400 and "cannot name a record" in response.content.decode()
    inquiry.refresh_from_db()
    assert inquiry.status == "awaiting_analyst"


def test_malformed_form_shows_field_errors_and_stores_nothing(people, db):
    response = people["officer"].post(
        "/inquiries/new/", form_fields(date_of_birth="1985-13-45", family_name="GARCIA")
    )
    assert response.status_code == 400
    assert "full date of birth" in response.content.decode()
    assert (
        Inquiry.objects.count() == 0
        and not AuditEvent.objects.filter(action="inquiry.submitted").exists()
    )


def test_an_empty_store_still_takes_the_inquiry_for_an_analyst(people, db):
    inquiry = _submit(people["officer"], a_number="A12345678")
    assert inquiry.status == "awaiting_analyst" and inquiry.a_number == "012345678"
    assert "store is empty" in inquiry.search_note
    assert InquiryCandidate.objects.count() == 0


def test_the_queue_puts_custody_first_then_age(people, db):
    first = _submit(people["officer"], a_number="A11111111")
    second = _submit(people["officer"], a_number="A22222222", in_custody="on")
    third = _submit(people["officer"], a_number="A33333333")
    rows = list(people["analyst"].get("/inquiries/queue/").context["rows"])
    assert rows == [second, first, third]
    assert people["officer"].get("/inquiries/queue/").status_code == 404


def test_hit_confirmations_lead_the_queue_and_escalate_after_ten_minutes(people, db):
    from datetime import timedelta

    from django.utils import timezone

    custody = _submit(people["officer"], a_number="A11111111", in_custody="on")
    hit = _submit(
        people["officer"], a_number="A22222222", hit_confirmation="on", ncic_number="W123456789"
    )
    analyst = people["analyst"]
    page = analyst.get("/inquiries/queue/")
    assert list(page.context["rows"]) == [hit, custody]
    assert "Hit confirmation: 9 min left" in page.content.decode() or (
        "Hit confirmation: 10 min left" in page.content.decode()
    )
    Inquiry.objects.filter(pk=hit.pk).update(created_at=timezone.now() - timedelta(minutes=11))
    page = analyst.get("/inquiries/queue/").content.decode()
    assert "Hit confirmation overdue: escalated" in page
    analyst.post(
        f"/inquiries/{hit.pk}/determination/",
        {"determination": "no_record", "evidence": ["ncic"], "notes": "Hit not confirmed."},
    )
    issued = AuditEvent.objects.get(action="inquiry.iar_issued")
    assert issued.details["confirmation_overdue"] is True


def test_the_status_cannot_be_set_directly(people, db):
    inquiry = _submit(people["officer"], a_number="A12345678")
    with pytest.raises(AttributeError):
        inquiry.status = "answered"


def test_the_officer_sees_the_identifiers_sent(people, db):
    inquiry = _submit(people["officer"], a_number="A12345678")
    page = people["officer"].get(f"/inquiries/{inquiry.pk}/").content.decode()
    assert "A-number 012345678" in page
