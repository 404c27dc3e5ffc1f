"""Fixtures for the screening tests: two CAP teams' facilities, a roster of booked people made
from stored person records (with errors) and absent people, on the inquiries tests' synthetic
store and model. Imported by the screening test modules (not a conftest: the CAP parts each
keep their own)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from tests.conftest import FIXTURE_ACTOR
from tests.inquiries.conftest import _engine, model_file, population, store

from access.accounts.models import User
from access.agencies.models import Agency, Facility
from access.cap.models import Booking, CapFacility, CapTeam, Roster
from access.core.actors import bound_actor
from access.records.models import PersonRecord

__all__ = [
    "_engine",
    "cap_facility",
    "cap_officer",
    "make_roster",
    "model_file",
    "other_facility",
    "population",
    "store",
    "stored_people",
]


def _facility(agency: Agency, name: str, team: CapTeam) -> CapFacility:
    with bound_actor(FIXTURE_ACTOR):
        jail = Facility.objects.create(agency=agency, name=name, time_zone="America/New_York")
        return CapFacility.objects.create(facility=jail, team=team)


@pytest.fixture
def cap_officer(make_user: Callable[..., User]) -> User:
    return make_user("cap_officer", username="cap.officer")


@pytest.fixture
def cap_facility(agency_a: Agency, cap_officer: User) -> CapFacility:
    with bound_actor(FIXTURE_ACTOR):
        team = CapTeam.objects.create(name="Miami CAP team")
    team.members.add(cap_officer)
    return _facility(agency_a, "Alpha County Jail", team)


@pytest.fixture
def other_facility(agency_b: Agency) -> CapFacility:
    with bound_actor(FIXTURE_ACTOR):
        team = CapTeam.objects.create(name="Houston CAP team")
    return _facility(agency_b, "Bravo County Jail", team)


def stored_people(n: int) -> list[PersonRecord]:
    """Stored people with a full name and a full date of birth (bookings made from them find
    them again)."""
    out = []
    for record in PersonRecord.objects.order_by("pk").prefetch_related("birth_dates"):
        dob = next((d for d in record.birth_dates.all() if d.day and d.month and d.year), None)
        if record.given_name and record.family_names and dob:
            record.dob = f"{dob.year:04d}-{dob.month:02d}-{dob.day:02d}"  # type: ignore[attr-defined]
            out.append(record)
        if len(out) == n:
            break
    return out


ABSENT = [
    ("ZZYZX", "QWERTINA", "1901-01-01"),
    ("XOBLOTNIK", "VRAMPLE", "1902-02-02"),
    ("QUIXBYRNE", "JORBALEE", "1903-03-03"),
]


@pytest.fixture
def make_roster() -> Callable[..., Roster]:
    """A roster of ``present`` booked people from the store and the absent people above (the
    rosters part stores bookings from files; these tests store them directly)."""

    def make(facility: CapFacility, present: int = 6, absent: int = 3, **fields: Any) -> Roster:
        people = stored_people(present)
        # As the rosters part leaves it: handed to the job worker (a job id) unless a test
        # asks for a roster received without queueing (job_id="").
        fields.setdefault("job_id", "job-in-test")
        with bound_actor(FIXTURE_ACTOR):
            roster = Roster.objects.create(
                facility=facility,
                as_of=timezone.now(),
                source="upload",
                filename="roster.csv",
                content_hash=f"{Roster.objects.count():064d}",
                row_count=present + absent,
                booked_in=present + absent,
                **fields,
            )
            rows = (
                [
                    (" ".join(p.family_names), p.given_name, p.dob)  # type: ignore[attr-defined]
                    for p in people
                ]
                + ABSENT[:absent]
            )
            for i, (family, given, dob) in enumerate(rows):
                Booking.objects.create(
                    facility=facility,
                    booking_number=f"B{roster.pk}-{i:04d}",
                    first_roster=roster,
                    last_roster=roster,
                    family_name=family,
                    given_name=given,
                    date_of_birth=dob,
                    release_date=timezone.now() + timedelta(days=i + 1),
                )
        return roster

    return make
