"""CAP fixtures: a CAP team with an officer, the facility it covers (with a saved column
mapping), and another team's facility the officer may not see."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from tests.cap.queue_fixtures import (  # noqa: F401  (the queue's fixtures, prefixed q_)
    q_candidate,
    q_citizen_candidate,
    q_facility,
    q_foreign_candidate,
    q_name_only,
    q_officer,
    q_other_facility,
    q_other_officer,
    q_other_team,
    q_supervisor,
    q_team,
)
from tests.conftest import FIXTURE_ACTOR

from access.agencies.models import Agency, Facility
from access.cap.models import CapFacility, CapTeam
from access.core.actors import bound_actor

# The columns of the roster files in the tests, as a jail names them.
ROSTER_MAPPING = {
    "booking_number": "Booking #",
    "family_name": "Last Name",
    "given_name": "First Name",
    "middle_name": "Middle",
    "date_of_birth": "DOB",
    "sex": "Sex",
    "id.fbi_number": "FBI",
    "booked_at": "Booked",
    "release_date": "Release Date",
}


@pytest.fixture
def make_cap_facility(db: Any) -> Callable[..., CapFacility]:
    def make(agency: Agency, name: str, team: CapTeam | None, **fields: Any) -> CapFacility:
        with bound_actor(FIXTURE_ACTOR):
            facility = Facility(agency=agency, name=name, time_zone="America/New_York")
            facility.save()
            cap = CapFacility(facility=facility, team=team, **fields)
            cap.save()
        return cap

    return make


@pytest.fixture
def cap_team(db: Any) -> CapTeam:
    with bound_actor(FIXTURE_ACTOR):
        team = CapTeam(name="Miami CAP team", field_office="Miami")
        team.save()
    return team


@pytest.fixture
def other_team(db: Any) -> CapTeam:
    with bound_actor(FIXTURE_ACTOR):
        team = CapTeam(name="Houston CAP team", field_office="Houston")
        team.save()
    return team


@pytest.fixture
def cap_officer(make_user: Callable[..., Any], cap_team: CapTeam) -> Any:
    user = make_user("cap_officer", username="capofficer")
    cap_team.members.add(user)
    return user


@pytest.fixture
def cap_facility(
    make_cap_facility: Callable[..., CapFacility], agency_a: Agency, cap_team: CapTeam
) -> CapFacility:
    return make_cap_facility(
        agency_a, "Alpha County Jail", cap_team, column_mapping=dict(ROSTER_MAPPING)
    )


@pytest.fixture
def other_facility(
    make_cap_facility: Callable[..., CapFacility], agency_b: Agency, other_team: CapTeam
) -> CapFacility:
    return make_cap_facility(
        agency_b, "Bravo City Jail", other_team, column_mapping=dict(ROSTER_MAPPING)
    )
