"""``/api/misuse/flags/`` and ``/api/misuse/rules/``: oversight lists, filters, reads and
closes flags and reads rules; everyone else gets 404 in the one error shape."""

from __future__ import annotations

import pytest
from tests.inquiries.conftest import form_fields

from access.audit.models import AuditEvent
from access.inquiries.models import Inquiry, MisuseFlag, MisuseRule


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


@pytest.fixture
def flagged(client_as, agency_a, make_agency):
    """Flags of two rules on inquiries of two agencies."""
    oversight = client_as("oversight_auditor")
    for kind in ("no_charge", "no_matching_case"):
        body = {"kind": kind, "threshold": 0, "window_minutes": 60}
        assert oversight.post("/inquiries/misuse/rules/", body).status_code == 302
    other = make_agency(name="Charlie PD", ori="FL0000003")
    client_as("agency_officer", agency_a).post("/inquiries/new/", form_fields(a_number="A12345678"))
    client_as("agency_officer", other).post(
        "/inquiries/new/", form_fields(a_number="A12345679", in_custody="on")
    )
    return oversight, other


def test_oversight_lists_and_filters_flags(flagged, agency_a):
    oversight, other = flagged
    rows = oversight.get("/api/misuse/flags/").json()["results"]
    assert len(rows) == 3 == MisuseFlag.objects.count()
    first = rows[0]
    assert set(first) >= {"id", "rule", "inquiry", "agency", "evidence", "status", "finding"}
    assert first["rule"]["kind"] in ("no_charge", "no_matching_case")
    kinds = oversight.get("/api/misuse/flags/?kind=no_charge").json()["results"]
    assert [r["agency"] for r in kinds] == [agency_a.pk]  # the other subject was in custody
    by_agency = oversight.get(f"/api/misuse/flags/?agency={other.pk}").json()["results"]
    assert [(r["rule"]["kind"], r["agency"]) for r in by_agency] == [("no_matching_case", other.pk)]
    assert oversight.get("/api/misuse/flags/?status=closed").json()["results"] == []
    assert len(oversight.get("/api/misuse/flags/?status=open").json()["results"]) == 3


@pytest.mark.parametrize(
    ("query", "field"),
    [("status=maybe", "status"), ("kind=nope", "kind"), ("agency=abc", "agency")],
)
def test_bad_filters_answer_the_one_error_shape(flagged, query, field):
    oversight, _ = flagged
    response = oversight.get(f"/api/misuse/flags/?{query}")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and field in error["fields"] and error["request_id"]


def test_oversight_reads_and_closes_a_flag_with_a_finding(flagged):
    oversight, _ = flagged
    flag = MisuseFlag.objects.filter(rule__kind="no_charge").get()
    one = oversight.get(f"/api/misuse/flags/{flag.pk}/").json()
    assert one["evidence"]["offense_code"] == "0399" and one["status"] == "open"
    missing = _post(oversight, f"/api/misuse/flags/{flag.pk}/close/", {"finding": "misuse"})
    assert missing.status_code == 400 and "notes" in missing.json()["error"]["fields"]
    wrong = _post(
        oversight, f"/api/misuse/flags/{flag.pk}/close/", {"finding": "guilty", "notes": "x"}
    )
    assert wrong.status_code == 400 and "finding" in wrong.json()["error"]["fields"]
    flag.refresh_from_db()
    assert flag.status == "open" and not AuditEvent.objects.filter(action="misuseflag.close")
    closed = _post(
        oversight,
        f"/api/misuse/flags/{flag.pk}/close/",
        {"finding": "no_misuse", "notes": "Warrant check documented in the case file."},
    )
    assert closed.status_code == 200, closed.content
    body = closed.json()
    assert (body["status"], body["finding"], body["closed_by"]) == (
        "closed",
        "no_misuse",
        oversight.user.username,
    )
    event = AuditEvent.objects.get(action="misuseflag.close")
    assert event.object_id == str(flag.pk) and event.actor_id == oversight.user.pk
    again = _post(
        oversight, f"/api/misuse/flags/{flag.pk}/close/", {"finding": "misuse", "notes": "y"}
    )
    assert again.status_code == 400
    assert again.json()["error"]["fields"]["non_field_errors"] == ["The flag is already closed."]
    flag.refresh_from_db()
    assert flag.finding == "no_misuse"
    assert AuditEvent.objects.filter(action="misuseflag.close").count() == 1


def test_oversight_lists_rules(flagged):
    oversight, _ = flagged
    rows = oversight.get("/api/misuse/rules/").json()["results"]
    assert [r["kind"] for r in rows] == ["no_charge", "no_matching_case"]
    assert rows[1]["kind_label"].startswith("The case number is not an open case")
    rule = MisuseRule.objects.get(kind="no_charge")
    assert oversight.get(f"/api/misuse/rules/{rule.pk}/").json()["parameters"] == "no parameters"
    assert oversight.get("/api/misuse/rules/?active=false").json()["results"] == []
    assert oversight.post("/api/misuse/rules/", {}).status_code == 405


def test_everyone_else_gets_404_and_changes_nothing(flagged, client_as, agency_a):
    flag = MisuseFlag.objects.first()
    rule = MisuseRule.objects.first()
    clients = [
        client_as(role, agency_a)
        for role in (
            "agency_officer",
            "agency_liaison",
            "lesc_analyst",
            "ice_supervisor",
            "ice_program_manager",
            "system_administrator",
        )
    ]
    before = (
        list(MisuseFlag.objects.order_by("pk").values_list("status", "finding")),
        AuditEvent.objects.count(),
        Inquiry.objects.count(),
    )
    for client in clients:
        for url in (
            "/api/misuse/flags/",
            f"/api/misuse/flags/{flag.pk}/",
            "/api/misuse/rules/",
            f"/api/misuse/rules/{rule.pk}/",
        ):
            response = client.get(url)
            assert response.status_code == 404, url
            assert response.json()["error"]["code"] == "not_found"
        closing = _post(
            client, f"/api/misuse/flags/{flag.pk}/close/", {"finding": "misuse", "notes": "x"}
        )
        assert closing.status_code == 404
    assert (
        list(MisuseFlag.objects.order_by("pk").values_list("status", "finding")),
        AuditEvent.objects.count(),
        Inquiry.objects.count(),
    ) == before


def test_anonymous_requests_are_refused(flagged, client):
    flag = MisuseFlag.objects.first()
    assert client.get("/api/misuse/flags/").status_code in (401, 403)
    response = _post(client, f"/api/misuse/flags/{flag.pk}/close/", {"finding": "misuse"})
    assert response.status_code in (401, 403)
    assert response.json()["error"]["code"] in ("not_authenticated", "permission_denied")
    assert MisuseFlag.objects.filter(status="closed").count() == 0
