"""Issuing a detainer, starting its clock, alerts, the overdue flag and the outcomes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from access.accounts.models import User
from access.agencies.models import Agency, Facility
from access.audit.models import AuditEvent
from access.core.actors import SystemActor, bound_actor
from access.detention import actions, funnel
from access.detention.choices import DetainerStatus
from access.detention.models import Detainer, DetainerAlert
from access.enforcement.choices import EncounterStatus
from access.enforcement.models import Encounter
from access.messaging.models import Notification
from access.officers.models import Officer

from .conftest import detainer_data, link, make_agreement

JOB = SystemActor("clock check in tests")


@pytest.fixture
def detainer(
    make_encounter: Callable[..., Encounter], officer_user: User, jail: Facility
) -> Detainer:
    return actions.issue_detainer(officer_user, make_encounter(), **detainer_data(jail))


def test_an_authorized_officer_issues_on_a_verified_identification(detainer: Detainer) -> None:
    assert detainer.status == DetainerStatus.ISSUED
    assert str(detainer.form) == "Form I-247A (03/17)"
    assert detainer.time_zone == "America/New_York"
    assert detainer.deadline is None
    event = AuditEvent.objects.get(action="detainer.issued", object_id=str(detainer.pk))
    assert event.after["probable_cause"] == "biometric_match"


def _refused(call: Callable[[], Any]) -> list[str]:
    before = (Detainer.objects.count(), AuditEvent.objects.count())
    with pytest.raises(actions.DetainerRefused) as refused:
        call()
    assert (Detainer.objects.count(), AuditEvent.objects.count()) == before
    return refused.value.messages


def test_no_detainer_without_verification(
    make_encounter: Callable[..., Encounter], officer_user: User, jail: Facility
) -> None:
    for status in (EncounterStatus.CANDIDATES, EncounterStatus.AWAITING_SUPERVISOR):
        encounter = make_encounter(status=status)
        reasons = _refused(
            lambda e=encounter: actions.issue_detainer(officer_user, e, **detainer_data(jail))
        )
        assert any("identification is not verified" in r for r in reasons)


def test_no_detainer_by_a_warrant_service_officer(
    make_encounter: Callable[..., Encounter],
    walk: Callable[..., Officer],
    make_user: Callable[..., User],
    agency_a: Agency,
    jail: Facility,
) -> None:
    wso_user = make_user("agency_officer", agency_a, username="wso.a")
    wso = link(walk("authorized", on=make_agreement(agency_a, "287g_wso")), wso_user)
    encounter = make_encounter(officer=wso, function="serve_warrant")
    reasons = _refused(lambda: actions.issue_detainer(wso_user, encounter, **detainer_data(jail)))
    assert "Warrant service officers may not issue detainers." in reasons
    assert any('does not include the function "detainer"' in r for r in reasons)


def test_no_detainer_by_an_officer_the_authority_check_refuses(
    make_encounter: Callable[..., Encounter],
    officer_user: User,
    jail: Facility,
    jem_officer: Officer,
) -> None:
    encounter = make_encounter()
    Officer.objects.filter(pk=jem_officer.pk).update(supervisor=None)
    with bound_actor(JOB):
        jem_officer.supervisor_assignments.all().update(ended_at=timezone.now() - timedelta(days=1))
    reasons = _refused(
        lambda: actions.issue_detainer(officer_user, encounter, **detainer_data(jail))
    )
    assert "The officer has no assigned ICE supervisor." in reasons


def test_roles_without_the_grant_are_denied(
    make_encounter: Callable[..., Encounter],
    make_user: Callable[..., User],
    agency_a: Agency,
    jail: Facility,
) -> None:
    encounter = make_encounter()
    for user in (make_user("agency_liaison", agency_a), make_user("ice_supervisor")):
        with pytest.raises(PermissionDenied):
            actions.issue_detainer(user, encounter, **detainer_data(jail))
    assert Detainer.objects.count() == 0


def test_bad_input_names_each_reason(
    make_encounter: Callable[..., Encounter], officer_user: User, jail: Facility, agency_a: Agency
) -> None:
    encounter = make_encounter()
    with bound_actor(JOB):
        no_zone = Facility.objects.create(agency=agency_a, name="Annex")  # Florida: no default
    data = detainer_data(
        no_zone,
        probable_cause_details=" ",
        hold_requested=False,
        release_at=timezone.now() + timedelta(days=2),
    )
    reasons = _refused(lambda: actions.issue_detainer(officer_user, encounter, **data))
    assert reasons == [
        "The facility Annex has no time zone: set it on the agency page.",
        "A detainer asks the facility to hold the subject: tick the request.",
        "Give the evidence the probable cause rests on.",
        "The release time is more than a day in the future.",
    ]


def test_release_before_the_encounter_is_refused(detainer: Detainer, officer_user: User) -> None:
    early = detainer.encounter.occurred_at - timedelta(hours=1)
    with pytest.raises(actions.DetainerRefused, match="before the encounter"):
        actions.record_release(officer_user, detainer, early)
    detainer.refresh_from_db()
    assert (detainer.status, detainer.release_at) == (DetainerStatus.ISSUED, None)


def test_the_release_starts_the_clock(detainer: Detainer, officer_user: User) -> None:
    release = timezone.now() - timedelta(hours=1)
    actions.record_release(officer_user, detainer, release)
    detainer.refresh_from_db()
    assert detainer.status == DetainerStatus.HOLDING
    assert detainer.deadline == actions.hold_deadline(release, "America/New_York")
    assert detainer.deadline is not None and detainer.deadline >= release + timedelta(hours=48)


def _running(detainer: Detainer, officer_user: User, hours_left: float) -> Detainer:
    actions.record_release(officer_user, detainer, timezone.now() - timedelta(hours=1))
    deadline = timezone.now() + timedelta(hours=hours_left)
    Detainer.objects.filter(pk=detainer.pk).update(deadline=deadline)
    detainer.refresh_from_db()
    return detainer


def test_alerts_once_per_threshold_then_overdue_until_resolved(
    detainer: Detainer, officer_user: User, supervisor: User
) -> None:
    detainer = _running(detainer, officer_user, hours_left=30)
    deadline = detainer.deadline
    assert deadline is not None
    assert actions.check_clocks(JOB, now=deadline - timedelta(hours=30)) == {
        "alerted": [],
        "overdue": [],
    }
    at_20 = actions.check_clocks(JOB, now=deadline - timedelta(hours=20))
    again = actions.check_clocks(JOB, now=deadline - timedelta(hours=19))
    at_3 = actions.check_clocks(JOB, now=deadline - timedelta(hours=3))
    assert (at_20["alerted"], again["alerted"], at_3["alerted"]) == (
        [detainer.pk],
        [],
        [detainer.pk],
    )
    assert list(DetainerAlert.objects.values_list("hours_before", flat=True)) == [24, 4]
    notified = Notification.objects.filter(link=detainer.get_absolute_url())
    assert sorted(notified.values_list("recipient__username", flat=True)) == sorted(
        ["deputy.a", "deputy.a", supervisor.username, supervisor.username]
    )
    past = actions.check_clocks(JOB, now=deadline + timedelta(minutes=5))
    later = actions.check_clocks(JOB, now=deadline + timedelta(hours=5))
    assert (past["overdue"], later["overdue"]) == ([detainer.pk], [])
    detainer.refresh_from_db()
    assert detainer.overdue_since == deadline + timedelta(minutes=5)
    assert detainer.pk in [d.pk for d in Detainer.objects.filter(overdue_since__isnull=False)]


def test_an_outcome_needs_a_reason_and_closes_the_detainer(
    detainer: Detainer, supervisor: User
) -> None:
    with pytest.raises(actions.DetainerRefused, match="Give the reason"):
        actions.record_outcome(supervisor, detainer, DetainerStatus.CUSTODY_ASSUMED, "  ")
    detainer.refresh_from_db()
    assert detainer.status == DetainerStatus.ISSUED
    actions.record_outcome(
        supervisor, detainer, DetainerStatus.CUSTODY_ASSUMED, "Transferred to ERO"
    )
    detainer.refresh_from_db()
    assert (detainer.status, detainer.outcome_reason) == ("custody_assumed", "Transferred to ERO")
    with pytest.raises(actions.DetainerRefused, match="already has an outcome"):
        actions.record_outcome(supervisor, detainer, DetainerStatus.LIFTED, "again")


@pytest.mark.parametrize("outcome", ["custody_assumed", "released", "lifted", "declined"])
def test_each_outcome_is_audited(detainer: Detainer, officer_user: User, outcome: str) -> None:
    actions.record_outcome(officer_user, detainer, outcome, "Recorded in the test")
    event = AuditEvent.objects.get(action=f"detainer.{outcome}", object_id=str(detainer.pk))
    assert event.details["reason"] == "Recorded in the test"


def test_another_agency_cannot_touch_it(
    detainer: Detainer, make_user: Callable[..., User], agency_b: Agency
) -> None:
    outsider = make_user("agency_officer", agency_b)
    with pytest.raises(PermissionDenied):
        actions.record_outcome(outsider, detainer, DetainerStatus.RELEASED, "Not theirs")
    detainer.refresh_from_db()
    assert detainer.status == DetainerStatus.ISSUED
    assert Detainer.objects.restrict(outsider, "view").count() == 0


def test_funnel_counts(
    detainer: Detainer, make_encounter: Callable[..., Encounter], supervisor: User
) -> None:
    make_encounter()
    rows = Encounter.objects.all()
    assert funnel.counts(rows) == {"detainer_issued": 1, "custody_assumed": 0}
    actions.record_outcome(supervisor, detainer, DetainerStatus.CUSTODY_ASSUMED, "Picked up")
    assert funnel.counts(rows) == {"detainer_issued": 1, "custody_assumed": 1}


def test_service_order_is_checked_only_against_a_given_issue_time(
    make_encounter: Callable[..., Encounter], officer_user: User, jail: Facility
) -> None:
    # Recorded after serving: without an issue time the detainer is issued now, and a service
    # typed ten minutes ago is accepted.
    encounter = make_encounter()
    served = timezone.now() - timedelta(minutes=10)
    detainer = actions.issue_detainer(
        officer_user, encounter, **detainer_data(jail, served_at=served)
    )
    assert detainer.served_at == served
    assert detainer.issued_at > served
    # With an issue time given, a service before it is refused and nothing is stored.
    other = make_encounter()
    data = detainer_data(jail, issued_at=timezone.now(), served_at=served)
    reasons = _refused(lambda: actions.issue_detainer(officer_user, other, **data))
    assert reasons == ["The detainer was served before it was issued."]
    assert Detainer.objects.count() == 1
