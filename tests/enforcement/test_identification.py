"""Identification: candidates from the person records, verification by a person (the officer,
then an ICE supervisor for the jail model), name-only matches refused, citizenship stops."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from tests.enforcement.conftest import encounter_input
from tests.inquiries.conftest import pick_subject

from access.accounts.models import User
from access.agencies.models import Facility
from access.enforcement import actions
from access.enforcement.models import Encounter, EncounterCandidate, EncounterStep, Verification
from access.officers.models import Officer

pytestmark = pytest.mark.django_db


def record(user: User, jail: Facility, subject: dict[str, str], **extra: Any) -> Encounter:
    return actions.record_encounter(
        user,
        encounter_input(
            facility_id=jail.pk,
            family_name=subject["family_name"],
            given_name=subject["given_name"],
            dates_of_birth=[subject["date_of_birth"]],
            **extra,
        ),
    )


@pytest.fixture
def found(store: None, jem_officer: Officer, officer_user: User, jail: Facility) -> Encounter:
    """An encounter whose subject is a stored noncitizen: candidates, none indicating U.S.
    citizenship, the top one agreeing on the date of birth."""
    encounter = record(officer_user, jail, pick_subject(citizen=False))
    assert encounter.status == "candidates"
    return encounter


def top(encounter: Encounter) -> EncounterCandidate:
    candidate = encounter.candidates.order_by("rank").first()
    assert candidate is not None
    return candidate


def test_the_search_stores_calibrated_explained_candidates(found: Encounter) -> None:
    candidate = top(found)
    assert found.searched_at is not None
    assert candidate.band == "probable"
    assert 0 < candidate.probability <= 1
    assert candidate.explanation["fields"]
    assert candidate.date_of_birth_agrees is True
    assert candidate.name_only is False


def test_the_jail_model_needs_the_officer_then_a_supervisor(
    found: Encounter, officer_user: User, supervisor: User
) -> None:
    candidate = top(found)
    with pytest.raises(actions.Refused, match="comparison"):
        actions.verify(officer_user, found, candidate, fields_checked=["name", "date_of_birth"])
    actions.view_candidate(officer_user, candidate)
    with pytest.raises(actions.Refused) as refused:
        actions.verify(officer_user, found, candidate, fields_checked=["name"])
    assert "beyond the name" in refused.value.messages[0]
    assert not Verification.objects.exists()

    verified = actions.verify(
        officer_user, found, candidate, fields_checked=["name", "date_of_birth", "photograph"]
    )
    assert verified.status == "awaiting_supervisor"
    assert verified.identified_record is None  # not yet: the supervisor confirms
    with pytest.raises(actions.Refused, match="comparison"):
        actions.confirm(supervisor, verified, fields_checked=["date_of_birth"])
    actions.view_candidate(supervisor, candidate)
    confirmed = actions.confirm(
        supervisor, verified, fields_checked=["date_of_birth", "fingerprints"]
    )
    assert confirmed.status == "identified"
    assert confirmed.identified_record == candidate.record
    assert list(confirmed.verifications.values_list("role", "fields_checked")) == [
        ("officer", ["name", "date_of_birth", "photograph"]),
        ("supervisor", ["date_of_birth", "fingerprints"]),
    ]


def test_a_name_only_match_can_never_be_verified(found: Encounter, officer_user: User) -> None:
    candidate = top(found)
    EncounterCandidate.objects.filter(pk=candidate.pk).update(
        date_of_birth_agrees=False, identifier_agrees=False
    )
    candidate.refresh_from_db()
    actions.view_candidate(officer_user, candidate)
    with pytest.raises(actions.Refused, match="name-only match"):
        actions.verify(
            officer_user, found, candidate, fields_checked=["name", "date_of_birth", "fingerprints"]
        )
    found.refresh_from_db()
    assert found.status == "candidates"
    assert not Verification.objects.exists()


def test_a_candidate_record_indicating_citizenship_stops_the_search(
    store: None, jem_officer: Officer, officer_user: User, jail: Facility, supervisor: User
) -> None:
    encounter = record(officer_user, jail, pick_subject(citizen=True))
    assert encounter.status == "citizenship_stop"
    assert encounter.stop_reasons and encounter.stop_reasons[0].startswith("record_")
    # Not established: back to verification, the stop kept as data.
    resumed = actions.decide(
        supervisor, encounter, decision="not_established", notes="Record is another person."
    )
    assert resumed.status == "candidates"
    assert resumed.citizenship_stop is True


def test_evidence_reported_after_identification_stops_and_clears_it(
    found: Encounter, officer_user: User, supervisor: User
) -> None:
    candidate = top(found)
    actions.view_candidate(officer_user, candidate)
    actions.verify(officer_user, found, candidate, fields_checked=["date_of_birth"])
    actions.view_candidate(supervisor, candidate)
    identified = actions.confirm(supervisor, found, fields_checked=["fingerprints"])
    stopped = actions.report_citizenship(
        officer_user, identified, claimed=False, notes="Produced a U.S. passport."
    )
    assert stopped.status == "citizenship_stop"
    assert stopped.identified_record is None
    assert stopped.stop_reasons == ["evidence_reported"]
    with pytest.raises(actions.Refused, match="identified"):
        actions.record_step(
            officer_user, stopped, kind="referral_to_ice", occurred_on=timezone.localdate()
        )


def test_steps_are_dated_and_follow_identification(
    found: Encounter, officer_user: User, supervisor: User
) -> None:
    candidate = top(found)
    with pytest.raises(actions.Refused, match="only after the subject is identified"):
        actions.record_step(
            officer_user, found, kind="referral_to_ice", occurred_on=timezone.localdate()
        )
    actions.view_candidate(officer_user, candidate)
    actions.verify(officer_user, found, candidate, fields_checked=["date_of_birth"])
    actions.view_candidate(supervisor, candidate)
    actions.confirm(supervisor, found, fields_checked=["fingerprints"])
    today = timezone.localdate()
    with pytest.raises(actions.Refused) as refused:
        actions.record_step(
            officer_user,
            found,
            kind="charging_document",
            document="I-200",
            occurred_on=today + timedelta(days=2),
        )
    assert "document" in refused.value.message_dict
    assert "occurred_on" in refused.value.message_dict
    assert not EncounterStep.objects.exists()
    actions.record_step(
        officer_user, found, kind="charging_document", document="I-862", occurred_on=today
    )
    actions.record_step(officer_user, found, kind="referral_to_ice", occurred_on=today)
    assert list(found.steps.values_list("kind", "document")) == [
        ("charging_document", "I-862"),
        ("referral_to_ice", ""),
    ]


def test_a_warrant_service_officer_identifies_alone_serves_but_never_processes(
    store: None, wso_officer: tuple[Officer, User], jail: Facility
) -> None:
    _officer, user = wso_officer
    encounter = record(
        user, jail, pick_subject(citizen=False), function="serve_warrant", origin="warrant_on_file"
    )
    candidate = top(encounter)
    actions.view_candidate(user, candidate)
    identified = actions.verify(user, encounter, candidate, fields_checked=["date_of_birth"])
    assert identified.status == "identified"  # no supervisor step for the WSO model
    today = timezone.localdate()
    with pytest.raises(actions.Refused) as refused:
        actions.record_step(
            user, identified, kind="charging_document", document="I-862", occurred_on=today
        )
    assert any(
        'does not include the function "process"' in m for m in refused.value.message_dict["kind"]
    )
    actions.record_step(
        user, identified, kind="warrant_served", document="I-205", occurred_on=today
    )
    assert identified.steps.get().document == "I-205"
