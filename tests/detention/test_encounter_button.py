"""The encounter page offers "Issue a detainer" only to a viewer who could issue one now."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from access.accounts.models import User
from access.agencies.models import Agency, Facility
from access.core.actors import SystemActor, bound_actor
from access.detention.models import Detainer
from access.enforcement.choices import EncounterStatus
from access.enforcement.models import Encounter
from access.officers.models import Officer

from .conftest import link, make_agreement

BUTTON = "Issue a detainer"
pytestmark = pytest.mark.django_db


def _page(client: Client, encounter: Encounter) -> str:
    response = client.get(f"/encounters/{encounter.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_authorized_officer_sees_the_button_on_an_identified_encounter(
    make_encounter: Callable[..., Encounter],
    client_as: Callable[..., Client],
    officer_user: User,
) -> None:
    encounter = make_encounter()
    body = _page(client_as(officer_user), encounter)
    assert BUTTON in body
    assert f'href="/detainers/encounter/{encounter.pk}/issue/"' in body
    assert Detainer.objects.count() == 0  # showing the button issues nothing


@pytest.mark.parametrize(
    "status", [EncounterStatus.CANDIDATES, EncounterStatus.AWAITING_SUPERVISOR]
)
def test_no_button_before_verification(
    make_encounter: Callable[..., Encounter],
    client_as: Callable[..., Client],
    officer_user: User,
    status: str,
) -> None:
    assert BUTTON not in _page(client_as(officer_user), make_encounter(status=status))


def test_no_button_for_a_warrant_service_officer(
    make_encounter: Callable[..., Encounter],
    walk: Callable[..., Officer],
    make_user: Callable[..., User],
    client_as: Callable[..., Client],
    agency_a: Agency,
) -> None:
    wso_user = make_user("agency_officer", agency_a, username="wso.a")
    wso = link(walk("authorized", on=make_agreement(agency_a, "287g_wso")), wso_user)
    encounter = make_encounter(officer=wso, function="serve_warrant")
    assert BUTTON not in _page(client_as(wso_user), encounter)


def test_no_button_when_the_authority_check_fails(
    make_encounter: Callable[..., Encounter],
    client_as: Callable[..., Client],
    officer_user: User,
    jem_officer: Officer,
) -> None:
    encounter = make_encounter()
    Officer.objects.filter(pk=jem_officer.pk).update(supervisor=None)
    with bound_actor(SystemActor("button test")):
        jem_officer.supervisor_assignments.all().update(ended_at=timezone.now() - timedelta(days=1))
    assert BUTTON not in _page(client_as(officer_user), encounter)


def test_no_button_for_users_without_the_grant(
    make_encounter: Callable[..., Encounter],
    make_user: Callable[..., User],
    client_as: Callable[..., Client],
    agency_a: Agency,
) -> None:
    encounter = make_encounter()
    # An ICE supervisor and a program manager read encounters but issue no detainers; an
    # officer account with the grant but no officer record is not an officer.
    no_record = make_user("agency_officer", agency_a, username="clerk.a")
    for user in (make_user("ice_supervisor"), make_user("ice_program_manager"), no_record):
        assert BUTTON not in _page(client_as(user), encounter)


def test_no_button_after_a_citizenship_claim(
    make_encounter: Callable[..., Encounter],
    client_as: Callable[..., Client],
    officer_user: User,
    jail: Facility,
) -> None:
    encounter = make_encounter(claims_us_citizenship=True)
    assert BUTTON not in _page(client_as(officer_user), encounter)
