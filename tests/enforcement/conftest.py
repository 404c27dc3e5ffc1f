"""Encounter fixtures: authorized officers of each model (the officers app's own path), their
user accounts, and the small synthetic person store of the inquiries tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from tests.inquiries.conftest import _engine, model_file, population, store  # noqa: F401
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
from access.enforcement.actions import ChargeInput, EncounterInput
from access.officers.models import Officer

FIXTURE_ACTOR = SystemActor("enforcement fixtures")


@pytest.fixture
def jail(agency_a: Agency) -> Facility:
    with bound_actor(FIXTURE_ACTOR):
        return Facility.objects.create(agency=agency_a, name="Alpha County Jail")


def link(officer: Officer, user: User) -> Officer:
    """Give the officer record its own ACCESS account."""
    Officer.objects.filter(pk=officer.pk).update(user=user)
    officer.refresh_from_db()
    return officer


@pytest.fixture
def officer_user(make_user: Callable[..., User], agency_a: Agency) -> User:
    return make_user("agency_officer", agency_a, username="deputy.a")


@pytest.fixture
def jem_officer(walk: Callable[..., Officer], officer_user: User) -> Officer:  # noqa: F811
    return link(walk("authorized"), officer_user)


@pytest.fixture
def wso_officer(
    walk: Callable[..., Officer],  # noqa: F811
    make_user: Callable[..., User],
    agency_a: Agency,
) -> tuple[Officer, User]:
    wso_agreement = make_agreement(agency_a, "287g_wso")
    user = make_user("agency_officer", agency_a, username="wso.a")
    return link(walk("authorized", on=wso_agreement), user), user


def encounter_input(**overrides: Any) -> EncounterInput:
    values: dict[str, Any] = {
        "function": "interview",
        "occurred_at": timezone.now(),
        "origin": "booking",
        "family_name": "Garcia Lopez",
        "given_name": "Jose",
        "dates_of_birth": ["1985-03-14"],
        "charges": [ChargeInput("1313", "misdemeanor", "Simple assault")],
    }
    values.update(overrides)
    return EncounterInput(**values)


@pytest.fixture
def make_identified(jem_officer: Officer, officer_user: User, jail: Facility) -> Callable[..., Any]:
    """An encounter already identified, made directly (the identification steps are tested in
    test_identification.py): for the steps that come after it."""
    from datetime import timedelta

    from access.enforcement.choices import EncounterStatus
    from access.enforcement.models import Encounter

    def make(**fields: Any) -> Encounter:
        values: dict[str, Any] = {
            "officer": jem_officer,
            "agency": jem_officer.agency,
            "partnership_type": jem_officer.agreement.partnership_type,
            "function": "interview",
            "facility": jail,
            "occurred_at": timezone.now() - timedelta(days=30),
            "origin": "booking",
            "recorded_by": officer_user,
            "family_name": "SUBJECT",
            "status": EncounterStatus.IDENTIFIED,
            "severity": "felony",
            "priority_level": "1",
            "searched_at": timezone.now() - timedelta(days=30),
            **fields,
        }
        with bound_actor(FIXTURE_ACTOR):
            encounter = Encounter(**values)
            encounter.save()
        return encounter

    return make
