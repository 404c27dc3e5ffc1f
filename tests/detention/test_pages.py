"""Detainer pages: list, detail, issue, release and outcome, for the right roles only."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from access.accounts.models import User
from access.agencies.models import Agency, Facility
from access.audit.models import AuditEvent
from access.detention import actions
from access.detention.choices import DetainerStatus
from access.detention.models import Detainer
from access.enforcement.choices import EncounterStatus
from access.enforcement.models import Encounter

from .conftest import detainer_data


@pytest.fixture
def detainer(
    make_encounter: Callable[..., Encounter], officer_user: User, jail: Facility
) -> Detainer:
    return actions.issue_detainer(officer_user, make_encounter(), **detainer_data(jail))


def test_list_and_detail_for_the_officer(
    detainer: Detainer, client_as: Callable[..., Client], officer_user: User
) -> None:
    client = client_as(officer_user)
    listing = client.get("/detainers/")
    assert listing.status_code == 200
    assert f"#{detainer.pk}" in listing.content.decode()
    page = client.get(f"/detainers/{detainer.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Form I-247A (03/17)" in body and "Record the outcome" in body


def test_another_agency_gets_404_and_nothing_changes(
    detainer: Detainer, client_as: Callable[..., Client], agency_b: Agency
) -> None:
    client = client_as("agency_officer", agency_b)
    before = AuditEvent.objects.filter(action__startswith="detainer.").count()
    assert client.get(f"/detainers/{detainer.pk}/").status_code == 404
    post = {"outcome": "released", "reason": "Not ours"}
    assert client.post(f"/detainers/{detainer.pk}/outcome/", post).status_code == 404
    assert client.get(f"/detainers/encounter/{detainer.encounter_id}/issue/").status_code == 404
    detainer.refresh_from_db()
    assert detainer.status == DetainerStatus.ISSUED
    assert AuditEvent.objects.filter(action__startswith="detainer.").count() == before


def test_roles_without_detainers_see_no_list(
    client_as: Callable[..., Client], agency_a: Agency
) -> None:
    assert client_as("agency_liaison", agency_a).get("/detainers/").status_code == 404
    assert client_as("lesc_analyst").get("/detainers/").status_code == 404


def test_issue_from_the_page(
    make_encounter: Callable[..., Encounter],
    client_as: Callable[..., Client],
    officer_user: User,
    jail: Facility,
) -> None:
    encounter = make_encounter()
    client = client_as(officer_user)
    assert client.get(f"/detainers/encounter/{encounter.pk}/issue/").status_code == 200
    local = timezone.now().astimezone(jail_zone(jail))
    form = {
        "facility": jail.pk,
        "probable_cause": "final_order",
        "probable_cause_details": "Final order of removal on file.",
        "served_at": f"{local:%Y-%m-%dT%H:%M}",
        "service_method": "officer_in_person",
        "notify_before_release": "on",
        "hold_requested": "on",
        "release_at": f"{local - timedelta(hours=1):%Y-%m-%dT%H:%M}",
    }
    response = client.post(f"/detainers/encounter/{encounter.pk}/issue/", form)
    assert response.status_code == 302
    detainer = Detainer.objects.get()
    assert detainer.status == DetainerStatus.HOLDING
    assert detainer.release_at is not None
    assert abs(detainer.release_at - (timezone.now() - timedelta(hours=1))) < timedelta(minutes=2)


def jail_zone(jail: Facility) -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo(jail.time_zone)


def test_issue_refused_without_verification_shows_why(
    make_encounter: Callable[..., Encounter],
    client_as: Callable[..., Client],
    officer_user: User,
    jail: Facility,
) -> None:
    encounter = make_encounter(status=EncounterStatus.CANDIDATES)
    form = {
        "facility": jail.pk,
        "probable_cause": "final_order",
        "probable_cause_details": "Final order of removal on file.",
        "served_at": f"{timezone.now().astimezone(jail_zone(jail)):%Y-%m-%dT%H:%M}",
        "service_method": "officer_in_person",
        "hold_requested": "on",
    }
    response = client_as(officer_user).post(f"/detainers/encounter/{encounter.pk}/issue/", form)
    assert response.status_code == 400
    assert "identification is not verified" in response.content.decode()
    assert Detainer.objects.count() == 0


def test_outcome_without_a_reason_changes_nothing(
    detainer: Detainer, client_as: Callable[..., Client], supervisor: User
) -> None:
    client = client_as(supervisor)
    response = client.post(
        f"/detainers/{detainer.pk}/outcome/", {"outcome": "lifted", "reason": ""}
    )
    assert response.status_code == 302
    detainer.refresh_from_db()
    assert detainer.status == DetainerStatus.ISSUED
    client.post(
        f"/detainers/{detainer.pk}/outcome/", {"outcome": "lifted", "reason": "Case closed"}
    )
    detainer.refresh_from_db()
    assert (detainer.status, detainer.outcome_reason) == (DetainerStatus.LIFTED, "Case closed")


def test_release_from_the_page_starts_the_clock(
    detainer: Detainer, client_as: Callable[..., Client], officer_user: User, jail: Facility
) -> None:
    local = timezone.now().astimezone(jail_zone(jail)) - timedelta(hours=2)
    client_as(officer_user).post(
        f"/detainers/{detainer.pk}/release/", {"release_at": f"{local:%Y-%m-%dT%H:%M}"}
    )
    detainer.refresh_from_db()
    assert detainer.status == DetainerStatus.HOLDING and detainer.deadline is not None


def test_overdue_stays_on_the_home_queue_until_resolved(
    detainer: Detainer, client_as: Callable[..., Client], officer_user: User, supervisor: User
) -> None:
    actions.record_release(officer_user, detainer, timezone.now() - timedelta(hours=1))
    Detainer.objects.filter(pk=detainer.pk).update(deadline=timezone.now() - timedelta(hours=1))
    actions.check_clocks(actions.SystemActor("test clock"))
    for user in (officer_user, supervisor):
        home = client_as(user).get("/").content.decode()
        assert f"Detainer #{detainer.pk} at Alpha County Jail: OVERDUE" in home
    actions.record_outcome(supervisor, detainer, "custody_assumed", "Picked up by ERO")
    assert f"Detainer #{detainer.pk}" not in client_as(officer_user).get("/").content.decode()
