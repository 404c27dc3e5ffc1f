"""Every inquiry, every view of it or of a candidate record, and every IAR is an audit event
carrying purpose code, reason, case number, requestor and any secondary recipient."""

from __future__ import annotations

import pytest
from tests.inquiries.conftest import form_fields, pick_subject

from access.audit.models import AuditEvent
from access.inquiries.models import Inquiry

EVIDENCE = {"evidence": ["dhs_indices", "record_comparison"], "notes": "Name, DOB, A-file agree."}
REQUESTOR = {
    "purpose_code": "C",
    "reason": "TRAFFIC STOP, NO LICENCE",
    "case_number": "24-00123",
    "requestor": "DET R MILLER",
    "secondary_recipient": "SHERIFF RECORDS UNIT",
}


@pytest.fixture
def people(client_as, agency_a):
    return {
        "officer": client_as("agency_officer", agency_a),
        "analyst": client_as("lesc_analyst"),
        "oversight": client_as("oversight_auditor"),
    }


def _events(since: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(pk__gt=since).order_by("pk"))


def _last_pk() -> int:
    last = AuditEvent.objects.order_by("-pk").first()
    return last.pk if last else 0


def test_the_audit_count_equals_inquiries_views_and_iars(people, store):
    officer, analyst, oversight = people["officer"], people["analyst"], people["oversight"]
    start = _last_pk()
    subject = pick_subject(citizen=False)
    sent = officer.post(
        "/inquiries/new/",
        form_fields(secondary_recipient="Sheriff records unit", in_custody="on", **subject),
    )
    assert sent.status_code == 302
    inquiry = Inquiry.objects.latest("pk")
    top = inquiry.candidates.first()
    assert officer.get(f"/inquiries/{inquiry.pk}/").status_code == 200  # 1 view (web)
    assert analyst.get(f"/inquiries/{inquiry.pk}/").status_code == 200  # 1 view (web)
    assert analyst.get(f"/inquiries/{inquiry.pk}/candidates/{top.pk}/").status_code == 200
    done = analyst.post(
        f"/inquiries/{inquiry.pk}/determination/",
        {"determination": "found_verified", "candidate": top.pk, **EVIDENCE},
    )
    assert done.status_code == 302
    assert officer.get(f"/inquiries/{inquiry.pk}/iar/").status_code == 200
    api = oversight.get(f"/api/inquiries/{inquiry.pk}/")  # 1 view (API)
    assert api.status_code == 200 and api.json()["id"] == inquiry.pk
    assert officer.get(f"/api/inquiries/{inquiry.pk}/iar/").status_code == 200

    events = _events(start)
    assert [e.action for e in events] == [
        "inquiry.submitted",
        "inquiry.viewed",
        "inquiry.viewed",
        "inquiry.candidate_viewed",
        "inquiry.iar_issued",
        "inquiry.iar_viewed",
        "inquiry.viewed",
        "inquiry.iar_viewed",
    ]
    # 1 inquiry + 3 views of it + 1 candidate view + 1 IAR issued + 2 IAR readings.
    assert AuditEvent.objects.count() - AuditEvent.objects.filter(pk__lte=start).count() == 8
    for event in events:
        assert {k: event.details.get(k) for k in REQUESTOR} == REQUESTOR, event.action
    officer_view, analyst_view, api_view = (e for e in events if e.action == "inquiry.viewed")
    assert (officer_view.actor_id, officer_view.details["form"]) == (officer.user.pk, "web")
    assert officer_view.details["candidates_shown"] == 0  # officers never see candidates
    assert analyst_view.details["candidates_shown"] == inquiry.candidates.count() > 0
    assert (api_view.actor_id, api_view.details["form"]) == (oversight.user.pk, "api")
    assert api_view.object_type == "inquiries.inquiry" and api_view.object_id == str(inquiry.pk)
    # Subject names are not copied into the audit trail.
    assert all(subject["family_name"] not in str(e.details) for e in events)


def test_an_out_of_scope_read_is_404_and_not_recorded(people, client_as, agency_b):
    people["officer"].post("/inquiries/new/", form_fields(a_number="A12345678"))
    inquiry = Inquiry.objects.latest("pk")
    other = client_as("agency_officer", agency_b)
    before = AuditEvent.objects.count()
    assert other.get(f"/inquiries/{inquiry.pk}/").status_code == 404
    assert other.get(f"/api/inquiries/{inquiry.pk}/").status_code == 404
    assert AuditEvent.objects.count() == before
