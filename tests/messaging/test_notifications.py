"""The notifications page: one's own notices only, unread count in the header, mark read
(audited); someone else's notice is a 404 and stays unread."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from tests.inquiries.conftest import inquiry_data

from access.audit.models import AuditEvent
from access.inquiries import actions
from access.inquiries.choices import Channel
from access.inquiries.escalation import escalate_confirmation
from access.inquiries.models import Inquiry
from access.inquiries.tasks import ESCALATION
from access.messaging.models import Notification


@pytest.fixture
def notices(make_user, agency_a):
    officer = make_user("agency_officer", agency_a)
    supervisor = make_user("ice_supervisor")
    other = make_user("ice_supervisor")
    made = []
    for case in ("24-1", "24-2"):
        data = inquiry_data(hit_confirmation=True, ncic_number="W123456789", case_number=case)
        inquiry = actions.submit_inquiry(officer, data, channel=Channel.WEB)
        Inquiry.objects.filter(pk=inquiry.pk).update(
            created_at=timezone.now() - timedelta(minutes=12)
        )
        inquiry.refresh_from_db()
        made += escalate_confirmation(ESCALATION, inquiry, [supervisor, other])
    mine = [n for n in made if n.recipient == supervisor]
    return {"supervisor": supervisor, "other": other, "mine": mine}


def test_the_page_lists_ones_own_notices_with_the_unread_count(client_as, notices):
    client = client_as(notices["supervisor"])
    page = client.get("/notifications/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "2 unread</span>" in body  # the header link
    assert "2 unread notifications." in body
    assert list(page.context["rows"]) == sorted(
        notices["mine"], key=lambda n: n.created_at, reverse=True
    )
    for notice in notices["mine"]:
        assert f'href="{notice.link}"' in body


def test_marking_read_is_audited_and_lowers_the_count(client_as, notices):
    client = client_as(notices["supervisor"])
    first, second = notices["mine"]
    before = AuditEvent.objects.count()
    response = client.post(f"/notifications/{first.pk}/read/")
    assert response.status_code == 302 and response["Location"] == "/notifications/"
    first.refresh_from_db()
    assert first.read_at is not None
    event = AuditEvent.objects.get(action="notification.read")
    assert event.details == {"notifications": [first.pk]}
    assert "1 unread</span>" in client.get("/").content.decode()
    client.post("/notifications/read/")
    second.refresh_from_db()
    assert second.read_at is not None
    assert AuditEvent.objects.count() == before + 2
    body = client.get("/notifications/").content.decode()
    assert "unread</span>" not in body and "No unread notifications." in body
    client.post("/notifications/read/")  # nothing left: no event
    assert AuditEvent.objects.count() == before + 2


def test_someone_elses_notice_is_not_found_and_stays_unread(client_as, notices):
    intruder = client_as(notices["other"])
    target = notices["mine"][0]
    before = AuditEvent.objects.count()
    assert intruder.post(f"/notifications/{target.pk}/read/").status_code == 404
    target.refresh_from_db()
    assert target.read_at is None and AuditEvent.objects.count() == before
    assert target not in intruder.get("/notifications/").context["rows"]
    # Marking all read touches only the intruder's own notices.
    intruder.post("/notifications/read/")
    assert Notification.objects.filter(recipient=notices["supervisor"], read_at=None).count() == 2


def test_marking_read_needs_a_post(client_as, notices):
    client = client_as(notices["supervisor"])
    target = notices["mine"][0]
    assert client.get(f"/notifications/{target.pk}/read/").status_code == 405
    assert client.get("/notifications/read/").status_code == 405
    target.refresh_from_db()
    assert target.read_at is None


def test_users_without_notices_see_an_empty_page(client_as, agency_a):
    body = client_as("agency_officer", agency_a).get("/notifications/").content.decode()
    assert "You have no notifications." in body and "unread</span>" not in body
