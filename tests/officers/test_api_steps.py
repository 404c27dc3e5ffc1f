"""The officers API after nomination: each step through the page's action for the right role;
the wrong role or another agency answers 404 and nothing changes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from tests.conftest import sign_in
from tests.officers.conftest import check_data, make_agreement

from access.audit.models import AuditEvent
from access.officers.models import Authorization, DisciplinaryReport, ExamAttempt, Officer

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Any:
    from django.test import Client

    return sign_in(Client(), user)


def _post(client: Any, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, body, content_type="application/json")


def _json(data: dict[str, Any]) -> dict[str, Any]:
    return {k: str(v) if hasattr(v, "isoformat") else v for k, v in data.items()}


def test_background_check_exam_and_certify(
    walk: Callable[..., Officer], people: dict[str, Any], agreement: Any
) -> None:
    officer = walk("nominated")
    url = f"/api/officers/{officer.pk}/"
    check = _json({**check_data(), "outcome": "cleared", "reason": "Nothing disqualifying"})
    liaison = _client(people["liaison"])
    denied = _post(liaison, f"{url}background-check/", check)
    assert denied.status_code == 404 and denied.json()["error"]["code"] == "not_found"
    assert Officer.objects.get(pk=officer.pk).status == "nominated"
    agent = _client(people["agent"])
    bad = _post(agent, f"{url}background-check/", {**check, "fingerprint_result": "maybe"})
    assert bad.status_code == 400
    assert Officer.objects.get(pk=officer.pk).status == "nominated"
    cleared = _post(agent, f"{url}background-check/", check)
    assert cleared.status_code == 200 and cleared.json()["status"] == "cleared"
    course = agreement.partnership_type.courses.filter(kind="initial").order_by("-effective_from")
    exam = {
        "course": course.first().code,
        "taken_on": str(timezone.localdate() - timedelta(days=2)),
        "location": "online",
        "reason": "Final exam",
    }
    out_of_range = _post(agent, f"{url}exams/", {**exam, "score": 140})
    assert out_of_range.status_code == 400
    assert "0 to 100" in out_of_range.json()["error"]["fields"]["non_field_errors"][0]
    assert not ExamAttempt.objects.exists()
    passed = _post(agent, f"{url}exams/", {**exam, "score": 82})
    assert passed.status_code == 201 and passed.json()["passed"] is True
    certified = _post(agent, f"{url}certify/", {"reason": "Passed"})
    assert certified.status_code == 200 and certified.json()["status"] == "certified"


def test_authorize_supervise_suspend_and_report(
    walk: Callable[..., Officer], people: dict[str, Any], make_user: Any
) -> None:
    officer = walk("certified")
    url = f"/api/officers/{officer.pk}/"
    body = {
        "functions": ["interview", "detainer"],
        "supervisor": people["supervisor"].username,
        "reason": "Completed training",
    }
    assert _post(_client(people["agent"]), f"{url}authorize/", body).status_code == 404
    assert not Authorization.objects.exists()
    director = _client(people["director"])
    outside = _post(director, f"{url}authorize/", {**body, "functions": ["arrest"]})
    assert outside.status_code == 400 and not Authorization.objects.exists()
    done = _post(director, f"{url}authorize/", body)
    assert done.status_code == 200 and done.json()["status"] == "authorized"
    other_supervisor = make_user("ice_supervisor", username="supervisor2")
    moved = _post(
        director, f"{url}supervisor/", {"supervisor": other_supervisor.username, "reason": "Moved"}
    )
    assert moved.status_code == 200 and moved.json()["supervisor"] == "supervisor2"
    liaison = _client(people["liaison"])
    assert _post(liaison, f"{url}step/", {"step": "suspend", "reason": "x"}).status_code == 404
    assert Officer.objects.get(pk=officer.pk).status == "authorized"
    suspended = _post(director, f"{url}step/", {"step": "suspend", "reason": "Under review"})
    assert suspended.status_code == 200 and suspended.json()["status"] == "suspended"
    wrong = _post(director, f"{url}step/", {"step": "suspend", "reason": "Again"})
    assert wrong.status_code == 400 and wrong.json()["error"]["code"] == "invalid"
    report = {
        "occurred_on": str(timezone.localdate() - timedelta(days=3)),
        "description": "Complaint filed",
        "excessive_force": True,
    }
    created = _post(liaison, f"{url}disciplinary-reports/", report)
    assert created.status_code == 201 and created.json()["excessive_force"] is True
    assert AuditEvent.objects.filter(action="officer.report_disciplinary").count() == 1


def test_another_agency_gets_404_on_every_step_and_nothing_changes(
    walk: Callable[..., Officer], people: dict[str, Any], make_user: Any, agency_b: Any
) -> None:
    officer = walk("authorized")
    other = _client(make_user("agency_liaison", agency_b))
    before = AuditEvent.objects.exclude(action="access.denied").count()
    url = f"/api/officers/{officer.pk}/"
    for path, body in [
        ("step/", {"step": "withdraw", "reason": "x"}),
        ("disciplinary-reports/", {"occurred_on": "2026-01-01", "description": "x"}),
        ("certify/", {"reason": "x"}),
    ]:
        answer = _post(other, url + path, body)
        assert answer.status_code == 404, path
    assert Officer.objects.get(pk=officer.pk).status == "authorized"
    assert not DisciplinaryReport.objects.exists()
    assert AuditEvent.objects.exclude(action="access.denied").count() == before


def test_authorizations_are_read_in_scope(
    walk: Callable[..., Officer], people: dict[str, Any], make_user: Any, agency_b: Any
) -> None:
    officer = walk("authorized")
    walk("authorized", on=make_agreement(agency_b))
    letters = _client(people["liaison"]).get("/api/authorizations/").json()["results"]
    assert [row["officer"] for row in letters] == [officer.pk]
    assert letters[0]["in_force_today"] is True
    auditor = _client(make_user("oversight_auditor"))
    assert auditor.get("/api/authorizations/").json()["count"] == 2
    assert auditor.get("/api/authorizations/", {"in_force": "false"}).json()["count"] == 0
    assert auditor.get("/api/authorizations/", {"in_force": "maybe"}).status_code == 400
    foreign = Authorization.objects.exclude(officer=officer).get()
    other_view = _client(people["liaison"]).get(f"/api/authorizations/{foreign.pk}/")
    assert other_view.status_code == 404
    nobody = _client(make_user("lesc_analyst"))
    assert nobody.get("/api/authorizations/").status_code == 404
