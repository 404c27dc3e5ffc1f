"""A standard Nlets IAQ (no reason, no case number) is taken: stored unsearched, awaiting the
details from the agency, which LESC asks for with an administrative message; the agency's reply
message or an analyst (from a call) supplies them, and the inquiry is searched as usual."""

from __future__ import annotations

import io
import json
import sys

import pytest
from django.core.management import call_command
from tests.inquiries.conftest import pick_subject

from access.audit.models import AuditEvent
from access.inquiries import actions, misuse, niem, nlets, queues
from access.inquiries.message import InquiryInvalid
from access.inquiries.models import Inquiry, InquiryCandidate, MisuseFlag
from access.messaging.models import OutboundMessage

STANDARD = (
    "IAQ.FL0000001.AX.TXT.PUR/C.ATN/DET R MILLER.PHN/555-010-0199."
    "NAM/GARCIA LOPEZ,JOSE LUIS.DOB/19850314.SEX/M.POB/MX.CUS/Y.OFF/1313."
)


def standard_about(subject: dict[str, str]) -> str:
    """A standard IAQ (no RSN, no CAS) naming a stored person."""
    dob = subject["date_of_birth"].replace("-", "")
    name = f"{subject['family_name']},{subject['given_name']}"
    return f"IAQ.FL0000001.AX.TXT.PUR/C.ATN/DET R MILLER.NAM/{name}.DOB/{dob}.CUS/Y."


def standard_xml() -> str:
    """The same standard IAQ as NIEM XML: no InquiryReasonText, no CaseNumberText."""
    return niem.format_iaq(nlets.parse(STANDARD))


def reply_to(inquiry: Inquiry, case: str = "24-00123", ori: str = "FL0000001") -> str:
    return f"ADM.{ori}.AX.TXT.IAQ/{inquiry.pk}.RSN/TRAFFIC STOP.CAS/{case}."


@pytest.fixture
def people(client_as, agency_a, agency_b):
    return {
        "officer": client_as("agency_officer", agency_a),
        "other": client_as("agency_officer", agency_b),
        "analyst": client_as("lesc_analyst"),
    }


def paste(client, message: str):
    return client.post("/inquiries/new/", {"mode": "message", "message": message})


# --- The parser -------------------------------------------------------------------------


def test_a_standard_iaq_reads_with_a_warning_for_each_missing_item():
    reading = nlets.read(STANDARD)
    assert reading.data.reason == "" and reading.data.case_number == ""
    assert reading.data.family_name == "GARCIA LOPEZ" and reading.data.in_custody
    assert reading.data.missing_details == ["reason", "case_number"]
    assert set(reading.warnings) == {"reason (RSN)", "case_number (CAS)"}
    assert "asks the agency" in reading.warnings["reason (RSN)"]
    complete = nlets.read(STANDARD + "RSN/TRAFFIC STOP.CAS/24-00123.")
    assert complete.warnings == {} and complete.data.missing_details == []


def test_a_standard_niem_iaq_reads_with_the_same_warnings():
    xml = standard_xml()
    assert "InquiryReasonText" not in xml and "CaseNumberText" not in xml
    reading = niem.read(xml)
    assert reading.data == nlets.read(STANDARD).data
    assert reading.warnings == {
        "reason (InquiryReasonText)": "No reason: LESC asks the agency for it before any search.",
        "case_number (CaseNumberText)": (
            "No case number: LESC asks the agency for it before any search."
        ),
    }
    complete = niem.read(niem.format_iaq(nlets.parse(STANDARD + "RSN/TRAFFIC STOP.CAS/24-1.")))
    assert complete.warnings == {} and complete.data.case_number == "24-1"
    with pytest.raises(InquiryInvalid) as caught:  # what cannot be read is still an error
        niem.read(xml.replace("1985-03-14", "1985-13-14"))
    assert "date_of_birth" in caught.value.errors


def test_an_unreadable_message_is_still_an_error():
    with pytest.raises(InquiryInvalid) as caught:
        nlets.read(STANDARD.replace("DOB/19850314", "DOB/19851399"))
    assert "date_of_birth (DOB)" in caught.value.errors
    with pytest.raises(InquiryInvalid):
        nlets.read("IAQ.FL0000001.AX.TXT.RSN/ONLY A REASON.")  # no subject at all


def test_the_reply_message_is_read_and_checked():
    reply = nlets.parse_details("ADM.FL0000001.AX.TXT.IAQ/42.RSN/Traffic stop.CAS/24-001.")
    assert reply == nlets.DetailsReply("FL0000001", 42, "TRAFFIC STOP", "24-001")
    with pytest.raises(InquiryInvalid) as caught:
        nlets.parse_details("ADM.FL0000001.AX.TXT.IAQ/X.RSN/R.")
    assert set(caught.value.errors) == {"inquiry (IAQ)", "case_number (CAS)"}
    with pytest.raises(InquiryInvalid, match="IAQ/, RSN/ and CAS/ only"):
        nlets.parse_details("ADM.FL0000001.AX.TXT.IAQ/4.NAM/SMITH,JOHN.RSN/R.CAS/C.")


# --- Intake, the request to the agency, the queue ---------------------------------------------


def test_a_pasted_standard_iaq_waits_unsearched_and_asks_the_agency(people, store):
    subject = pick_subject(citizen=False)
    response = paste(people["officer"], standard_about(subject))
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    assert inquiry.status == "awaiting_details"
    assert inquiry.details_missing == ["reason", "case_number"]
    assert InquiryCandidate.objects.count() == 0  # no reason, no search of anyone's records
    request = OutboundMessage.objects.get(inquiry=inquiry)
    assert request.kind == "ADM" and request.destination == "FL0000001"
    assert request.text.startswith("ADM.FL0000001.TXT.ATN/DET R MILLER.")
    assert f"IAQ/{inquiry.pk}." in request.text and "MIS/RSN CAS." in request.text
    submitted = AuditEvent.objects.get(action="inquiry.submitted")
    assert submitted.details["status"] == "awaiting_details"
    assert submitted.details["details_missing"] == ["reason", "case_number"]
    assert submitted.details["nlets_message"] == request.pk
    page = people["officer"].get(inquiry.get_absolute_url()).content.decode()
    assert "Awaiting details from the agency" in page and "No record has been searched" in page

    # The agency's reply takes it up: searched and routed as any inquiry.
    answered = paste(people["officer"], reply_to(inquiry))
    assert answered.status_code == 302 and answered["Location"] == inquiry.get_absolute_url()
    inquiry.refresh_from_db()
    assert inquiry.status == "awaiting_analyst"
    assert (inquiry.reason, inquiry.case_number) == ("TRAFFIC STOP", "24-00123")
    assert inquiry.details_source == "agency_message"
    assert inquiry.candidates.first().band == "probable"
    recorded = AuditEvent.objects.get(action="inquiry.details_recorded")
    assert recorded.details["source"] == "agency_message"
    assert recorded.details["case_number"] == "24-00123"
    assert recorded.before["status"] == "awaiting_details"
    assert recorded.after["status"] == "awaiting_analyst"
    assert recorded.details["candidates"] == inquiry.candidates.count()


def test_a_pasted_standard_niem_iaq_waits_and_asks_the_agency_as_text_does(people, db):
    response = paste(people["officer"], standard_xml())
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    assert (inquiry.status, inquiry.channel) == ("awaiting_details", "niem_xml")
    assert inquiry.details_missing == ["reason", "case_number"]
    assert InquiryCandidate.objects.count() == 0
    request = OutboundMessage.objects.get(inquiry=inquiry)
    assert request.kind == "ADM" and f"IAQ/{inquiry.pk}." in request.text
    assert "MIS/RSN CAS." in request.text
    # the agency's reply (an Nlets administrative message) takes it up
    assert paste(people["officer"], reply_to(inquiry)).status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.status == "awaiting_analyst" and inquiry.case_number == "24-00123"


def test_the_analyst_queue_shows_inquiries_awaiting_details(people, db):
    paste(people["officer"], STANDARD)
    inquiry = Inquiry.objects.get()
    queue = people["analyst"].get("/inquiries/queue/")
    assert list(queue.context["waiting_rows"]) == [inquiry] and list(queue.context["rows"]) == []
    assert "Awaiting details from the agency" in queue.content.decode()
    shown = AuditEvent.objects.get(action="inquiry.list_viewed")
    assert shown.details["inquiries"] == [inquiry.pk]
    items = queues.lesc_items(people["analyst"].user)
    assert [i["url"] for i in items] == [inquiry.get_absolute_url()]
    assert "awaiting details" in items[0]["title"]


def test_a_reply_matches_only_the_agencys_own_waiting_inquiry(people, db):
    paste(people["officer"], STANDARD)
    inquiry = Inquiry.objects.get()
    before = AuditEvent.objects.count()
    foreign = paste(people["other"], reply_to(inquiry, ori="TX0000002"))
    assert foreign.status_code == 400
    assert f"ORI TX0000002 has no inquiry {inquiry.pk} awaiting details." in (
        foreign.content.decode()
    )
    wrong_number = paste(people["officer"], reply_to(inquiry).replace(f"IAQ/{inquiry.pk}", "IAQ/9"))
    assert wrong_number.status_code == 400
    inquiry.refresh_from_db()
    assert inquiry.status == "awaiting_details" and inquiry.reason == ""
    assert AuditEvent.objects.count() == before
    # Once given, the details cannot be given again.
    assert paste(people["officer"], reply_to(inquiry)).status_code == 302
    again = paste(people["officer"], reply_to(inquiry, case="99-1"))
    assert again.status_code == 400
    inquiry.refresh_from_db()
    assert inquiry.case_number == "24-00123"


def test_misuse_rules_run_once_the_case_number_is_known(people, make_user, db):
    oversight = make_user("oversight_auditor")
    misuse.add_rule(oversight, kind="no_matching_case", threshold=0, window_minutes=60)
    paste(people["officer"], STANDARD)
    inquiry = Inquiry.objects.get()
    assert MisuseFlag.objects.count() == 0  # nothing to judge before the case number
    paste(people["officer"], reply_to(inquiry, case="NOT-REGISTERED"))
    flag = MisuseFlag.objects.get()
    assert flag.inquiry == inquiry and flag.evidence["case_number"] == "NOT-REGISTERED"


# --- The analyst records the details from a call ----------------------------------------------


def test_an_analyst_records_the_details_from_a_call(people, db):
    paste(people["officer"], STANDARD)
    inquiry = Inquiry.objects.get()
    url = f"/inquiries/{inquiry.pk}/details/"
    assert people["officer"].get(url).status_code == 404
    analyst = people["analyst"]
    assert "Record the reason and case number from a call" in (
        analyst.get(inquiry.get_absolute_url()).content.decode()
    )
    assert analyst.get(url).status_code == 200
    before = AuditEvent.objects.count()
    missing_note = analyst.post(url, {"reason": "Booking", "case_number": "24-7", "note": " "})
    assert missing_note.status_code == 400
    inquiry.refresh_from_db()
    assert inquiry.status == "awaiting_details" and AuditEvent.objects.count() == before
    done = analyst.post(
        url, {"reason": "Booking", "case_number": "24-7", "note": "Call from Det. Miller 14:05"}
    )
    assert done.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.status == "awaiting_analyst" and inquiry.details_source == "analyst_call"
    assert (inquiry.reason, inquiry.case_number) == ("BOOKING", "24-7")
    recorded = AuditEvent.objects.get(action="inquiry.details_recorded")
    assert recorded.details["source"] == "analyst_call"
    assert recorded.details["note"] == "Call from Det. Miller 14:05"
    assert recorded.actor_id == analyst.user.pk
    assert analyst.get(url).status_code == 200  # the form shows, but the action refuses:
    refused = analyst.post(url, {"reason": "X", "case_number": "Y", "note": "second call"})
    assert refused.status_code == 400 and "not awaiting details" in refused.content.decode()


def test_only_an_analyst_may_record_details_from_a_call(people, db):
    paste(people["officer"], STANDARD)
    inquiry = Inquiry.objects.get()
    with pytest.raises(Exception) as caught:
        actions.record_details(
            people["officer"].user,
            inquiry,
            reason="R",
            case_number="C",
            source="analyst_call",
            note="self",
        )
    assert type(caught.value).__name__ == "Http404"
    inquiry.refresh_from_db()
    assert inquiry.status == "awaiting_details"


# --- API and command line -------------------------------------------------------------------


def test_the_api_takes_a_standard_iaq_and_the_reply(people, db):
    officer = people["officer"]
    created = officer.post("/api/inquiries/", {"nlets": STANDARD}, content_type="application/json")
    assert created.status_code == 201
    body = created.json()
    assert body["status"] == "awaiting_details"
    assert body["details_missing"] == ["reason", "case_number"]
    inquiry = Inquiry.objects.get()
    replied = officer.post(
        "/api/inquiries/", {"nlets": reply_to(inquiry)}, content_type="application/json"
    )
    assert replied.status_code == 200 and replied.json()["status"] == "awaiting_analyst"
    xml = officer.post("/api/inquiries/", {"niem": standard_xml()}, content_type="application/json")
    assert xml.status_code == 201
    assert xml.json()["status"] == "awaiting_details"
    assert xml.json()["details_missing"] == ["reason", "case_number"]
    assert OutboundMessage.objects.filter(inquiry_id=xml.json()["id"], kind="ADM").exists()
    bad = officer.post(
        "/api/inquiries/",
        {"nlets": "ADM.FL0000001.AX.TXT.IAQ/1.RSN/R."},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "case_number (CAS)" in json.dumps(bad.json())


def _run_parse(stdin: bytes) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    original, code = sys.stdin, 0
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin))
    try:
        call_command("iaq", "parse", "-", stdout=out, stderr=err)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    finally:
        sys.stdin = original
    return code, out.getvalue(), err.getvalue()


def test_iaq_parse_warns_about_missing_items_and_exits_0(agency_a):
    code, out, err = _run_parse(STANDARD.encode())
    assert code == 0
    data = json.loads(out)
    assert data["family_name"] == "GARCIA LOPEZ" and data["reason"] == data["case_number"] == ""
    lines = err.splitlines()
    assert lines[0].startswith("warning: reason (RSN): No reason")
    assert lines[1].startswith("warning: case_number (CAS): No case number")


def test_iaq_parse_warns_about_a_standard_niem_iaq_and_exits_0(agency_a):
    code, out, err = _run_parse(standard_xml().encode())
    assert code == 0
    assert json.loads(out)["reason"] == json.loads(out)["case_number"] == ""
    lines = err.splitlines()
    assert lines[0].startswith("warning: reason (InquiryReasonText): No reason")
    assert lines[1].startswith("warning: case_number (CaseNumberText): No case number")
    code, out, err = _run_parse(b"<NLETSInquiryData><PurposeCode>C")
    assert code == 2 and out == "" and err.startswith("error: message: The XML is not well")


def test_iaq_parse_exits_2_when_the_message_cannot_be_read(agency_a):
    code, out, err = _run_parse(STANDARD.replace("NAM/GARCIA LOPEZ,JOSE LUIS", "NAM/X").encode())
    assert code == 2 and out == ""
    assert err.startswith("error: name (NAM): The name is LAST,FIRST MIDDLE.")


def test_iaq_parse_reads_the_agencys_reply_too(agency_a):
    code, out, err = _run_parse(b"ADM.FL0000001.AX.TXT.IAQ/7.RSN/Traffic stop.CAS/24-1.")
    assert code == 0 and err == ""
    assert json.loads(out) == {
        "ori": "FL0000001",
        "inquiry_id": 7,
        "reason": "TRAFFIC STOP",
        "case_number": "24-1",
    }
    code, out, err = _run_parse(b"ADM.FL0000001.AX.TXT.IAQ/7.RSN/Traffic stop.")
    assert code == 2 and out == ""
    assert err.startswith("error: case_number (CAS): The case number is required.")
