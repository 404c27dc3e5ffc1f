"""The REST API: submit in every form, read, answer, decide, IAR (JSON and Nlets text)."""

from __future__ import annotations

import pytest
from tests.inquiries.conftest import form_fields
from tests.inquiries.test_message import EXAMPLE_1

from access.audit.models import AuditEvent
from access.inquiries import niem
from access.inquiries.models import Inquiry


@pytest.fixture
def officer(client_as, make_agency):
    agency = make_agency(name="Virginia Test PD", state="VA", ori="VA0290000", county_fips="51013")
    return client_as("agency_officer", agency)


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_submit_as_nlets_text_niem_xml_and_fields(officer):
    text = _post(officer, "/api/inquiries/", {"nlets": EXAMPLE_1})
    assert text.status_code == 201, text.content
    first = Inquiry.objects.get(pk=text.json()["id"])
    assert first.channel == "nlets_text" and first.raw_message == EXAMPLE_1
    assert text.json()["candidates"] is None  # officers never see candidates
    xml = _post(officer, "/api/inquiries/", {"niem": niem.format_iaq(first.data())})
    assert (
        xml.status_code == 201 and Inquiry.objects.get(pk=xml.json()["id"]).data() == first.data()
    )
    fields = _post(officer, "/api/inquiries/", form_fields(a_number="A12345678"))
    assert fields.status_code == 201 and fields.json()["ori"] == "VA0290000"
    assert AuditEvent.objects.filter(action="inquiry.submitted").count() == 3


def test_malformed_messages_answer_the_one_error_shape(officer):
    bad = _post(officer, "/api/inquiries/", {"nlets": EXAMPLE_1.replace("DOB/19850314", "DOB/X")})
    assert bad.status_code == 400
    error = bad.json()["error"]
    assert error["code"] == "invalid" and "date_of_birth (DOB)" in error["fields"]
    hostile = _post(
        officer,
        "/api/inquiries/",
        {"niem": '<!DOCTYPE a [<!ENTITY b "c">]><NLETSInquiryData>&b;</NLETSInquiryData>'},
    )
    assert hostile.status_code == 400 and "message" in hostile.json()["error"]["fields"]
    assert _post(officer, "/api/inquiries/", {"nlets": 5}).status_code == 400
    assert Inquiry.objects.count() == 0


def test_analyst_answers_and_officer_reads_the_iar_by_api(officer, client_as):
    created = _post(officer, "/api/inquiries/", {"nlets": EXAMPLE_1}).json()
    analyst = client_as("lesc_analyst")
    listed = analyst.get("/api/inquiries/").json()["results"]
    assert [row["id"] for row in listed] == [created["id"]] and listed[0]["candidates"] == []
    assert officer.get(f"/api/inquiries/{created['id']}/iar/").status_code == 404
    refused = _post(
        analyst,
        f"/api/inquiries/{created['id']}/determination/",
        {"determination": "found_verified", "evidence": ["ncic"], "notes": "x"},
    )
    assert refused.status_code == 400  # names no verified record
    answered = _post(
        analyst,
        f"/api/inquiries/{created['id']}/determination/",
        {"determination": "no_record", "evidence": ["dhs_indices", "ncic"], "notes": "None."},
    )
    assert answered.status_code == 200 and answered.json()["status"] == "answered"
    iar = officer.get(f"/api/inquiries/{created['id']}/iar/").json()
    assert iar["determination"] == "no_record" and iar["verified_record"] == ""
    assert iar["text"].startswith("IAR.VA0290000.TXT.") and "DET/NO RECORD FOUND." in iar["text"]
    # the IAR is queued back to the inquiring ORI over Nlets (sent by the worker after commit)
    assert iar["delivery"]["channel"] == "nlets" and iar["delivery"]["destination"] == "VA0290000"
    assert iar["delivery"]["status"] == "queued" and iar["delivery"]["attempts"] == 0


def test_citizenship_stops_are_queryable(officer, client_as):
    _post(officer, "/api/inquiries/", form_fields(a_number="A12345678", claims_us_citizenship=True))
    _post(officer, "/api/inquiries/", form_fields(a_number="A87654321"))
    supervisor = client_as("ice_supervisor")
    rows = supervisor.get("/api/inquiries/?citizenship_stop=true").json()["results"]
    assert len(rows) == 1 and rows[0]["stop_reasons"] == ["subject_claims"]
    decided = _post(
        supervisor,
        f"/api/inquiries/{rows[0]['id']}/decision/",
        {"decision": "citizen", "notes": "Passport."},
    )
    assert decided.json()["status"] == "supervisor_decided"
