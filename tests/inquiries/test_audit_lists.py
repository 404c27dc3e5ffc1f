"""Pages listing inquiries are audited: one ``inquiry.list_viewed`` event per page view (one
insert, however many rows), naming the page, its filter and every inquiry it showed."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from tests.inquiries.conftest import form_fields

from access.audit.models import AuditEvent
from access.inquiries.models import Inquiry

LISTED = "inquiry.list_viewed"


@pytest.fixture
def people(client_as, agency_a, agency_b):
    return {
        "officer": client_as("agency_officer", agency_a),
        "other_officer": client_as("agency_officer", agency_b),
        "analyst": client_as("lesc_analyst"),
        "supervisor": client_as("ice_supervisor"),
    }


def submit(client, **fields) -> Inquiry:
    response = client.post("/inquiries/new/", form_fields(**fields))
    assert response.status_code == 302
    return Inquiry.objects.latest("pk")


def listed_since(last: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(pk__gt=last, action=LISTED).order_by("pk"))


def last_pk() -> int:
    last = AuditEvent.objects.order_by("-pk").first()
    return last.pk if last else 0


def test_one_event_per_page_view_naming_the_inquiries_shown(people, db):
    officer, analyst, supervisor = people["officer"], people["analyst"], people["supervisor"]
    first = submit(officer, a_number="A11111111")
    second = submit(officer, a_number="A22222222", in_custody="on")
    stopped = submit(officer, a_number="A33333333", claims_us_citizenship="on")
    start = last_pk()

    views = [
        (officer, "/inquiries/", "inquiries:list", {}, [stopped, second, first]),
        (officer, "/inquiries/", "inquiries:list", {}, [stopped, second, first]),
        (
            analyst,
            "/inquiries/?status=awaiting_analyst",
            "inquiries:list",
            {"status": "awaiting_analyst"},
            [second, first],
        ),
        (analyst, "/inquiries/queue/", "inquiries:queue", {}, [second, first]),
        (supervisor, "/inquiries/citizenship-stops/", "inquiries:stops", {}, [stopped]),
    ]
    for client, url, _, _, shown in views:
        page = client.get(url)
        assert page.status_code == 200, url
        assert [r.pk for r in page.context.get("rows", page.context.get("open_rows"))] == [
            i.pk for i in shown
        ], url

    events = listed_since(start)
    assert len(events) == len(views)  # one per page view, not one per row
    assert AuditEvent.objects.filter(pk__gt=start).count() == len(views)  # and nothing else
    for event, (client, url, name, filters, shown) in zip(events, views, strict=True):
        assert event.actor_id == client.user.pk, url
        assert event.object_type == "inquiries.inquiry" and event.outcome == "success"
        assert event.details == {
            "purpose": "inquiry list",
            "page": name,
            "filters": filters,
            "inquiries": [i.pk for i in shown],
            "count": len(shown),
        }, url


def test_a_list_view_costs_one_audit_insert_however_many_rows(people, db):
    for n in range(5):
        submit(people["officer"], a_number=f"A1234567{n}")
    with CaptureQueriesContext(connection) as queries:
        people["analyst"].get("/inquiries/")
    inserts = [q["sql"] for q in queries if q["sql"].upper().startswith("INSERT")]
    audit_inserts = [sql for sql in inserts if "audit_auditevent" in sql]
    assert len(audit_inserts) == 1
    (event,) = listed_since(0)
    assert event.details["count"] == 5 and len(event.details["inquiries"]) == 5


def test_a_page_showing_no_inquiry_records_nothing(people, db):
    submit(people["officer"], a_number="A11111111")
    before = AuditEvent.objects.count()
    # Another agency's officer: their list is empty (the inquiry is out of scope).
    assert people["other_officer"].get("/inquiries/").context["rows"].count() == 0
    assert people["supervisor"].get("/inquiries/citizenship-stops/").status_code == 200
    assert people["analyst"].get("/inquiries/?status=answered").status_code == 200
    assert AuditEvent.objects.count() == before


def test_denied_list_pages_record_nothing(people, db):
    submit(people["officer"], a_number="A11111111")
    before = AuditEvent.objects.count()
    for url in ("/inquiries/queue/", "/inquiries/citizenship-stops/"):
        assert people["officer"].get(url).status_code == 404, url
    assert AuditEvent.objects.count() == before


def test_the_api_list_is_audited_per_page_as_the_pages_are(people, db):
    officer, other = people["officer"], people["other_officer"]
    first = submit(officer, a_number="A44444444")
    second = submit(officer, a_number="A55555555")
    start = last_pk()
    body = officer.get("/api/inquiries/?status=awaiting_analyst").json()
    assert [row["id"] for row in body["results"]] == [second.pk, first.pk]
    (event,) = listed_since(start)
    assert event.details["page"] == "api:inquiries"
    assert event.details["inquiries"] == [second.pk, first.pk]
    assert event.details["filters"] == {"status": "awaiting_analyst"}
    start = last_pk()
    assert other.get("/api/inquiries/").json()["results"] == []  # another agency's officer
    assert listed_since(start) == []
