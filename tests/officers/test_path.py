"""The officer's path: every step by the right role, refused for others, bad input refused."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from tests.officers.conftest import check_data, make_agreement, nomination, set_agreement_status

from access.audit.models import AuditEvent
from access.officers import actions
from access.officers.models import (
    Authorization,
    BackgroundCheck,
    Course,
    ExamAttempt,
    Officer,
    SupervisorAssignment,
)

pytestmark = pytest.mark.django_db


def _nominate(actor: Any, agreement: Any, **overrides: Any) -> Officer:
    return actions.nominate(
        actor, agreement=agreement, reason="New unit", **nomination(**overrides)
    )


def test_nomination_by_the_liaison_is_audited(liaison: Any, agreement: Any) -> None:
    officer = _nominate(liaison, agreement)
    assert officer.status == "nominated"
    assert officer.agency_id == agreement.agency_id
    event = AuditEvent.objects.get(action="officer.nominate", object_id=str(officer.pk))
    assert event.details["reason"] == "New unit"


def test_nomination_without_citizenship_is_refused(liaison: Any, agreement: Any) -> None:
    with pytest.raises(ValidationError) as error:
        _nominate(liaison, agreement, citizenship_attested=False)
    assert "U.S. citizen" in str(error.value)
    assert not Officer.objects.exists()


@pytest.mark.parametrize("status", ["suspended", "terminated", "expired", "draft"])
def test_nomination_under_an_agreement_not_in_force_is_refused(
    liaison: Any, agreement: Any, status: str
) -> None:
    set_agreement_status(agreement, status)
    agreement.refresh_from_db()
    with pytest.raises(ValidationError, match="not in force"):
        _nominate(liaison, agreement)
    assert not Officer.objects.exists()


def test_nomination_over_the_officer_limit_is_refused(liaison: Any, agency_a: Any) -> None:
    small = make_agreement(agency_a, officer_limit=1)
    _nominate(liaison, small, badge_number="A-1")
    with pytest.raises(ValidationError, match="allows 1 officers"):
        _nominate(liaison, small, badge_number="A-2")
    assert Officer.objects.count() == 1


def test_withdrawn_officers_free_their_place(liaison: Any, agency_a: Any) -> None:
    small = make_agreement(agency_a, officer_limit=1)
    first = _nominate(liaison, small, badge_number="A-1")
    actions.withdraw(liaison, first, reason="Left the unit")
    assert _nominate(liaison, small, badge_number="A-2").status == "nominated"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("hired_on", 30, "in the future"),
        ("agency_check_on", 30, "in the future"),
        ("agency_check_on", -(6 * 366), "more than 5 years"),
    ],
)
def test_nomination_dates_are_checked(
    liaison: Any, agreement: Any, field: str, value: int, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        _nominate(liaison, agreement, **{field: timezone.localdate() + timedelta(days=value)})
    assert not Officer.objects.exists()


def test_failed_agency_check_and_duplicate_badge_are_refused(liaison: Any, agreement: Any) -> None:
    with pytest.raises(ValidationError, match="failed"):
        _nominate(liaison, agreement, agency_check_result="failed")
    _nominate(liaison, agreement, badge_number="D-1")
    with pytest.raises(ValidationError, match="already nominated"):
        _nominate(liaison, agreement, badge_number="D-1")
    assert Officer.objects.count() == 1


def test_liaison_cannot_nominate_for_another_agency(
    make_user: Callable[..., Any], agency_b: Any, agreement: Any
) -> None:
    other = make_user("agency_liaison", agency_b)
    with pytest.raises(PermissionDenied):
        _nominate(other, agreement)
    assert not Officer.objects.exists()


@pytest.mark.parametrize("role", ["ice_supervisor", "oversight_auditor", "agency_officer"])
def test_roles_without_the_grant_cannot_nominate(
    make_user: Callable[..., Any], agreement: Any, role: str
) -> None:
    with pytest.raises(PermissionDenied):
        _nominate(make_user(role, agreement.agency), agreement)
    assert not Officer.objects.exists()


def test_background_check_by_ice_staff_only(walk: Callable[..., Officer], people: Any) -> None:
    officer = walk("nominated")
    with pytest.raises(PermissionDenied):
        actions.record_background_check(
            people["liaison"], officer, outcome="cleared", reason="x", **check_data()
        )
    assert not BackgroundCheck.objects.exists()
    check = actions.record_background_check(
        people["agent"],
        officer,
        outcome="rejected",
        reason="Sustained force complaint",
        **check_data(),
    )
    officer.refresh_from_db()
    assert officer.status == "rejected"
    assert check.reason == "Sustained force complaint"


def test_background_check_needs_a_reason(walk: Callable[..., Officer], people: Any) -> None:
    officer = walk("nominated")
    with pytest.raises(ValidationError, match="give a reason"):
        actions.record_background_check(
            people["agent"], officer, outcome="cleared", reason=" ", **check_data()
        )
    officer.refresh_from_db()
    assert officer.status == "nominated"


def _initial(officer: Officer) -> Course:
    course = Course.in_effect(
        officer.agreement.partnership_type_id, timezone.localdate(), "initial"
    ).first()
    assert course is not None
    return course


def _exam(people: Any, officer: Officer, score: int, course: Course | None = None) -> ExamAttempt:
    return actions.record_exam(
        people["agent"],
        officer,
        course=course or _initial(officer),
        taken_on=timezone.localdate() - timedelta(days=3),
        location="online",
        score=score,
        reason="Final exam",
    )


@pytest.mark.parametrize("score", [-1, 101])
def test_exam_score_outside_0_100_is_refused(
    walk: Callable[..., Officer], people: Any, score: int
) -> None:
    officer = walk("cleared")
    with pytest.raises(ValidationError, match="0 to 100"):
        _exam(people, officer, score)
    assert not ExamAttempt.objects.exists()


def test_pass_mark_is_70(walk: Callable[..., Officer], people: Any) -> None:
    officer = walk("cleared")
    assert _exam(people, officer, 69).passed is False
    assert _exam(people, officer, 70).passed is True


def test_second_failure_disqualifies_and_a_third_attempt_is_refused(
    walk: Callable[..., Officer], people: Any
) -> None:
    officer = walk("cleared")
    _exam(people, officer, 50)
    officer.refresh_from_db()
    assert officer.status == "cleared"
    _exam(people, officer, 60)
    officer.refresh_from_db()
    assert officer.status == "disqualified"
    with pytest.raises(ValidationError):
        _exam(people, officer, 95)
    assert ExamAttempt.objects.filter(officer=officer).count() == 2
    assert AuditEvent.objects.filter(
        action="officer.disqualify", object_id=str(officer.pk)
    ).exists()


def test_only_a_program_manager_lifts_a_disqualification(
    walk: Callable[..., Officer], people: Any
) -> None:
    officer = walk("cleared")
    _exam(people, officer, 50)
    _exam(people, officer, 50)
    for who in ("agent", "director", "liaison"):
        with pytest.raises(PermissionDenied):
            actions.lift_disqualification(
                people[who], Officer.objects.get(pk=officer.pk), reason="x"
            )
    assert Officer.objects.get(pk=officer.pk).status == "disqualified"
    with pytest.raises(ValidationError, match="give a reason"):
        actions.lift_disqualification(people["manager"], officer, reason="")
    actions.lift_disqualification(people["manager"], officer, reason="Exam room fire alarm")
    officer.refresh_from_db()
    assert officer.status == "cleared"
    assert _exam(people, officer, 80).passed  # a new round of attempts


def test_certify_needs_a_passed_initial_course(walk: Callable[..., Officer], people: Any) -> None:
    officer = walk("cleared")
    _exam(people, officer, 40)
    with pytest.raises(ValidationError, match="not passed"):
        actions.certify(people["agent"], officer, reason="done")
    assert Officer.objects.get(pk=officer.pk).status == "cleared"


def test_authorize_by_the_director_only_within_the_model(
    walk: Callable[..., Officer], people: Any, agency_a: Any
) -> None:
    wso = make_agreement(agency_a, code="287g_wso")
    officer = walk("certified", on=wso)
    with pytest.raises(PermissionDenied):
        actions.authorize(
            people["agent"],
            officer,
            functions=["serve_warrant"],
            supervisor=people["supervisor"],
            reason="x",
        )
    with pytest.raises(ValidationError, match="interview"):
        actions.authorize(
            people["director"],
            officer,
            functions=["serve_warrant", "interview"],
            supervisor=people["supervisor"],
            reason="x",
        )
    with pytest.raises(ValidationError, match="not an active ICE supervisor"):
        actions.authorize(
            people["director"],
            officer,
            functions=["serve_warrant"],
            supervisor=people["agent"],
            reason="x",
        )
    assert not Authorization.objects.exists()
    letter = actions.authorize(
        people["director"],
        officer,
        functions=["serve_warrant"],
        supervisor=people["supervisor"],
        reason="ok",
    )
    assert (letter.valid_until - letter.valid_from).days in (364, 365)
    officer.refresh_from_db()
    assert officer.status == "authorized"
    assert officer.supervisor == people["supervisor"]
    assert SupervisorAssignment.objects.filter(officer=officer, ended_at__isnull=True).count() == 1


def test_authorize_without_certification_is_refused(
    walk: Callable[..., Officer], people: Any
) -> None:
    officer = walk("cleared")
    with pytest.raises(ValidationError, match="status"):
        actions.authorize(
            people["director"],
            officer,
            functions=["interview"],
            supervisor=people["supervisor"],
            reason="x",
        )
    assert not Authorization.objects.exists()


def test_suspend_reinstate_revoke(walk: Callable[..., Officer], people: Any) -> None:
    officer = walk("authorized")
    with pytest.raises(PermissionDenied):
        actions.suspend(people["liaison"], officer, reason="x")
    actions.suspend(people["director"], officer, reason="Complaint pending with OPR")
    assert Officer.objects.get(pk=officer.pk).status == "suspended"
    actions.reinstate(people["director"], officer, reason="Complaint not sustained")
    assert Officer.objects.get(pk=officer.pk).status == "authorized"
    actions.revoke(people["director"], officer, reason="Left the program")
    officer.refresh_from_db()
    assert officer.status == "revoked"
    assert officer.removed_at is not None
    assert not officer.authorizations.filter(ended_at__isnull=True).exists()
    assert officer.supervisor is None


def test_supervisor_history_is_kept(
    walk: Callable[..., Officer], people: Any, make_user: Any
) -> None:
    officer = walk("authorized")
    second = make_user("ice_supervisor", username="supervisor.two")
    actions.assign_supervisor(people["director"], officer, supervisor=second, reason="Reassigned")
    rows = SupervisorAssignment.objects.filter(officer=officer).order_by("started_at")
    assert [r.supervisor for r in rows] == [people["supervisor"], second]
    assert rows[0].ended_at is not None and rows[1].ended_at is None
    with pytest.raises(ValidationError, match="already supervises"):
        actions.assign_supervisor(people["director"], officer, supervisor=second, reason="again")


def test_renewal_needs_a_current_refresher(walk: Callable[..., Officer], people: Any) -> None:
    officer = walk("authorized")
    codes = ["interview", "detainer"]
    with pytest.raises(ValidationError, match="refresher"):
        actions.renew(
            people["director"],
            officer,
            functions=codes,
            supervisor=people["supervisor"],
            reason="x",
        )
    refresher = Course.objects.get(code="jem-refresher")
    _exam(people, officer, 91, course=refresher)
    letter = actions.renew(
        people["director"],
        officer,
        functions=codes,
        supervisor=people["supervisor"],
        reason="Another year",
    )
    first = officer.authorizations.exclude(pk=letter.pk).get()
    assert letter.valid_from == first.valid_until + timedelta(days=1)


def test_expiry_job_lapses_and_notifies(walk: Callable[..., Officer], people: Any) -> None:
    from access.core.actors import SystemActor
    from access.messaging.models import Notification

    officer = walk("authorized")
    letter = officer.authorizations.get()
    job = SystemActor("test expiry")
    assert actions.check_expiry(job, today=letter.valid_until) == {"lapsed": []}
    assert actions.check_expiry(job, today=letter.valid_until + timedelta(days=1)) == {
        "lapsed": [officer.pk]
    }
    officer.refresh_from_db()
    assert officer.status == "lapsed"
    told = set(Notification.objects.values_list("recipient__username", flat=True))
    assert told == {"liaison.a", "supervisor"}
