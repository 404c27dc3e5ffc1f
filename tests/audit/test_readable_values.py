"""Issue 15 item 6: what the audit trail and histories show is read, not decoded: fields by
label, values in words, event names by their declared labels, times without microseconds."""

from __future__ import annotations

import datetime as dt
import re

from access.agencies import actions as agency_actions
from access.agreements.choices import Party
from access.audit import events, registry
from access.audit.models import AuditEvent
from access.core.actors import SystemActor
from access.core.templatetags.display import field_label, readable, when
from access.officers.choices import OfficerStatus


def test_one_date_time_format_without_microseconds():
    moment = dt.datetime(2026, 12, 3, 6, 40, 12, 345678, tzinfo=dt.UTC)
    assert when(moment) == "2026-12-03 06:40"
    assert when(moment, "seconds") == "2026-12-03 06:40:12"
    assert when("2026-12-03T06:40:12.345678+00:00") == "2026-12-03 06:40"
    assert when(dt.date(2026, 12, 3)) == "2026-12-03"
    assert when(None) == ""


def test_field_names_read_as_labels_and_values_as_words():
    assert field_label("given_name") == "Given name"
    assert field_label("date_of_birth") == "Date of birth"
    assert field_label("agency_id") == "Agency"
    assert field_label("ori") == "ORI"
    assert readable(True) == "Yes"
    assert readable(None) == "—"
    assert readable(["a", "b"]) == "a, b"
    assert readable({"purpose_code": "C", "case_number": "24-1"}) == (
        "Purpose code: C; Case number: 24-1"
    )
    assert readable("2026-12-03T06:40:12.345678+00:00") == "2026-12-03 06:40:12"


def test_the_event_page_shows_before_after_and_details_field_by_field(client_as, agency_a):
    agency_actions.update_agency(SystemActor("test"), agency_a, county_name="Collier")
    event = AuditEvent.objects.filter(action="agency.update").latest("pk")
    assert event.before and event.after
    client = client_as("oversight_auditor")
    html = client.get(f"/audit/{event.pk}/").content.decode()
    assert "{'" not in html and "&#x27;:" not in html  # no Python dict text
    changes = re.search(r"<caption>Changes: before and after</caption>(.*?)</table>", html, re.S)
    assert changes is not None
    row = re.search(
        r'<th scope="row">County</th><td>Miami-Dade</td><td><strong>Collier', changes[1]
    )
    assert row is not None, changes[1]
    assert '<th scope="row">Kind</th><td>Sheriff' in changes[1]  # the choice's label
    assert registry.label("agency.update") in html
    assert not re.search(r"\d\d:\d\d:\d\d\.\d{6}", html)


def test_the_trail_lists_events_by_label_and_to_the_second(client_as, agency_a):
    client = client_as("oversight_auditor")
    html = client.get("/audit/").content.decode()
    assert registry.label("agency.create") in html
    assert ">agency.create<" not in html
    assert not re.search(r"\d\d:\d\d:\d\d\.\d{6}", html)
    assert re.search(r"<td[^>]*>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d</td>", html)


def _details_rows(html: str) -> str:
    details = re.search(r"<caption>Details</caption>(.*?)</table>", html, re.S)
    assert details is not None
    return details[1]


def test_coded_details_show_the_label_their_app_declares(client_as):
    """An inquiry's purpose code (not a model choice) and an officer's from/to statuses (not
    model fields at all) read as words, as each app declares in its events.py."""
    inquiry_event = events.record(
        "inquiry.viewed",
        actor=SystemActor("test"),
        object_type="inquiries.inquiry",
        object_id=1,
        details={"purpose_code": "C", "case_number": "24-1"},
    )
    officer_event = events.record(
        "officer.clear_check",
        actor=SystemActor("test"),
        object_type="officers.officer",
        object_id=1,
        details={"from": "nominated", "to": "cleared", "reason": "ok"},
    )
    client = client_as("oversight_auditor")
    rows = _details_rows(client.get(f"/audit/{inquiry_event.pk}/").content.decode())
    assert '<th scope="row">Purpose code</th><td>Criminal justice</td>' in rows
    assert '<th scope="row">Case number</th><td>24-1</td>' in rows
    rows = _details_rows(client.get(f"/audit/{officer_event.pk}/").content.decode())
    assert f'<th scope="row">From</th><td>{OfficerStatus.label("nominated")}</td>' in rows
    assert f'<th scope="row">To</th><td>{OfficerStatus.label("cleared")}</td>' in rows


def test_an_unknown_code_is_shown_as_stored():
    assert registry.value_label("inquiry.viewed", "purpose_code", "C") == "Criminal justice"
    assert registry.value_label("inquiry.viewed", "purpose_code", "Z") is None
    assert registry.value_label("inquiry.viewed", "reason", "C") is None
    assert registry.value_label("agreement.sign", "party", "ice") == Party.label("ice")
