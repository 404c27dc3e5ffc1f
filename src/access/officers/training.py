"""Training class operations: schedule, start, complete or cancel a class, enrol officers,
record attendance and the roster's exam scores. Each is audited and checks the actor's
``officers.train_officer`` grant itself.

Scores become ``ExamAttempt``s through ``actions.record_exam`` (score 0-100, pass mark,
retakes, disqualification, no future dates): the exam rules exist once. Roster-wide writes
are all-or-nothing: one bad row and nothing is saved, and ``ClassRefused`` names each row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django_fsm import can_proceed

from access.audit import events
from access.audit.events import audited
from access.core.actors import SystemActor
from access.officers import actions
from access.officers.actions import StepRefused
from access.officers.choices import Attendance, ClassStatus, Delivery
from access.officers.events import Event
from access.officers.models import Course, Enrolment, Officer, TrainingClass

C = ClassStatus
# Grant that runs classes: training staff (ICE field agents, program managers).
GRANT = "officers.train_officer"


@dataclass(frozen=True)
class RowProblem:
    """One roster row that cannot be saved: which enrolment, whose, and why."""

    enrolment: int | None
    officer: str
    message: str


class ClassRefused(StepRefused):
    """A roster-wide write with at least one bad row; nothing was saved."""

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = problems
        count = len(problems)
        super().__init__(
            f"Nothing was saved: {count} row{'s' if count != 1 else ''} need correcting."
        )


def _require(actor: Any) -> None:
    if isinstance(actor, SystemActor):
        return
    if actor.grant_scope(GRANT) != "all":
        raise PermissionDenied(f"{actor} may not run training classes")


def _reason(reason: str, label: str) -> str:
    if not reason or not reason.strip():
        raise StepRefused(f"{label}: give a reason.")
    return reason.strip()


def _lock(training_class: TrainingClass) -> TrainingClass:
    return (
        TrainingClass.objects.select_for_update().select_related("course").get(pk=training_class.pk)
    )


def _is_training_staff(user: Any) -> bool:
    return bool(
        user is not None and getattr(user, "is_active", False) and user.grant_scope(GRANT) == "all"
    )


def check_class(
    *,
    course: Course,
    starts_on: date,
    ends_on: date,
    delivery: str,
    location: str,
    capacity: int,
    instructor: Any,
) -> None:
    """The rules of a class, without saving; raises ValidationError with every problem."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if starts_on and ends_on and ends_on < starts_on:
        add("ends_on", f"The last day {ends_on} is before the first day {starts_on}.")
    if (
        course
        and starts_on
        and not Course.in_effect(course.partnership_type_id, starts_on, course.kind).filter(
            pk=course.pk
        )
    ):
        add("course", f"{course} is not offered on {starts_on}.")
    if delivery not in Delivery.values():
        add("delivery", f"Delivery is one of: {', '.join(Delivery.values())}.")
    if delivery == Delivery.IN_PERSON and not (location or "").strip():
        add("location", "An in-person class needs a location.")
    if capacity is None or capacity < 1:
        add("capacity", "A class holds at least one officer.")
    if not _is_training_staff(instructor):
        add("instructor", f"{instructor} is not an active member of the training staff.")
    if errors:
        raise ValidationError(errors)


@audited
def schedule_class(
    actor: Any,
    *,
    course: Course,
    starts_on: date,
    ends_on: date,
    delivery: str,
    capacity: int,
    instructor: Any,
    reason: str,
    location: str = "",
) -> TrainingClass:
    """A new class of ``course``, scheduled."""
    _require(actor)
    reason = _reason(reason, "Schedule a class")
    location = "" if delivery == Delivery.ONLINE else (location or "").strip()
    check_class(
        course=course,
        starts_on=starts_on,
        ends_on=ends_on,
        delivery=delivery,
        location=location,
        capacity=capacity,
        instructor=instructor,
    )
    training_class = TrainingClass(
        course=course,
        starts_on=starts_on,
        ends_on=ends_on,
        delivery=delivery,
        location=location,
        capacity=capacity,
        instructor=instructor,
    )
    training_class.full_clean(exclude=["status"])
    training_class.save()
    events.record(
        Event.CLASS_SCHEDULE,
        obj=training_class,
        after=events.snapshot(training_class),
        details={"reason": reason, "course": course.code},
    )
    return training_class


_MOVES = {
    "start": ("Start the class", Event.CLASS_START),
    "complete": ("Complete the class", Event.CLASS_COMPLETE),
    "cancel": ("Cancel the class", Event.CLASS_CANCEL),
}


@audited
def move_class(
    actor: Any, training_class: TrainingClass, name: str, *, reason: str
) -> TrainingClass:
    """Start, complete or cancel a class. A class starts no earlier than its first day and
    completes no earlier than its last; a class with exam scores cannot be cancelled."""
    _require(actor)
    if name not in _MOVES:
        raise StepRefused(f"Unknown step {name!r}.")
    label, event = _MOVES[name]
    reason = _reason(reason, label)
    training_class = _lock(training_class)
    before = events.snapshot(training_class)
    method = getattr(training_class, name)
    if not can_proceed(method):
        raise StepRefused(
            f'{label}: the class is "{C.label(training_class.status)}"; this step is not open.'
        )
    today = timezone.localdate()
    if name == "start" and training_class.starts_on > today:
        raise StepRefused(f"{label}: the class begins on {training_class.starts_on}.")
    if name == "complete" and training_class.ends_on > today:
        raise StepRefused(f"{label}: the class ends on {training_class.ends_on}.")
    if name == "cancel" and training_class.enrolments.filter(exam__isnull=False).exists():
        raise StepRefused(f"{label}: exam scores are already recorded for this class.")
    method()
    training_class.status_reason = reason[:300]
    training_class.save()
    events.record(
        event,
        obj=training_class,
        before=before,
        after=events.snapshot(training_class),
        details={"reason": reason, "from": before["status"], "to": training_class.status},
    )
    return training_class


def _open(training_class: TrainingClass, label: str) -> None:
    if training_class.status not in (C.SCHEDULED, C.IN_PROGRESS):
        raise StepRefused(f'{label}: the class is "{C.label(training_class.status)}".')


def eligible_officers(actor: Any, training_class: TrainingClass) -> Any:
    """Officers the actor may enrol: at the course's point of the path, under an agreement of
    the course's model, not on the roster yet."""
    from access.officers.choices import MAY_TAKE

    course = training_class.course
    return (
        Officer.objects.restrict(actor, "train")
        .filter(
            status__in=MAY_TAKE[course.kind],
            agreement__partnership_type=course.partnership_type_id,
        )
        .exclude(enrolments__training_class=training_class)
        .select_related("agency")
    )


@audited
def enrol(
    actor: Any, training_class: TrainingClass, *, officers: list[Officer], reason: str
) -> list[Enrolment]:
    """Put officers on the roster: all of them or none, each refusal named."""
    _require(actor)
    reason = _reason(reason, "Enrol officers")
    training_class = _lock(training_class)
    _open(training_class, "Enrol officers")
    if not officers:
        raise StepRefused("Choose at least one officer to enrol.")
    course = training_class.course
    problems: list[RowProblem] = []
    enrolled = set(training_class.enrolments.values_list("officer_id", flat=True))
    seen: set[int] = set()
    for officer in officers:
        if not Officer.objects.restrict(actor, "train").filter(pk=officer.pk).exists():
            raise PermissionDenied(f"{actor} may not enrol officer #{officer.pk}")
        officer = Officer.objects.select_related("agreement__partnership_type").get(pk=officer.pk)
        if officer.pk in enrolled or officer.pk in seen:
            problems.append(RowProblem(None, str(officer), "Already on this class's roster."))
            continue
        seen.add(officer.pk)
        if officer.agreement.partnership_type_id != course.partnership_type_id:
            problems.append(
                RowProblem(
                    None,
                    str(officer),
                    f"{course} is a course of the {course.partnership_type.name}; the officer "
                    f"serves under the {officer.agreement.partnership_type.name}.",
                )
            )
            continue
        not_ready = actions.not_ready_for(officer, course)
        if not_ready:
            problems.append(RowProblem(None, str(officer), not_ready))
    room = training_class.capacity - len(enrolled)
    if not problems and len(seen) > room:
        problems.append(
            RowProblem(
                None,
                "",
                f"The class holds {training_class.capacity} officers; {len(enrolled)} are "
                f"enrolled and {len(seen)} more were chosen.",
            )
        )
    if problems:
        raise ClassRefused(problems)
    rows = []
    for officer_id in sorted(seen):
        row = Enrolment(training_class=training_class, officer_id=officer_id, enrolled_by=actor)
        row.save()
        rows.append(row)
    events.record(
        Event.CLASS_ENROL,
        obj=training_class,
        details={"reason": reason, "officers": sorted(seen), "enrolments": [r.pk for r in rows]},
    )
    return rows


@dataclass(frozen=True)
class AttendanceRow:
    enrolment: int
    attendance: str
    hours: int | None = None


@audited
def record_attendance(
    actor: Any, training_class: TrainingClass, *, rows: list[AttendanceRow], reason: str
) -> list[Enrolment]:
    """Attended (the course's hours unless fewer are given), partly attended (hours below the
    course's) or absent (no hours), per enrolment; all rows or none."""
    _require(actor)
    reason = _reason(reason, "Record attendance")
    training_class = _lock(training_class)
    _open(training_class, "Record attendance")
    if training_class.starts_on > timezone.localdate():
        raise StepRefused(f"The class begins on {training_class.starts_on}; no attendance yet.")
    if not rows:
        raise StepRefused("Give the attendance of at least one officer.")
    roster = {e.pk: e for e in training_class.enrolments.select_related("officer")}
    course_hours = training_class.course.hours
    problems: list[RowProblem] = []
    changes: list[tuple[Enrolment, str, int]] = []
    for row in rows:
        enrolment = roster.get(row.enrolment)
        if enrolment is None:
            problems.append(RowProblem(row.enrolment, "", "Not an enrolment of this class."))
            continue
        who = str(enrolment.officer)
        if enrolment.exam_id is not None:
            problems.append(RowProblem(enrolment.pk, who, "The exam score is already recorded."))
            continue
        hours = row.hours
        if row.attendance == Attendance.ABSENT:
            if hours:
                problems.append(RowProblem(enrolment.pk, who, "An absent officer has no hours."))
                continue
            hours = 0
        elif row.attendance == Attendance.ATTENDED:
            hours = course_hours if hours is None else hours
            if not 0 < hours <= course_hours:
                problems.append(
                    RowProblem(enrolment.pk, who, f"Hours attended run from 1 to {course_hours}.")
                )
                continue
        elif row.attendance == Attendance.PARTIAL:
            if hours is None or not 0 < hours < course_hours:
                problems.append(
                    RowProblem(
                        enrolment.pk,
                        who,
                        f"Partial attendance needs the hours attended, from 1 to "
                        f"{course_hours - 1} (the course has {course_hours}).",
                    )
                )
                continue
        else:
            problems.append(
                RowProblem(
                    enrolment.pk,
                    who,
                    f"Attendance is one of: {', '.join(Attendance.values())}.",
                )
            )
            continue
        changes.append((enrolment, row.attendance, hours))
    if problems:
        raise ClassRefused(problems)
    for enrolment, attendance, hours in changes:
        enrolment.attendance, enrolment.hours_attended = attendance, hours
        enrolment.save()
    events.record(
        Event.CLASS_ATTENDANCE,
        obj=training_class,
        details={
            "reason": reason,
            "rows": {str(e.pk): {"attendance": a, "hours": h} for e, a, h in changes},
        },
    )
    return [e for e, _, _ in changes]


@audited
def record_scores(
    actor: Any,
    training_class: TrainingClass,
    *,
    scores: dict[int, int],
    reason: str,
    taken_on: date | None = None,
) -> list[Enrolment]:
    """The class's exam scores (enrolment id to score), each through ``actions.record_exam``.

    An officer who did not attend (absent, or attendance not recorded) gets no score; an exam
    date before the class's first day or after today is refused. One bad row and nothing is
    saved: each row runs in a savepoint so every row's problem is reported, then the whole
    transaction rolls back.
    """
    _require(actor)
    reason = _reason(reason, "Record exam scores")
    training_class = _lock(training_class)
    _open(training_class, "Record exam scores")
    taken_on = taken_on or training_class.ends_on
    if taken_on < training_class.starts_on or taken_on > training_class.ends_on:
        raise StepRefused(
            f"The exam date {taken_on} is outside the class "
            f"({training_class.starts_on} to {training_class.ends_on})."
        )
    if not scores:
        raise StepRefused("Give at least one exam score.")
    roster = {e.pk: e for e in training_class.enrolments.select_related("officer")}
    problems: list[RowProblem] = []
    saved: list[Enrolment] = []
    for enrolment_id, score in scores.items():
        enrolment = roster.get(enrolment_id)
        if enrolment is None:
            problems.append(RowProblem(enrolment_id, "", "Not an enrolment of this class."))
            continue
        who = str(enrolment.officer)
        if enrolment.exam_id is not None:
            problems.append(RowProblem(enrolment.pk, who, "The exam score is already recorded."))
            continue
        if enrolment.attendance not in (Attendance.ATTENDED, Attendance.PARTIAL):
            state = (
                Attendance.label(enrolment.attendance) if enrolment.attendance else "not recorded"
            )
            problems.append(
                RowProblem(
                    enrolment.pk,
                    who,
                    f"No score for an officer who did not attend (attendance: {state.lower()}).",
                )
            )
            continue
        try:
            with transaction.atomic():
                exam = actions.record_exam(
                    actor,
                    enrolment.officer,
                    course=training_class.course,
                    taken_on=taken_on,
                    location=training_class.place,
                    score=score,
                    reason=reason,
                )
                enrolment.exam = exam
                enrolment.save()
        except ValidationError as refused:
            problems.append(RowProblem(enrolment.pk, who, " ".join(refused.messages)))
            continue
        saved.append(enrolment)
    if problems:
        raise ClassRefused(problems)
    events.record(
        Event.CLASS_SCORES,
        obj=training_class,
        details={
            "reason": reason,
            "taken_on": taken_on,
            "scores": {str(e.pk): e.exam.score for e in saved if e.exam is not None},
        },
    )
    return saved
