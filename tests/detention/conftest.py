"""Detainer fixtures: an authorized jail officer with an account, a jail with a time zone,
and encounters in a given identification state (made directly: the enforcement app's own
steps are tested there)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone
from tests.officers.conftest import (  # noqa: F401
    agent,
    agreement,
    director,
    liaison,
    make_agreement,
    manager,
    people,
    supervisor,
    walk,
)

from access.accounts.models import User
from access.agencies.models import Agency, Facility
from access.core.actors import SystemActor, bound_actor
from access.detention.choices import ProbableCause, ServiceMethod
from access.enforcement.choices import EncounterStatus
from access.enforcement.models import Encounter
from access.officers.models import Officer

FIXTURE_ACTOR = SystemActor("detention fixtures")


def link(officer: Officer, user: User) -> Officer:
    Officer.objects.filter(pk=officer.pk).update(user=user)
    officer.refresh_from_db()
    return officer


@pytest.fixture
def jail(agency_a: Agency) -> Facility:
    with bound_actor(FIXTURE_ACTOR):
        return Facility.objects.create(
            agency=agency_a, name="Alpha County Jail", time_zone="America/New_York"
        )


@pytest.fixture
def officer_user(make_user: Callable[..., User], agency_a: Agency) -> User:
    return make_user("agency_officer", agency_a, username="deputy.a")


@pytest.fixture
def jem_officer(walk: Callable[..., Officer], officer_user: User) -> Officer:  # noqa: F811
    return link(walk("authorized"), officer_user)


@pytest.fixture
def make_encounter(
    jem_officer: Officer, officer_user: User, jail: Facility
) -> Callable[..., Encounter]:
    def make(
        status: str = EncounterStatus.IDENTIFIED, officer: Officer | None = None, **fields: Any
    ) -> Encounter:
        officer = officer or jem_officer
        values: dict[str, Any] = {
            "officer": officer,
            "agency": officer.agency,
            "partnership_type": officer.agreement.partnership_type,
            "function": "interview",
            "facility": jail,
            "occurred_at": timezone.now() - timedelta(days=2),
            "origin": "booking",
            "recorded_by": officer.user or officer_user,
            "family_name": "Subject",
            "given_name": "Test",
            "status": status,
            "severity": "felony",
            "priority_level": "1",
            **fields,
        }
        with bound_actor(FIXTURE_ACTOR):
            encounter = Encounter(**values)
            encounter.save()
        return encounter

    return make


def detainer_data(jail: Facility, **overrides: Any) -> dict[str, Any]:
    now = timezone.now()
    data: dict[str, Any] = {
        "facility": jail,
        "probable_cause": ProbableCause.BIOMETRIC_MATCH,
        "probable_cause_details": "Fingerprints matched an IDENT record with no lawful status.",
        "served_at": now,
        "service_method": ServiceMethod.IN_PERSON_BY_OFFICER,
        "hold_requested": True,
        "notify_before_release": True,
    }
    data.update(overrides)
    return data


def aware(text: str) -> datetime:
    return datetime.fromisoformat(text)
