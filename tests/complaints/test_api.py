"""The complaints API: OPR files (for phone, letter and in-person complaints), assigns,
suspends the officer while pending and resolves; oversight and program managers read;
everyone else gets 404. A refusal answers in the one error shape and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from tests.conftest import sign_in

from access.audit.models import AuditEvent
from access.complaints import actions
from access.complaints.models import Complaint
from access.officers.models import Officer

pytestmark = pytest.mark.django_db
API = "/api/complaints/"


def client(user: Any) -> Client:
    return sign_in(Client(), user)


def post(user: Any, url: str, body: dict[str, Any]) -> Any:
    return client(user).post(url, body, content_type="application/json")


def snapshot() -> tuple[Any, ...]:
    """Everything a refused call must leave as it was."""
    rows = Complaint.objects.order_by("pk").values_list(
        "pk", "status", "assigned_to", "officer", "suspension", "finding", "updated_at"
    )
    return (
        list(rows),
        AuditEvent.objects.filter(action__startswith="complaint.").count(),
        Officer.objects.filter(status="suspended").count(),
    )


def assert_error(response: Any, status: int, field: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert set(error) == {"status", "code", "message", "fields", "request_id"}
    assert error["status"] == status
    if status == 404:
        assert (error["code"], error["message"], error["fields"]) == (
            "not_found",
            "Not found.",
            {},
        )
    if field:
        assert error["code"] == "invalid"
        assert error["fields"][field], error
    return error


@pytest.fixture
def complaint(agreement: Any, opr: Any) -> Complaint:
    return actions.file_by_staff(
        opr,
        agency=agreement.agency,
        narrative="Held past release without explanation.",
        complainant_contact="person@example.org",
    )


@pytest.fixture
def others(make_user: Callable[..., Any], agreement: Any) -> list[Any]:
    """Roles with no complaints grant at all: the agency's own people among them."""
    agency = agreement.agency
    return [
        make_user("agency_liaison", agency),
        make_user("agency_officer", agency),
        make_user("lesc_analyst"),
        make_user("ice_supervisor"),
        make_user("ice_field_agent"),
    ]


def test_opr_files_a_complaint_received_by_phone(agreement: Any, opr: Any) -> None:
    response = post(
        opr,
        API,
        {
            "agency": agreement.agency.pk,
            "narrative": "  Called to say the deputy took her phone.  ",
            "incident_place": "County jail",
            "complainant_contact": "caller@example.org",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    complaint = Complaint.objects.get()
    assert body["id"] == complaint.pk
    assert (body["channel"], body["status"], body["agency"]) == (
        "staff",
        "referred",
        agreement.agency.pk,
    )
    assert body["narrative"] == "Called to say the deputy took her phone."
    assert body["receipt_code"] == complaint.display_code
    assert body["due_on"] == (timezone.localdate() + timezone.timedelta(days=90)).isoformat()
    assert "source_key" not in body
    assert AuditEvent.objects.filter(action="complaint.file", object_id=str(complaint.pk)).count()


def test_filing_refusals_name_the_field_and_store_nothing(
    agreement: Any, opr: Any, agency_b: Any, walk: Callable[..., Officer]
) -> None:
    before = snapshot()
    assert_error(post(opr, API, {"agency": agreement.agency.pk, "narrative": ""}), 400, "narrative")
    error = assert_error(
        post(opr, API, {"agency": agreement.agency.pk, "narrative": "   "}), 400, "narrative"
    )
    assert error["message"] == "The request has invalid fields."
    assert_error(post(opr, API, {"agency": 999999, "narrative": "x"}), 400, "agency")
    tomorrow = (timezone.localdate() + timezone.timedelta(days=1)).isoformat()
    error = assert_error(
        post(opr, API, {"agency": agreement.agency.pk, "narrative": "x", "incident_on": tomorrow}),
        400,
        "incident_on",
    )
    assert error["fields"]["incident_on"] == ["The date of the incident cannot be in the future."]
    officer = walk("authorized")
    error = assert_error(
        post(opr, API, {"agency": agency_b.pk, "narrative": "x", "officer": officer.pk}),
        400,
        "officer",
    )
    assert error["fields"]["officer"] == ["The officer is not an officer of that agency."]
    assert snapshot() == before


@pytest.mark.parametrize("role", ["ice_program_manager", "oversight_auditor"])
def test_readers_may_not_file(role: str, agreement: Any, make_user: Callable[..., Any]) -> None:
    before = snapshot()
    response = post(make_user(role), API, {"agency": agreement.agency.pk, "narrative": "x"})
    assert_error(response, 404)
    assert snapshot() == before


def test_list_and_detail_are_for_opr_and_oversight_only(
    complaint: Complaint, opr: Any, make_user: Callable[..., Any], others: list[Any]
) -> None:
    for user in (opr, make_user("oversight_auditor"), make_user("ice_program_manager")):
        listing = client(user).get(API)
        assert listing.status_code == 200
        assert [row["id"] for row in listing.json()["results"]] == [complaint.pk]
        detail = client(user).get(f"{API}{complaint.pk}/")
        assert detail.json()["narrative"] == "Held past release without explanation."
    for user in others:
        assert_error(client(user).get(API), 404)
        assert_error(client(user).get(f"{API}{complaint.pk}/"), 404)
    assert_error(client(opr).get(f"{API}{complaint.pk + 1}/"), 404)


def test_opr_assigns_suspends_and_resolves(
    complaint: Complaint,
    opr: Any,
    walk: Callable[..., Officer],
    django_capture_on_commit_callbacks: Any,
) -> None:
    officer = walk("authorized")
    url = f"{API}{complaint.pk}/"
    response = post(opr, url + "assign/", {"investigator": "opr", "officer": officer.pk})
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["assigned_to"]) == ("investigating", "opr")
    assert response.json()["officer"] == officer.pk
    response = post(opr, url + "suspend/", {"reason": "Allegation of force"})
    assert response.status_code == 200, response.content
    assert response.json()["suspension"] is not None
    officer.refresh_from_db()
    assert officer.status == "suspended"
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            opr,
            url + "resolve/",
            {"finding": "substantiated", "resolution": "Video confirms.", "notice": "Upheld."},
        )
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["finding"]) == ("resolved", "substantiated")
    assert response.json()["notice"] == "Upheld."
    actions_done = AuditEvent.objects.filter(object_id=str(complaint.pk)).values_list(
        "action", flat=True
    )
    assert {"complaint.assign", "complaint.suspend_officer", "complaint.resolve"} <= set(
        actions_done
    )


def test_opr_steps_refuse_bad_input_and_change_nothing(
    complaint: Complaint, opr: Any, manager: Any
) -> None:
    url = f"{API}{complaint.pk}/"
    before = snapshot()
    error = assert_error(
        post(opr, url + "assign/", {"investigator": manager.username}), 400, "investigator"
    )
    assert error["fields"]["investigator"] == ["Choose an active OPR investigator."]
    assert_error(post(opr, url + "assign/", {"investigator": "nobody"}), 400, "investigator")
    # No officer identified yet: nothing to suspend.
    error = assert_error(post(opr, url + "suspend/", {"reason": "Force"}), 400)
    assert "Identify the officer" in error["fields"]["non_field_errors"][0]
    assert_error(post(opr, url + "suspend/", {"reason": ""}), 400, "reason")
    assert_error(
        post(opr, url + "resolve/", {"finding": "maybe", "resolution": "r", "notice": "n"}),
        400,
        "finding",
    )
    assert_error(
        post(opr, url + "resolve/", {"finding": "unfounded", "resolution": "r", "notice": ""}),
        400,
        "notice",
    )
    assert snapshot() == before


def test_a_resolved_complaint_is_not_resolved_again(complaint: Complaint, opr: Any) -> None:
    url = f"{API}{complaint.pk}/resolve/"
    body = {"finding": "unfounded", "resolution": "No evidence.", "notice": "Not upheld."}
    assert post(opr, url, body).status_code == 200
    before = snapshot()
    error = assert_error(post(opr, url, body), 400)
    assert error["fields"]["non_field_errors"] == ["This complaint is already resolved."]
    assert snapshot() == before


@pytest.mark.parametrize("role", ["oversight_auditor", "ice_program_manager"])
def test_readers_may_not_take_opr_steps(
    complaint: Complaint,
    opr: Any,
    role: str,
    make_user: Callable[..., Any],
    walk: Callable[..., Officer],
) -> None:
    reader = make_user(role)
    officer = walk("authorized")
    actions.assign(opr, complaint, investigator=opr, officer=officer)
    url = f"{API}{complaint.pk}/"
    before = snapshot()
    assert_error(post(reader, url + "assign/", {"investigator": "opr"}), 404)
    assert_error(post(reader, url + "suspend/", {"reason": "Force"}), 404)
    body = {"finding": "unfounded", "resolution": "r", "notice": "n"}
    assert_error(post(reader, url + "resolve/", body), 404)
    assert snapshot() == before


def test_others_get_404_on_every_step_and_nothing_changes(
    complaint: Complaint, others: list[Any]
) -> None:
    url = f"{API}{complaint.pk}/"
    before = snapshot()
    for user in others:
        assert_error(post(user, API, {"agency": complaint.agency_id, "narrative": "x"}), 404)
        assert_error(post(user, url + "assign/", {"investigator": "opr"}), 404)
        assert_error(post(user, url + "suspend/", {"reason": "x"}), 404)
        body = {"finding": "unfounded", "resolution": "r", "notice": "n"}
        assert_error(post(user, url + "resolve/", body), 404)
    assert snapshot() == before
