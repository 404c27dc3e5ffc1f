"""The web form's second way in: paste an Nlets text or NIEM XML IAQ. Same parsers, same
validated inquiry, same action; errors next to the message naming the field; nothing lost."""

from __future__ import annotations

import html
import re

import pytest
from tests.inquiries.conftest import inquiry_data

from access.audit.models import AuditEvent
from access.core.actors import SystemActor, bound_actor
from access.inquiries import niem, nlets
from access.inquiries.models import Inquiry

TEXT = (
    "IAQ.FL0000001.AX.TXT.PUR/C.ATN/DET R MILLER.PHN/555-010-0199."
    "NAM/GARCIA LOPEZ,JOSE LUIS.DOB/19850314.SEX/M.POB/MX.CUS/Y.OFF/1313."
    "RSN/TRAFFIC STOP.CAS/24-00123."
)


@pytest.fixture
def officer(client_as, agency_a):
    return client_as("agency_officer", agency_a)


def paste(client, message: str):
    return client.post("/inquiries/new/", {"mode": "message", "message": message})


def error_block(response) -> str:
    """The error text shown next to the pasted message (the textarea's described-by)."""
    page = response.content.decode()
    found = re.search(r'<div class="usa-error-message" id="id_message-error".*?</div>', page, re.S)
    assert found, "no error next to the message"
    return html.unescape(found.group(0))


def textarea_value(response) -> str:
    page = response.content.decode()
    found = re.search(r"<textarea[^>]*name=\"message\"[^>]*>(.*?)</textarea>", page, re.S)
    assert found
    return html.unescape(found.group(1)).strip()


def test_the_form_offers_both_ways_without_javascript(officer):
    fields = officer.get("/inquiries/new/").content.decode()
    assert 'aria-current="page">Fill in the fields</a>' in fields
    assert 'name="family_name"' in fields and 'name="message"' not in fields
    pasted = officer.get("/inquiries/new/?mode=message").content.decode()
    assert 'aria-current="page">Paste a message</a>' in pasted
    assert 'name="message"' in pasted and 'name="family_name"' not in pasted
    assert '<input type="hidden" name="mode" value="message">' in pasted


def test_a_pasted_nlets_text_becomes_the_same_inquiry(officer):
    before = AuditEvent.objects.count()
    response = paste(officer, TEXT)
    assert response.status_code == 302
    assert re.fullmatch(r"/inquiries/\d+/", response["Location"])  # ids only in the URL
    inquiry = Inquiry.objects.get()
    assert inquiry.channel == "nlets_text" and inquiry.raw_message == TEXT
    assert inquiry.data() == nlets.parse(TEXT)
    assert inquiry.status == "awaiting_analyst" and inquiry.in_custody
    submitted = AuditEvent.objects.get(action="inquiry.submitted")
    assert submitted.details["channel"] == "nlets_text"
    assert submitted.details["case_number"] == "24-00123"
    assert submitted.details["requestor"] == "DET R MILLER"
    assert AuditEvent.objects.count() == before + 1


def test_a_pasted_niem_xml_becomes_the_same_inquiry(officer):
    document = niem.format_iaq(inquiry_data(a_number="012345678", in_custody=True))
    response = paste(officer, "\n  " + document + "\n")
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    assert inquiry.channel == "niem_xml"
    assert inquiry.data() == niem.parse(document)
    assert inquiry.a_number == "012345678" and inquiry.family_name == "GARCIA LOPEZ"


def test_text_errors_name_field_and_tag_and_keep_the_message(officer):
    broken = TEXT.replace("DOB/19850314", "DOB/19851345").replace("ATN/DET R MILLER.", "")
    before = AuditEvent.objects.count()
    response = paste(officer, broken)
    assert response.status_code == 400
    shown = error_block(response)
    assert "Date of birth (DOB): 19851345 is not a calendar date." in shown
    assert "Requesting officer (ATN): The requesting officer is required." in shown
    assert textarea_value(response) == broken  # nothing lost
    assert 'aria-describedby="id_message-error id_message-hint"' in response.content.decode()
    assert Inquiry.objects.count() == 0 and AuditEvent.objects.count() == before


def test_xml_errors_name_field_and_element(officer):
    document = niem.format_iaq(inquiry_data()).replace("1985-03-14", "1985-02-30")
    response = paste(officer, document)
    assert response.status_code == 400
    shown = error_block(response)
    assert "Date of birth (Person/PersonBirthDate/Date):" in shown
    assert textarea_value(response) == document
    assert Inquiry.objects.count() == 0


def test_a_broken_message_is_refused_whole(officer):
    for broken in ("IAQ.FL0000001.AX.TXT.PUR/C", "<NLETSInquiryData><Purpose", "hello"):
        response = paste(officer, broken)
        assert response.status_code == 400
        assert "Message: " in error_block(response)
        assert textarea_value(response) == broken
    assert paste(officer, "").status_code == 400
    assert Inquiry.objects.count() == 0


def test_another_agencys_ori_is_refused_and_nothing_changes(officer, agency_b):
    before = AuditEvent.objects.count()
    other = TEXT.replace("IAQ.FL0000001.", f"IAQ.{agency_b.ori}.")
    response = paste(officer, other)
    assert response.status_code == 400
    shown = error_block(response)
    assert "ORI (the IAQ.<ORI> header): You can send inquiries only for your own agency" in shown
    assert textarea_value(response) == other
    xml = niem.format_iaq(inquiry_data(ori=agency_b.ori))
    shown = error_block(paste(officer, xml))
    assert "ORI (NLETSMessageHeader/OriginatingORIID): You can send inquiries only" in shown
    unknown = error_block(paste(officer, TEXT.replace("FL0000001", "ZZ9999999")))
    assert "No agency has the ORI ZZ9999999." in unknown
    assert Inquiry.objects.count() == 0 and AuditEvent.objects.count() == before


def test_an_agency_not_in_good_standing_cannot_paste(officer, agency_a):
    from access.agreements.models import Agreement
    from access.partnerships.models import PartnershipType

    with bound_actor(SystemActor("test fixtures")):
        Agreement(
            agency=agency_a, partnership_type=PartnershipType.objects.first(), status="suspended"
        ).save()
    before = AuditEvent.objects.count()
    response = paste(officer, TEXT)
    assert response.status_code == 400 and "suspended" in error_block(response)
    assert Inquiry.objects.count() == 0 and AuditEvent.objects.count() == before


def test_only_officers_may_paste(client_as, agency_a):
    analyst = client_as("lesc_analyst")
    assert paste(analyst, TEXT).status_code == 404
    assert analyst.get("/inquiries/new/?mode=message").status_code == 404
    assert Inquiry.objects.count() == 0
