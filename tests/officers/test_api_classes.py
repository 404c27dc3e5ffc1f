"""``/api/classes/``: scheduling, enrolment, attendance and scores by training staff with the
page's rules; liaisons read their own officers' rows; others 404 and nothing changes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from tests.conftest import sign_in
from tests.officers.conftest import make_agreement
from tests.officers.test_classes import initial_course, make_class

from access.officers.models import Enrolment, ExamAttempt, Officer, TrainingClass

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Any:
    from django.test import Client

    return sign_in(Client(), user)


def _post(client: Any, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, body, content_type="application/json")


def test_schedule_through_the_api(people: dict[str, Any], agreement: Any) -> None:
    course = initial_course(agreement)
    today = timezone.localdate()
    body = {
        "course": course.code,
        "starts_on": str(today + timedelta(days=10)),
        "ends_on": str(today + timedelta(days=14)),
        "delivery": "in_person",
        "location": "Charleston, SC",
        "capacity": 12,
        "instructor": people["agent"].username,
        "reason": "Summer cohort",
    }
    assert _post(_client(people["liaison"]), "/api/classes/", body).status_code == 404
    agent = _client(people["agent"])
    backwards = _post(agent, "/api/classes/", {**body, "ends_on": str(today)})
    assert backwards.status_code == 400
    assert "ends_on" in backwards.json()["error"]["fields"]
    assert not TrainingClass.objects.exists()
    created = _post(agent, "/api/classes/", body)
    assert created.status_code == 201
    assert created.json()["status"] == "scheduled" and created.json()["roster"] == []


def test_enrol_attendance_and_scores_through_the_api(
    walk: Callable[..., Officer], people: dict[str, Any], agreement: Any
) -> None:
    first, second, nominated = walk("cleared"), walk("cleared"), walk("nominated")
    session = make_class(people["agent"], initial_course(agreement))
    agent = _client(people["agent"])
    url = f"/api/classes/{session.pk}/"
    refused = _post(
        agent, f"{url}enrol/", {"officers": [first.pk, nominated.pk], "reason": "Cohort"}
    )
    assert refused.status_code == 400
    [row] = refused.json()["error"]["fields"]["rows"]
    assert row["officer"] == str(nominated) and "background check" in row["message"]
    assert not Enrolment.objects.exists()
    enrolled = _post(agent, f"{url}enrol/", {"officers": [first.pk, second.pk], "reason": "C"})
    assert enrolled.status_code == 200 and len(enrolled.json()["roster"]) == 2
    a = Enrolment.objects.get(officer=first)
    b = Enrolment.objects.get(officer=second)
    attendance = _post(
        agent,
        f"{url}attendance/",
        {
            "rows": [
                {"enrolment": a.pk, "attendance": "attended"},
                {"enrolment": b.pk, "attendance": "partial", "hours": 3},
            ],
            "reason": "Sign-in sheet",
        },
    )
    assert attendance.status_code == 200
    scores = {
        "scores": [{"enrolment": a.pk, "score": 75}, {"enrolment": b.pk, "score": 101}],
        "reason": "Final exam",
    }
    bad = _post(agent, f"{url}scores/", scores)
    assert bad.status_code == 400
    assert [r["enrolment"] for r in bad.json()["error"]["fields"]["rows"]] == [str(b.pk)]
    assert not ExamAttempt.objects.exists()
    scores["scores"][1]["score"] = 55
    good = _post(agent, f"{url}scores/", scores)
    assert good.status_code == 200
    by_officer = {r["officer"]: r for r in good.json()["roster"]}
    assert by_officer[first.pk]["passed"] is True and by_officer[second.pk]["score"] == 55
    assert ExamAttempt.objects.count() == 2


def test_liaison_reads_only_own_rows_and_cannot_write(
    walk: Callable[..., Officer],
    people: dict[str, Any],
    agreement: Any,
    make_user: Any,
    agency_b: Any,
) -> None:
    own = walk("cleared")
    other = walk("cleared", on=make_agreement(agency_b))
    session = make_class(people["agent"], initial_course(agreement))
    empty = make_class(
        people["agent"],
        initial_course(agreement),
        starts_on=timezone.localdate() - timedelta(days=30),
        ends_on=timezone.localdate() - timedelta(days=29),
    )
    from access.officers import training

    training.enrol(people["agent"], session, officers=[own, other], reason="Cohort")
    liaison = _client(people["liaison"])
    listing = liaison.get("/api/classes/").json()
    assert [c["id"] for c in listing["results"]] == [session.pk]
    detail = liaison.get(f"/api/classes/{session.pk}/").json()
    assert [r["officer"] for r in detail["roster"]] == [own.pk]
    assert liaison.get(f"/api/classes/{empty.pk}/").status_code == 404
    row = Enrolment.objects.get(officer=own)
    denied = _post(
        liaison,
        f"/api/classes/{session.pk}/attendance/",
        {"rows": [{"enrolment": row.pk, "attendance": "attended"}], "reason": "x"},
    )
    assert denied.status_code == 404
    row.refresh_from_db()
    assert row.attendance == ""
    stranger = _client(make_user("agency_liaison", agency_b, username="liaison.b"))
    assert [r["officer"] for r in stranger.get(f"/api/classes/{session.pk}/").json()["roster"]] == [
        other.pk
    ]
    auditor = _client(make_user("oversight_auditor"))
    assert auditor.get("/api/classes/").json()["count"] == 2
    assert (
        _post(
            auditor, f"/api/classes/{session.pk}/step/", {"step": "cancel", "reason": "x"}
        ).status_code
        == 404
    )
    session.refresh_from_db()
    assert session.status == "scheduled"
