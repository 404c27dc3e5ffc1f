"""The bulk authority check (a page of officers at once) answers exactly as the single check,
officer by officer and function by function, over a varied population and several moments;
and it costs the same few queries for 3 officers as for 14 (issue 15 item 21)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from tests.officers.conftest import make_agreement, set_agreement_status

from access.agreements import actions as agreement_actions
from access.agreements.models import Agreement
from access.audit.models import AuditEvent
from access.officers import actions, authority
from access.officers.models import (
    Authorization,
    ExamAttempt,
    ModelFunction,
    Officer,
    SupervisorAssignment,
)
from access.officers.reference import FUNCTIONS

pytestmark = pytest.mark.django_db

ALL_FUNCTIONS = sorted({function for _, function, *_ in FUNCTIONS})


def _roomy(agreement: Agreement) -> Agreement:
    """The agency's agreement without its officer limit (one agreement per agency and model)."""
    Agreement.objects.filter(pk=agreement.pk).update(officer_limit=None)
    agreement.refresh_from_db()
    return agreement


@pytest.fixture
def population(
    walk: Callable[..., Officer],
    people: Any,
    agreement: Agreement,
    make_agency: Callable[..., Any],
) -> dict[str, Officer]:
    """One officer in each situation the check tells apart."""
    today = timezone.localdate()
    roomy = _roomy(agreement)
    other_agency = make_agency()

    def on_own_agreement(until: str = "authorized") -> Officer:
        return walk(until, on=make_agreement(make_agency()))

    found: dict[str, Officer] = {
        "authorized": walk("authorized", on=roomy),
        "nominated": walk("nominated", on=roomy),
        "no training": walk("cleared", on=roomy),
        "certified, no letter": walk("certified", on=roomy),
        "warrant service model": walk(
            "authorized", on=make_agreement(other_agency, code="287g_wso")
        ),
    }
    suspended = walk("authorized", on=roomy)
    actions.suspend(
        people["director"],
        suspended,
        reason="Complaint pending",
        at=timezone.now() - timedelta(hours=2),
    )
    found["suspended"] = suspended
    revoked = walk("authorized", on=roomy)
    actions.revoke(people["director"], revoked, reason="Misconduct")
    found["revoked"] = revoked
    one_function = walk("certified", on=roomy)
    actions.authorize(
        people["director"],
        one_function,
        functions=["process"],
        supervisor=people["supervisor"],
        reason="Processing only",
    )
    found["letter names one function"] = one_function
    expired = walk("authorized", on=roomy)
    Authorization.objects.filter(officer=expired).update(
        valid_from=today - timedelta(days=400), valid_until=today - timedelta(days=5)
    )
    found["letter expired"] = expired
    lapsed = walk("authorized", on=roomy)
    ExamAttempt.objects.filter(officer=lapsed).update(taken_on=today - timedelta(days=800))
    found["training lapsed"] = lapsed
    unsupervised = walk("authorized", on=roomy)
    SupervisorAssignment.objects.filter(officer=unsupervised).update(
        ended_at=timezone.now() - timedelta(hours=1)
    )
    found["no supervisor"] = unsupervised
    ended = on_own_agreement()
    Agreement.objects.filter(pk=ended.agreement_id).update(expires_on=today - timedelta(days=3))
    found["agreement ended"] = ended
    stopped = on_own_agreement()
    set_agreement_status(stopped.agreement, "suspended")  # no recorded stop
    found["agreement suspended"] = stopped
    terminated = on_own_agreement()
    agreement_actions.apply_transition(
        people["manager"], terminated.agreement, "terminate", reason="DOJ findings"
    )
    found["agreement terminated"] = terminated
    return {name: Officer.objects.get(pk=officer.pk) for name, officer in found.items()}


def stop_of(agreement_id: int) -> datetime:
    """When the agreement's termination was recorded."""
    return AuditEvent.objects.get(
        object_type="agreements.agreement",
        object_id=str(agreement_id),
        action="agreement.terminate",
    ).occurred_at


def moments(population: dict[str, Officer]) -> list[datetime]:
    now = timezone.now()
    stop = stop_of(population["agreement terminated"].agreement_id)
    return [
        now,
        stop - timedelta(milliseconds=1),  # the terminated agreement still in force
        stop,
        now - timedelta(hours=1),  # before the suspension (and before most supervisors)
        now - timedelta(days=30),
        now + timedelta(days=400),
    ]


def test_bulk_and_single_answers_agree(population: dict[str, Officer]) -> None:
    officers = list(population.values())
    seen: set[tuple[str, ...]] = set()
    for when in moments(population):
        # As the API loads a page: some related rows prefetched, the others queried.
        page = list(
            Officer.objects.filter(pk__in=[o.pk for o in officers])
            .select_related("agreement__partnership_type")
            .prefetch_related("exams__course", "authorizations__supervisor")
        )
        plain = list(Officer.objects.filter(pk__in=[o.pk for o in officers]))
        prefetched = authority.standings(page, when)
        queried = authority.standings(plain, when)
        allowed = authority.functions_allowed_for(page, when)
        for officer in page:
            alone = Officer.objects.get(pk=officer.pk)  # nothing prefetched or selected
            single_allowed = []
            for function in ALL_FUNCTIONS:
                single = authority.check(alone, function, when=when)
                for standing in (prefetched[officer.pk], queried[officer.pk]):
                    bulk = authority.decide(officer, function, when, standing)
                    assert bulk.reasons == single.reasons, (officer, function, when)
                if single.allowed:
                    single_allowed.append(function)
                seen.add(tuple(single.reasons))
            in_model = ModelFunction.codes_in_effect(
                officer.agreement.partnership_type_id, timezone.localdate(when)
            )
            assert allowed[officer.pk] == [f for f in in_model if f in single_allowed]
            assert authority.functions_allowed(officer, when) == allowed[officer.pk]
    # The population is varied: allowed and many kinds of denial were compared.
    reasons = {reason for answer in seen for reason in answer}
    assert () in seen
    for words in [
        "is not in force",
        "agreement ended on",
        "not certified",
        "holds no authorization",
        "authorization expired on",
        "authorization ended on",
        "does not name the function",
        "does not include the function",
        "passed no training course",
        "training lapsed",
        "no assigned ICE supervisor",
        "suspended since",
        "authority ended on",
    ]:
        assert any(words in reason for reason in reasons), words


def test_the_terminated_agreement_counts_from_its_recorded_stop(
    population: dict[str, Officer],
) -> None:
    officer = population["agreement terminated"]
    stop = stop_of(officer.agreement_id)
    before = authority.functions_allowed_for([officer], stop - timedelta(milliseconds=1))
    model = ModelFunction.codes_in_effect(
        officer.agreement.partnership_type_id, timezone.localdate(stop)
    )
    assert before[officer.pk] == list(model)  # every function of the model, up to the stop
    assert authority.functions_allowed_for([officer], stop)[officer.pk] == []


def test_bulk_check_queries_do_not_grow_with_officers(
    walk: Callable[..., Officer], agreement: Agreement
) -> None:
    roomy = _roomy(agreement)

    def count(n: int) -> int:
        officers = list(Officer.objects.select_related("agreement"))
        assert len(officers) == n
        with CaptureQueriesContext(connection) as captured:
            answers = authority.functions_allowed_for(officers)
        assert set(answers) == {o.pk for o in officers}
        return len(captured)

    for _ in range(3):
        walk("authorized", on=roomy)
    few = count(3)
    for _ in range(11):
        walk("authorized", on=roomy)
    assert count(14) == few <= 7
