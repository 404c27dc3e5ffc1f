"""The API's encounter steps: the same actions as the pages, for the same roles; others get
404 and nothing changes; a refused step answers 400 in the project's one error shape."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from tests.conftest import sign_in

from access.accounts.models import User
from access.agencies.models import Agency
from access.audit.models import AuditEvent
from access.enforcement.choices import EncounterStatus
from access.enforcement.models import Encounter, EncounterStep

pytestmark = pytest.mark.django_db
S = EncounterStatus


def client(user: User) -> Client:
    return sign_in(Client(), user)


def post(user: User, encounter: Encounter, step: str, body: dict[str, Any] | None = None) -> Any:
    return client(user).post(
        f"/api/encounters/{encounter.pk}/{step}/", body or {}, content_type="application/json"
    )


def state(encounter: Encounter) -> tuple[Any, ...]:
    """Everything a refused step must leave as it was."""
    encounter.refresh_from_db()
    return (
        encounter.status,
        encounter.citizenship_stop,
        encounter.supervisor_decision,
        encounter.updated_at,
        EncounterStep.objects.count(),
        AuditEvent.objects.filter(action__startswith="encounter.").count(),
    )


def assert_error(response: Any, status: int, field: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["status"] == status
    assert set(error) == {"status", "code", "message", "fields", "request_id"}
    if field:
        assert error["code"] == "invalid"
        assert error["fields"][field]
    return error


@pytest.fixture
def outsiders(make_user: Callable[..., User], agency_a: Agency, agency_b: Agency) -> list[User]:
    """Roles that may not take any encounter step of agency A."""
    return [
        make_user("agency_officer", agency_b, username="deputy.b"),
        make_user("agency_liaison", agency_a),
        make_user("lesc_analyst"),
        make_user("ice_program_manager"),
        make_user("oversight_auditor"),
    ]


def test_not_identified_by_the_officer(
    make_identified: Callable[..., Encounter],
    officer_user: User,
    supervisor: User,
    outsiders: list[User],
) -> None:
    encounter = make_identified(status=S.CANDIDATES)
    before = state(encounter)
    for user in [*outsiders, supervisor]:
        response = post(user, encounter, "not-identified", {"notes": "Not him"})
        assert response.status_code == 404, user
    assert_error(post(officer_user, encounter, "not-identified", {"notes": " "}), 400, "notes")
    assert state(encounter) == before
    response = post(officer_user, encounter, "not-identified", {"notes": "Photo differs"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == S.NOT_IDENTIFIED
    assert AuditEvent.objects.filter(action="encounter.not_identified").count() == 1


def test_report_citizenship_stops_the_workflow(
    make_identified: Callable[..., Encounter],
    officer_user: User,
    supervisor: User,
    outsiders: list[User],
) -> None:
    encounter = make_identified()
    before = state(encounter)
    for user in outsiders:
        body = {"claimed": True, "notes": "Says born in Texas"}
        assert post(user, encounter, "citizenship", body).status_code == 404, user
    assert_error(post(officer_user, encounter, "citizenship", {"notes": "x"}), 400, "claimed")
    assert state(encounter) == before
    response = post(
        officer_user, encounter, "citizenship", {"claimed": False, "notes": "A U.S. passport"}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["citizenship_stop"]) == (S.CITIZENSHIP_STOP, True)
    assert body["stop_reasons"] == ["evidence_reported"]
    # Already stopped: refused with the reason, nothing changed.
    before = state(encounter)
    error = assert_error(
        post(supervisor, encounter, "citizenship", {"claimed": True, "notes": "again"}), 400
    )
    assert "already stopped" in error["fields"]["non_field_errors"][0]
    assert state(encounter) == before


def test_the_supervisor_decides_the_stop(
    make_identified: Callable[..., Encounter],
    officer_user: User,
    supervisor: User,
    outsiders: list[User],
) -> None:
    encounter = make_identified(
        status=S.CITIZENSHIP_STOP, citizenship_stop=True, stop_reasons=["claim"]
    )
    before = state(encounter)
    body = {"decision": "citizen", "notes": "Birth certificate verified"}
    for user in [*outsiders, officer_user]:
        assert post(user, encounter, "decide", body).status_code == 404, user
    assert_error(
        post(supervisor, encounter, "decide", {"decision": "maybe", "notes": "x"}), 400, "decision"
    )
    assert state(encounter) == before
    response = post(supervisor, encounter, "decide", body)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == S.SUPERVISOR_DECIDED
    assert response.json()["supervisor_decision"] == "citizen"
    assert response.json()["citizenship_stop"] is True  # kept as data


def test_the_officer_records_charging_documents_and_referrals(
    make_identified: Callable[..., Encounter],
    officer_user: User,
    supervisor: User,
    outsiders: list[User],
) -> None:
    encounter = make_identified()
    today = timezone.localdate()
    body = {"kind": "charging_document", "document": "I-862", "occurred_on": today.isoformat()}
    before = state(encounter)
    for user in [*outsiders, supervisor]:
        assert post(user, encounter, "steps", body).status_code == 404, user
    future = {**body, "occurred_on": (today + timedelta(days=2)).isoformat()}
    error = assert_error(post(officer_user, encounter, "steps", future), 400, "occurred_on")
    assert "is in the future" in error["fields"]["occurred_on"][0]
    wrong_form = {**body, "document": "I-205"}
    assert_error(post(officer_user, encounter, "steps", wrong_form), 400, "document")
    # The removal is not one of the officers' steps.
    removal = {"kind": "removed", "occurred_on": today.isoformat()}
    assert_error(post(officer_user, encounter, "steps", removal), 400, "kind")
    assert state(encounter) == before
    response = post(officer_user, encounter, "steps", body)
    assert response.status_code == 201, response.content
    referral = {"kind": "referral_to_ice", "occurred_on": today.isoformat(), "reference": "R-7"}
    response = post(officer_user, encounter, "steps", referral)
    assert response.status_code == 201, response.content
    steps = response.json()["steps"]
    assert [(s["kind"], s["document"], s["reference"]) for s in steps] == [
        ("charging_document", "I-862", ""),
        ("referral_to_ice", "", "R-7"),
    ]
    assert steps[0]["occurred_on"] == today.isoformat()


def test_a_step_before_identification_is_refused(
    make_identified: Callable[..., Encounter], officer_user: User
) -> None:
    encounter = make_identified(status=S.AWAITING_SUPERVISOR)
    before = state(encounter)
    body = {"kind": "referral_to_ice", "occurred_on": timezone.localdate().isoformat()}
    error = assert_error(post(officer_user, encounter, "steps", body), 400)
    assert "only after the subject is identified" in error["fields"]["non_field_errors"][0]
    assert state(encounter) == before


def test_ice_records_the_removal(
    make_identified: Callable[..., Encounter],
    officer_user: User,
    supervisor: User,
    outsiders: list[User],
) -> None:
    encounter = make_identified()
    day = (timezone.localdate() - timedelta(days=1)).isoformat()
    body = {"occurred_on": day, "document": "I-205", "reference": "REM-1"}
    before = state(encounter)
    for user in [*outsiders, officer_user]:
        assert post(user, encounter, "removal", body).status_code == 404, user
    assert_error(
        post(supervisor, encounter, "removal", {"occurred_on": "soon"}), 400, "occurred_on"
    )
    assert state(encounter) == before
    response = post(supervisor, encounter, "removal", body)
    assert response.status_code == 201, response.content
    assert response.json()["steps"][0]["kind"] == "removed"
    before = state(encounter)
    error = assert_error(post(supervisor, encounter, "removal", body), 400, "occurred_on")
    assert error["fields"]["occurred_on"] == ["The removal is already recorded."]
    assert state(encounter) == before


def test_search_again_by_the_officer(
    make_identified: Callable[..., Encounter],
    officer_user: User,
    supervisor: User,
    outsiders: list[User],
) -> None:
    encounter = make_identified(status=S.RECORDED, searched_at=None)
    before = state(encounter)
    for user in [*outsiders, supervisor]:
        assert post(user, encounter, "search").status_code == 404, user
    assert state(encounter) == before
    response = post(officer_user, encounter, "search")
    assert response.status_code == 200, response.content
    assert AuditEvent.objects.filter(action="encounter.searched").count() == 1
    identified = make_identified()
    before = state(identified)
    error = assert_error(post(officer_user, identified, "search"), 400)
    assert "not yet searched" in error["fields"]["non_field_errors"][0]
    assert state(identified) == before
