"""Training classes: scheduling, rosters, attendance and scores through the exam rules."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from access.audit.models import AuditEvent
from access.officers import training
from access.officers.models import Course, Enrolment, ExamAttempt, Officer, TrainingClass
from access.officers.training import AttendanceRow, ClassRefused

pytestmark = pytest.mark.django_db


def initial_course(agreement: Any) -> Course:
    course = Course.in_effect(
        agreement.partnership_type_id, timezone.localdate(), "initial"
    ).first()
    assert course is not None
    return course


def make_class(actor: Any, course: Course, **overrides: Any) -> TrainingClass:
    today = timezone.localdate()
    data: dict[str, Any] = {
        "course": course,
        "starts_on": today - timedelta(days=5),
        "ends_on": today - timedelta(days=1),
        "delivery": "in_person",
        "location": "FLETC Charleston, SC",
        "capacity": 3,
        "instructor": actor,
        "reason": "Spring cohort",
        **overrides,
    }
    return training.schedule_class(actor, **data)


@pytest.fixture
def course(agreement: Any) -> Course:
    return initial_course(agreement)


def test_schedule_refuses_dates_out_of_order_and_the_wrong_role(
    people: dict[str, Any], course: Course
) -> None:
    today = timezone.localdate()
    with pytest.raises(ValidationError) as refused:
        make_class(people["agent"], course, starts_on=today, ends_on=today - timedelta(days=1))
    assert "ends_on" in refused.value.message_dict
    with pytest.raises(ValidationError) as no_place:
        make_class(people["agent"], course, location="")
    assert "location" in no_place.value.message_dict
    with pytest.raises(ValidationError) as not_staff:
        make_class(people["agent"], course, instructor=people["supervisor"])
    assert "instructor" in not_staff.value.message_dict
    with pytest.raises(PermissionDenied):
        make_class(people["liaison"], course)
    assert not TrainingClass.objects.exists()
    online = make_class(people["agent"], course, delivery="online", location="ignored")
    assert online.status == "scheduled" and online.place == "online" and online.location == ""
    assert AuditEvent.objects.filter(action="officer.class_schedule").count() == 1


def test_enrol_only_officers_at_the_courses_point_of_the_path(
    walk: Callable[..., Officer], people: dict[str, Any], course: Course
) -> None:
    cleared, nominated = walk("cleared"), walk("nominated")
    session = make_class(people["agent"], course)
    with pytest.raises(ClassRefused) as refused:
        training.enrol(people["agent"], session, officers=[cleared, nominated], reason="Cohort")
    assert [p.officer for p in refused.value.problems] == [str(nominated)]
    assert "background check clears" in refused.value.problems[0].message
    assert not Enrolment.objects.exists()
    [row] = training.enrol(people["agent"], session, officers=[cleared], reason="Cohort")
    assert row.officer == cleared
    with pytest.raises(ClassRefused):
        training.enrol(people["agent"], session, officers=[cleared], reason="Again")
    assert Enrolment.objects.count() == 1
    assert list(training.eligible_officers(people["agent"], session)) == []


def test_enrol_respects_capacity(
    walk: Callable[..., Officer], people: dict[str, Any], course: Course
) -> None:
    officers = [walk("cleared") for _ in range(3)]
    session = make_class(people["agent"], course, capacity=2)
    with pytest.raises(ClassRefused) as refused:
        training.enrol(people["agent"], session, officers=officers, reason="Cohort")
    assert "holds 2 officers" in refused.value.problems[0].message
    assert not Enrolment.objects.exists()


def test_scores_need_attendance_and_are_all_or_nothing(
    walk: Callable[..., Officer], people: dict[str, Any], course: Course
) -> None:
    first, second = walk("cleared"), walk("cleared")
    session = make_class(people["agent"], course)
    a, b = training.enrol(people["agent"], session, officers=[first, second], reason="Cohort")
    training.record_attendance(
        people["agent"],
        session,
        rows=[AttendanceRow(a.pk, "attended"), AttendanceRow(b.pk, "absent")],
        reason="Sign-in sheet",
    )
    a.refresh_from_db()
    assert a.hours_attended == course.hours
    with pytest.raises(ClassRefused) as refused:
        training.record_scores(
            people["agent"], session, scores={a.pk: 91, b.pk: 80}, reason="Final exam"
        )
    assert [p.enrolment for p in refused.value.problems] == [b.pk]
    assert "did not attend" in refused.value.problems[0].message
    assert not ExamAttempt.objects.exists()
    with pytest.raises(ClassRefused) as out_of_range:
        training.record_scores(people["agent"], session, scores={a.pk: 101}, reason="Final")
    assert "0 to 100" in out_of_range.value.problems[0].message
    assert not ExamAttempt.objects.exists()
    [saved] = training.record_scores(people["agent"], session, scores={a.pk: 91}, reason="Final")
    exam = ExamAttempt.objects.get()
    assert saved.exam == exam and exam.passed and exam.location == "FLETC Charleston, SC"
    assert exam.taken_on == session.ends_on
    assert AuditEvent.objects.filter(action="officer.record_exam").count() == 1
    assert AuditEvent.objects.filter(action="officer.class_scores").count() == 1


def test_a_failed_retake_in_a_second_class_disqualifies(
    walk: Callable[..., Officer], people: dict[str, Any], course: Course
) -> None:
    officer = walk("cleared")
    agent = people["agent"]
    for week in (2, 1):
        today = timezone.localdate()
        session = make_class(
            agent,
            course,
            starts_on=today - timedelta(days=7 * week + 3),
            ends_on=today - timedelta(days=7 * week),
        )
        [row] = training.enrol(agent, session, officers=[officer], reason="Cohort")
        training.record_attendance(
            agent, session, rows=[AttendanceRow(row.pk, "attended")], reason="Sheet"
        )
        training.record_scores(agent, session, scores={row.pk: 40}, reason="Final")
    officer.refresh_from_db()
    assert officer.status == "disqualified"
    third = make_class(agent, course)
    with pytest.raises(ClassRefused):
        training.enrol(agent, third, officers=[officer], reason="Third try")


def test_partial_attendance_needs_hours_and_future_classes_take_none(
    walk: Callable[..., Officer], people: dict[str, Any], course: Course
) -> None:
    officer = walk("cleared")
    session = make_class(people["agent"], course)
    [row] = training.enrol(people["agent"], session, officers=[officer], reason="Cohort")
    with pytest.raises(ClassRefused):
        training.record_attendance(
            people["agent"], session, rows=[AttendanceRow(row.pk, "partial")], reason="Sheet"
        )
    row.refresh_from_db()
    assert row.attendance == ""
    today = timezone.localdate()
    later = make_class(
        people["agent"],
        course,
        starts_on=today + timedelta(days=3),
        ends_on=today + timedelta(days=7),
    )
    [future] = training.enrol(people["agent"], later, officers=[officer], reason="Cohort")
    with pytest.raises(ValidationError, match="no attendance yet"):
        training.record_attendance(
            people["agent"], later, rows=[AttendanceRow(future.pk, "attended")], reason="Sheet"
        )
    with pytest.raises(ValidationError, match="begins on"):
        training.move_class(people["agent"], later, "start", reason="Early")
    training.move_class(people["agent"], later, "cancel", reason="Instructor ill")
    later.refresh_from_db()
    assert later.status == "cancelled"


def test_liaisons_see_classes_of_their_officers_and_only_their_roster_rows(
    walk: Callable[..., Officer],
    people: dict[str, Any],
    course: Course,
    make_user: Any,
    make_agency: Any,
    agency_b: Any,
) -> None:
    from tests.officers.conftest import make_agreement

    own = walk("cleared")
    other_agreement = make_agreement(agency_b)
    other = walk("cleared", on=other_agreement)
    session = make_class(people["agent"], course)
    empty = make_class(people["agent"], course)
    training.enrol(people["agent"], session, officers=[own, other], reason="Cohort")
    liaison = people["liaison"]
    assert list(TrainingClass.objects.restrict(liaison)) == [session]
    assert set(TrainingClass.objects.restrict(people["supervisor"])) == {session, empty}
    rows = Enrolment.objects.restrict(liaison).filter(training_class=session)
    assert [r.officer for r in rows] == [own]
    assert not TrainingClass.objects.restrict(liaison, "train").exists()
    outsider = make_user("agency_liaison", make_agency(name="Charlie Sheriff", ori="FL0000003"))
    assert not TrainingClass.objects.restrict(outsider).exists()
