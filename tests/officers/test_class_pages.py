"""Training class pages: schedule, enrol, attendance and the whole roster's scores for
training staff; liaisons read their own officers' rows; everyone else 404 and nothing changed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from tests.conftest import sign_in
from tests.officers.conftest import make_agreement
from tests.officers.test_classes import initial_course, make_class

from access.officers import training
from access.officers.models import Enrolment, ExamAttempt, Officer, TrainingClass

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Any:
    from django.test import Client

    return sign_in(Client(), user)


def _schedule_form(course: Any, instructor: Any, **overrides: Any) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "course": course.pk,
        "starts_on": str(today - timedelta(days=4)),
        "ends_on": str(today - timedelta(days=1)),
        "delivery": "in_person",
        "location": "Charleston, SC",
        "capacity": "10",
        "instructor": instructor.pk,
        "reason": "Spring cohort",
        **overrides,
    }


def test_training_staff_schedule_a_class_and_dates_out_of_order_are_refused(
    people: dict[str, Any], agreement: Any
) -> None:
    course = initial_course(agreement)
    agent = _client(people["agent"])
    assert agent.get("/officers/classes/schedule/").status_code == 200
    today = timezone.localdate()
    refused = agent.post(
        "/officers/classes/schedule/",
        _schedule_form(
            course, people["agent"], starts_on=str(today), ends_on=str(today - timedelta(days=2))
        ),
    )
    assert refused.status_code == 400
    assert "is before the first day" in refused.content.decode()
    assert not TrainingClass.objects.exists()
    done = agent.post("/officers/classes/schedule/", _schedule_form(course, people["agent"]))
    created = TrainingClass.objects.get()
    assert done.status_code == 302 and done["Location"] == f"/officers/classes/{created.pk}/"
    liaison = _client(people["liaison"])
    assert liaison.get("/officers/classes/schedule/").status_code == 404
    assert (
        liaison.post(
            "/officers/classes/schedule/", _schedule_form(course, people["agent"])
        ).status_code
        == 404
    )
    assert TrainingClass.objects.count() == 1


def test_enrol_attendance_and_roster_scores_all_or_nothing(
    walk: Callable[..., Officer], people: dict[str, Any], agreement: Any
) -> None:
    first, second = walk("cleared"), walk("cleared")
    session = make_class(people["agent"], initial_course(agreement))
    agent = _client(people["agent"])
    url = f"/officers/classes/{session.pk}/"
    enrol_page = agent.get(f"{url}enrol/").content.decode()
    assert first.full_name in enrol_page and second.full_name in enrol_page
    enrolled = agent.post(f"{url}enrol/", {"officers": [first.pk, second.pk], "reason": "Cohort"})
    assert enrolled.status_code == 302
    a = Enrolment.objects.get(officer=first)
    b = Enrolment.objects.get(officer=second)
    attendance = agent.post(
        f"{url}attendance/",
        {
            f"attendance-attendance_{a.pk}": "attended",
            f"attendance-attendance_{b.pk}": "absent",
            "attendance-reason": "Sign-in sheet",
        },
    )
    assert attendance.status_code == 302
    refused = agent.post(
        f"{url}scores/",
        {
            "scores-taken_on": str(session.ends_on),
            f"scores-score_{a.pk}": "85",
            f"scores-score_{b.pk}": "90",
            "scores-reason": "Final exam",
        },
    )
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "Nothing was saved" in text and "did not attend" in text
    assert not ExamAttempt.objects.exists()
    saved = agent.post(
        f"{url}scores/",
        {
            "scores-taken_on": str(session.ends_on),
            f"scores-score_{a.pk}": "85",
            "scores-reason": "Final exam",
        },
    )
    assert saved.status_code == 302
    exam = ExamAttempt.objects.get()
    assert exam.officer == first and exam.score == 85 and exam.passed
    page = agent.get(url).content.decode()
    assert "85%, passed" in page
    officer_page = agent.get(f"/officers/{first.pk}/").content.decode()
    assert 'id="classes-heading"' in officer_page and session.get_absolute_url() in officer_page


def test_liaisons_see_only_their_officers_and_cannot_record(
    walk: Callable[..., Officer],
    people: dict[str, Any],
    agreement: Any,
    make_user: Any,
    agency_b: Any,
) -> None:
    own = walk("cleared")
    other = walk("cleared", on=make_agreement(agency_b), first_name="Riley")
    session = make_class(people["agent"], initial_course(agreement))
    [a, _other_row] = training.enrol(
        people["agent"], session, officers=[own, other], reason="Cohort"
    )
    liaison = _client(people["liaison"])
    listing = liaison.get("/officers/classes/")
    assert listing.status_code == 200 and session.course.name in listing.content.decode()
    page = liaison.get(session.get_absolute_url()).content.decode()
    assert own.full_name in page and other.full_name not in page
    assert agency_b.name not in page
    assert "Record exam scores" not in page
    refused = liaison.post(
        f"/officers/classes/{session.pk}/attendance/",
        {f"attendance-attendance_{a.pk}": "attended", "attendance-reason": "x"},
    )
    assert refused.status_code == 404
    assert liaison.get(f"/officers/classes/{session.pk}/enrol/").status_code == 404
    a.refresh_from_db()
    assert a.attendance == ""
    stranger = _client(make_user("agency_liaison", make_agency_c()))
    assert stranger.get(session.get_absolute_url()).status_code == 404
    assert "0 results" in stranger.get("/officers/classes/").content.decode()
    officer_account = _client(make_user("agency_officer", own.agency))
    assert officer_account.get("/officers/classes/").status_code == 404


def make_agency_c() -> Any:
    from access.agencies.models import Agency
    from access.core.actors import SystemActor, bound_actor

    with bound_actor(SystemActor("test")):
        return Agency.objects.create(name="Charlie Sheriff's Office", ori="FL0000003", state="FL")
