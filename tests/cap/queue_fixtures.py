"""CAP fixtures (queue and facilities): two CAP teams, a facility each, a roster, bookings
and their candidate records, built directly. Names start with ``q_``."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from access.accounts.models import User
from access.agencies.models import Agency, Facility
from access.cap.choices import RemoteInterviews
from access.cap.models import Booking, CapFacility, CapTeam, Roster, ScreeningCandidate
from access.core.actors import SystemActor, bound_actor
from access.records.models import PersonRecord
from access.records.models.person import BirthDate, Identifier

Q_ACTOR = SystemActor("cap queue fixtures")

# The stored explanation as screening writes it (``inquiries.engine.explanation_json``).
DOB_AGREES = {
    "fields": {
        "given_name": {"level": "exact", "weight": 3.2},
        "family_name": {"level": "exact", "weight": 4.1},
        "date_of_birth": {"level": "exact", "weight": 5.3},
        "identifiers": {"level": "no identifier kind in common", "weight": 0.0},
    },
    "notes": [],
    "conflict": "",
}
NAME_ONLY = {
    "fields": {
        "given_name": {"level": "exact", "weight": 3.2},
        "family_name": {"level": "exact", "weight": 4.1},
        "date_of_birth": {"level": "different", "weight": -3.0},
        "identifiers": {"level": "no identifier kind in common", "weight": 0.0},
    },
    "notes": ["different date of birth"],
    "conflict": "",
}


@pytest.fixture
def q_officer(make_user: Callable[..., User]) -> User:
    return make_user("cap_officer", username="cap.one")


@pytest.fixture
def q_other_officer(make_user: Callable[..., User]) -> User:
    return make_user("cap_officer", username="cap.two")


@pytest.fixture
def q_supervisor(make_user: Callable[..., User]) -> User:
    return make_user("ice_supervisor", username="cap.supervisor")


@pytest.fixture
def q_team(q_officer: User) -> CapTeam:
    with bound_actor(Q_ACTOR):
        team = CapTeam.objects.create(name="Miami CAP team", field_office="Miami")
    team.members.add(q_officer)
    return team


@pytest.fixture
def q_other_team(q_other_officer: User) -> CapTeam:
    with bound_actor(Q_ACTOR):
        team = CapTeam.objects.create(name="Houston CAP team", field_office="Houston")
    team.members.add(q_other_officer)
    return team


def make_facility(agency: Agency, name: str, team: CapTeam | None, **settings: Any) -> CapFacility:
    with bound_actor(Q_ACTOR):
        jail = Facility.objects.create(agency=agency, name=name)
        return CapFacility.objects.create(facility=jail, team=team, **settings)


@pytest.fixture
def q_facility(agency_a: Agency, q_team: CapTeam) -> CapFacility:
    return make_facility(
        agency_a,
        "Alpha County Jail",
        q_team,
        access_hours="Mon-Fri 08:00-17:00",
        remote_interviews=RemoteInterviews.PHONE,
        column_mapping={"booking_number": "BOOKING_NO", "family_name": "LAST"},
    )


@pytest.fixture
def q_other_facility(agency_b: Agency, q_other_team: CapTeam) -> CapFacility:
    return make_facility(agency_b, "Bravo City Jail", q_other_team)


def make_roster(facility: CapFacility, n: int = 1) -> Roster:
    with bound_actor(Q_ACTOR):
        return Roster.objects.create(
            facility=facility,
            as_of=timezone.now() - timedelta(hours=1),
            source="upload",
            content_hash=f"{facility.pk:032d}{n:032d}",
            row_count=2,
        )


def make_record(record_id: str, *, born: str = "1985-03-14", **fields: Any) -> PersonRecord:
    identifiers = fields.pop("identifiers", {})
    with bound_actor(Q_ACTOR):
        record = PersonRecord.objects.create(
            record_id=record_id,
            given_name=fields.pop("given_name", "JOSE"),
            family_names=fields.pop("family_names", ["GARCIA"]),
            sex="M",
            country_of_birth=fields.pop("country_of_birth", "MX"),
            **fields,
        )
        year, month, day = (int(p) for p in born.split("-"))
        BirthDate.objects.create(record=record, recorded=born, year=year, month=month, day=day)
        for kind, value in identifiers.items():
            Identifier.objects.create(record=record, kind=kind, value=value, normalized=value)
    return record


def make_candidate(
    facility: CapFacility,
    number: str,
    record: PersonRecord,
    *,
    explanation: dict[str, Any] | None = None,
    release_in_days: int | None = 3,
    priority_level: int | None = 2,
    band: str = "probable",
    probability: float = 0.995,
) -> ScreeningCandidate:
    roster = Roster.objects.filter(facility=facility).first() or make_roster(facility)
    release = timezone.now() + timedelta(days=release_in_days) if release_in_days else None
    with bound_actor(Q_ACTOR):
        booking = Booking.objects.create(
            facility=facility,
            booking_number=number,
            first_roster=roster,
            last_roster=roster,
            given_name="JOSE",
            family_name="GARCIA",
            date_of_birth="1985-03-14",
            sex="M",
            release_date=release,
            priority_level=priority_level,
            candidate_count=1,
        )
        return ScreeningCandidate.objects.create(
            booking=booking,
            roster=roster,
            record=record,
            rank=1,
            probability=probability,
            band=band,
            # A copy: a test that edits its candidate's explanation leaves the others alone.
            explanation=copy.deepcopy(explanation if explanation is not None else DOB_AGREES),
        )


@pytest.fixture
def q_candidate(q_facility: CapFacility) -> ScreeningCandidate:
    """A pending candidate whose date of birth agrees; the record shows no U.S. citizenship."""
    return make_candidate(q_facility, "B-1001", make_record("R-1001"))


@pytest.fixture
def q_citizen_candidate(q_facility: CapFacility) -> ScreeningCandidate:
    """A pending candidate whose record shows birth in the U.S."""
    record = make_record("R-2001", country_of_birth="US", citizenship="us_born")
    return make_candidate(q_facility, "B-2001", record)


@pytest.fixture
def q_name_only(q_facility: CapFacility) -> ScreeningCandidate:
    return make_candidate(
        q_facility, "B-3001", make_record("R-3001", born="1970-01-01"), explanation=NAME_ONLY
    )


@pytest.fixture
def q_foreign_candidate(q_other_facility: CapFacility) -> ScreeningCandidate:
    """A candidate at the other team's facility."""
    return make_candidate(q_other_facility, "B-9001", make_record("R-9001"))
