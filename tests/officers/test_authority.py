"""The authority check: a table over every model and function, every failure condition
alone, and the boundaries (the authorization's last day, the refresher due date, a
suspension starting mid-day, an agreement terminated the day before)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import Any

import pytest
from django.utils import timezone
from tests.officers.conftest import make_agreement, set_agreement_status

from access.agreements import actions as agreement_actions
from access.officers import actions, authority
from access.officers.models import Certification, ModelFunction, Officer, SupervisorAssignment
from access.officers.reference import FUNCTIONS

pytestmark = pytest.mark.django_db

MODELS = sorted({code for code, *_ in FUNCTIONS})
ALL_FUNCTIONS = sorted({function for _, function, *_ in FUNCTIONS})


def at(day: Any, hour: int = 12, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@pytest.fixture
def officers_by_model(
    walk: Callable[..., Officer], agency_a: Any, agreement: Any
) -> dict[str, Officer]:
    return {
        code: walk(
            "authorized",
            on=agreement if code == "287g_jem" else make_agreement(agency_a, code=code),
        )
        for code in MODELS
    }


def test_table_every_model_and_function(officers_by_model: dict[str, Officer]) -> None:
    today = timezone.localdate()
    for model, officer in officers_by_model.items():
        in_model = ModelFunction.codes_in_effect(officer.agreement.partnership_type_id, today)
        for function in ALL_FUNCTIONS:
            decision = authority.check(officer, function)
            if function in in_model:
                assert decision.allowed, (model, function, decision.reasons)
            else:
                assert decision.reasons == [
                    f"The {officer.agreement.partnership_type.name} does not include the "
                    f'function "{function}" on {today}.'
                ], (model, function)


def test_wso_serves_warrants_only(officers_by_model: dict[str, Officer]) -> None:
    wso = officers_by_model["287g_wso"]
    assert authority.functions_allowed(wso) == ["serve_warrant"]
    assert not authority.check(wso, "interview").allowed
    assert not authority.check(wso, "detainer").allowed


# Each failure condition alone: (set-up, the one reason expected).
def _agreement_not_in_force(officer: Officer, people: Any) -> None:
    set_agreement_status(officer.agreement, "terminated")


def _not_certified(officer: Officer, people: Any) -> None:
    Certification.objects.filter(officer=officer).update(
        revoked_at=timezone.now() - timedelta(hours=1)
    )


def _no_supervisor(officer: Officer, people: Any) -> None:
    SupervisorAssignment.objects.filter(officer=officer).update(
        ended_at=timezone.now() - timedelta(hours=1)
    )


def _suspended(officer: Officer, people: Any) -> None:
    actions.suspend(
        people["director"],
        officer,
        reason="Complaint pending",
        at=timezone.now() - timedelta(hours=1),
    )


def _revoked(officer: Officer, people: Any) -> None:
    actions.revoke(people["director"], officer, reason="Misconduct")


@pytest.mark.parametrize(
    ("breaks", "expected"),
    [
        (_agreement_not_in_force, ["is not in force"]),
        (_not_certified, ["not certified"]),
        (_no_supervisor, ["no assigned ICE supervisor"]),
        (_suspended, ["suspended since"]),
        (
            _revoked,
            [
                "authority ended",
                "not certified",
                "authorization ended",
                "no assigned ICE supervisor",
            ],
        ),
    ],
)
def test_each_failure_alone(
    walk: Callable[..., Officer], people: Any, breaks: Any, expected: list[str]
) -> None:
    officer = walk("authorized")
    assert authority.check(officer, "interview").allowed
    breaks(officer, people)
    officer = Officer.objects.get(pk=officer.pk)
    decision = authority.check(officer, "interview")
    assert not decision.allowed
    assert len(decision.reasons) == len(expected), decision.reasons
    for reason, words in zip(decision.reasons, expected, strict=True):
        assert words in reason


def test_function_not_named_in_the_authorization(walk: Callable[..., Officer], people: Any) -> None:
    officer = walk("certified")
    actions.authorize(
        people["director"],
        officer,
        functions=["process"],
        supervisor=people["supervisor"],
        reason="x",
    )
    assert authority.check(officer, "process").allowed
    assert authority.check(officer, "detainer").reasons == [
        'The officer\'s authorization does not name the function "detainer".'
    ]


def test_no_authorization_and_no_training(walk: Callable[..., Officer]) -> None:
    decision = authority.check(walk("cleared"), "interview")
    assert decision.reasons == [
        "The officer is not certified.",
        "The officer holds no authorization.",
        "The officer has passed no training course.",
        "The officer has no assigned ICE supervisor.",
    ]


def test_boundary_authorization_last_day_and_the_day_after(walk: Callable[..., Officer]) -> None:
    officer = walk("authorized")
    letter = officer.authorizations.get()
    # Training stays current past the letter's end only if the refresher is later: check the
    # authorization reason alone.
    last_day = at(letter.valid_until, 23, 59)
    next_day = at(letter.valid_until + timedelta(days=1), 0, 0)
    last = authority.check(officer, "interview", when=last_day)
    after = authority.check(officer, "interview", when=next_day)
    assert not any("authorization" in r for r in last.reasons)
    assert f"The officer's authorization expired on {letter.valid_until}." in after.reasons


def test_boundary_refresher_due_date(walk: Callable[..., Officer]) -> None:
    officer = walk("authorized")
    due = authority.training_current_until(officer, timezone.localdate())
    assert due is not None
    assert authority.check(officer, "interview", when=at(due, 23, 59)).allowed
    after = authority.check(officer, "interview", when=at(due + timedelta(days=1), 0, 1))
    assert after.reasons == [
        f"The officer's training lapsed on {due + timedelta(days=1)}: a refresher is due."
    ]


def test_boundary_suspension_starting_mid_day(walk: Callable[..., Officer], people: Any) -> None:
    officer = walk("authorized")
    noon = at(timezone.localdate() + timedelta(days=1), 12, 0)
    actions.suspend(people["director"], officer, reason="Complaint pending", at=noon)
    assert authority.check(officer, "interview", when=noon - timedelta(minutes=1)).allowed
    assert not authority.check(officer, "interview", when=noon).allowed
    actions.reinstate(people["director"], officer, reason="Cleared by OPR")
    assert authority.check(officer, "interview").allowed


def test_boundary_agreement_terminated_the_day_before(
    walk: Callable[..., Officer], people: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    officer = walk("authorized")
    # Terminated tomorrow at 15:00 (clock moved forward), checked the day after.
    yesterday_3pm = at(timezone.localdate() + timedelta(days=1), 15, 0)
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: yesterday_3pm)
    agreement_actions.apply_transition(
        people["manager"], officer.agreement, "terminate", reason="DOJ findings"
    )
    monkeypatch.setattr(timezone, "now", real_now)
    officer = Officer.objects.get(pk=officer.pk)
    before = authority.check(officer, "interview", when=yesterday_3pm - timedelta(hours=1))
    assert before.allowed, before.reasons
    today = authority.check(officer, "interview", when=yesterday_3pm + timedelta(hours=18))
    assert today.reasons == [
        f'The agency\'s agreement #{officer.agreement_id} is not in force (status "Terminated").'
    ]


def test_check_by_user_account_and_bad_input(
    walk: Callable[..., Officer], make_user: Any, agency_a: Any
) -> None:
    account = make_user("agency_officer", agency_a)
    officer = walk("authorized")
    with pytest.raises(authority.UnknownOfficer):
        authority.check(account, "interview")
    Officer.objects.filter(pk=officer.pk).update(user=account)
    assert authority.check(account, "interview", agency=agency_a).allowed
    with pytest.raises(authority.UnknownFunction):
        authority.check(officer, "fly")
