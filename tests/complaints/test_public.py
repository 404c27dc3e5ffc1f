"""The public complaint form and status page: no account, rate-limited, a honeypot, a receipt
code that shows one complaint's status and nothing else."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from access.audit.models import AuditEvent
from access.complaints import actions
from access.complaints.models import Complaint
from access.messaging.models import Notification

FORM = reverse("complaints:public_form")
STATUS = reverse("complaints:public_status")


def test_anyone_files_a_complaint_and_gets_a_receipt_code_once(db, filing, opr):
    client = Client()
    assert client.get(FORM).status_code == 200
    response = client.post(FORM, filing, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302 and response.url == reverse("complaints:public_receipt")
    complaint = Complaint.objects.get()
    assert complaint.status == "referred" and complaint.channel == "public_form"
    assert complaint.due_on == timezone.localdate() + timedelta(days=90)
    assert complaint.source_key and "198.51.100.7" not in complaint.source_key
    receipt = client.get(response.url)
    assert complaint.display_code in receipt.content.decode()
    assert complaint.receipt_code not in response.url
    # shown once: the receipt page does not repeat the code
    assert client.get(reverse("complaints:public_receipt")).status_code == 302
    # referred to OPR: investigators are told, and the trail holds no narrative
    assert Notification.objects.filter(recipient=opr).count() == 1
    event = AuditEvent.objects.get(action="complaint.file")
    assert "held past my release" not in str(event.after) + str(event.details)


def test_the_honeypot_stores_nothing_and_says_nothing(db, filing, audit_count):
    before = audit_count()
    response = Client().post(FORM, {**filing, "website": "http://spam.example"})
    assert response.status_code == 302
    assert not Complaint.objects.exists() and audit_count() == before


def test_a_complaint_without_text_is_refused_and_nothing_is_stored(db, filing, audit_count):
    before = audit_count()
    response = Client().post(FORM, {**filing, "narrative": "   "})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode() or "Say what happened" in (
        response.content.decode()
    )
    assert not Complaint.objects.exists() and audit_count() == before


def test_an_incident_in_the_future_is_refused(db, filing):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = Client().post(FORM, {**filing, "incident_on": tomorrow.isoformat()})
    assert response.status_code == 400
    assert "cannot be in the future" in response.content.decode()
    assert not Complaint.objects.exists()


def test_the_form_is_rate_limited_per_sender_and_the_refusal_stores_nothing(db, filing):
    client = Client()
    for _ in range(actions.PUBLIC_PER_SOURCE_PER_HOUR):
        assert client.post(FORM, filing, REMOTE_ADDR="203.0.113.9").status_code == 302
    refused = client.post(FORM, filing, REMOTE_ADDR="203.0.113.9")
    assert refused.status_code == 429
    assert "try again later" in refused.content.decode()
    assert Complaint.objects.count() == actions.PUBLIC_PER_SOURCE_PER_HOUR
    # another sender is not held back by the first one's limit
    assert client.post(FORM, filing, REMOTE_ADDR="203.0.113.10").status_code == 302


def _file(filing: dict[str, Any]) -> Complaint:
    Client().post(FORM, filing)
    return Complaint.objects.latest("pk")


def test_the_status_page_shows_that_complaint_only_by_its_code(db, filing):
    mine = _file(filing)
    _file({**filing, "narrative": "Someone else's complaint text."})
    response = Client().post(STATUS, {"code": mine.display_code.lower().replace("-", " ")})
    page = response.content.decode()
    assert response.status_code == 200
    assert mine.display_code in page and "Referred to ICE" in page
    # nothing of the complaint's contents or anyone else's
    assert "held past my release" not in page and "Someone else" not in page
    assert "person@example.org" not in page


def test_a_wrong_code_finds_nothing(db, filing):
    _file(filing)
    response = Client().post(STATUS, {"code": "ZZZZ-ZZZZ-ZZZZ"})
    assert response.status_code == 404
    assert "No complaint has that receipt code" in response.content.decode()


def test_the_public_pages_need_no_sign_in_and_the_staff_pages_do(db):
    client = Client()
    assert client.get(FORM).status_code == 200
    assert client.get(STATUS).status_code == 200
    staff = client.get(reverse("complaints:list"))
    assert staff.status_code == 302 and "login" in staff.url
