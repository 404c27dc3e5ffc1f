"""Home-queue items offered to site/queues.py."""

from __future__ import annotations

from tests.inquiries.conftest import form_fields

from access.inquiries import misuse, queues
from access.inquiries.models import Inquiry


def test_queue_items_per_role(client_as, make_user, agency_a, db):
    officer = client_as("agency_officer", agency_a)
    analyst, supervisor = make_user("lesc_analyst"), make_user("ice_supervisor")
    oversight = make_user("oversight_auditor")
    misuse.add_rule(oversight, kind="no_charge", threshold=0, window_minutes=60)
    officer.post("/inquiries/new/", form_fields(a_number="A11111111", in_custody="on"))
    officer.post("/inquiries/new/", form_fields(a_number="A22222222", claims_us_citizenship="on"))
    waiting, stopped = Inquiry.objects.order_by("pk")
    assert [i["url"] for i in queues.lesc_items(analyst)] == [waiting.get_absolute_url()]
    assert queues.lesc_items(analyst)[0]["detail"].startswith("In custody; waiting")
    assert [i["url"] for i in queues.supervisor_items(supervisor)] == [stopped.get_absolute_url()]
    assert queues.oversight_items(oversight)[0]["title"] == "1 open misuse flag on inquiries"
    assert queues.lesc_items(officer.user) == queues.supervisor_items(analyst) == []
