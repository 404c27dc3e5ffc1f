"""Issue 17's bad input for the release time: more than a day in the future, or before the
encounter, is refused with its reason (action, page and API) and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from tests.conftest import sign_in

from access.accounts.models import User
from access.agencies.models import Facility
from access.audit.models import AuditEvent
from access.detention import actions
from access.detention.models import Detainer
from access.enforcement.models import Encounter

from .conftest import detainer_data

pytestmark = pytest.mark.django_db
TOO_LATE = "The release time is more than a day in the future."
TOO_EARLY = "The release time is before the encounter."


@pytest.fixture
def detainer(
    make_encounter: Callable[..., Encounter], officer_user: User, jail: Facility
) -> Detainer:
    return actions.issue_detainer(officer_user, make_encounter(), **detainer_data(jail))


def state(detainer: Detainer) -> tuple[Any, ...]:
    detainer.refresh_from_db()
    return (
        detainer.status,
        detainer.release_at,
        detainer.deadline,
        detainer.updated_at,
        AuditEvent.objects.filter(action__startswith="detainer.").count(),
    )


def test_the_action_refuses_each(detainer: Detainer, officer_user: User) -> None:
    before = state(detainer)
    for when, reason in [
        (timezone.now() + timedelta(days=1, hours=2), TOO_LATE),
        (detainer.encounter.occurred_at - timedelta(minutes=1), TOO_EARLY),
    ]:
        with pytest.raises(actions.DetainerRefused) as refused:
            actions.record_release(officer_user, detainer, when)
        assert refused.value.messages == [reason]
        assert state(detainer) == before
    # Later today (a scheduled release) is allowed.
    actions.record_release(officer_user, detainer, timezone.now() + timedelta(hours=20))
    assert state(detainer)[0] == "holding"


def test_issuing_with_a_release_out_of_bounds_stores_nothing(
    make_encounter: Callable[..., Encounter], officer_user: User, jail: Facility
) -> None:
    encounter = make_encounter()
    for when, reason in [
        (timezone.now() + timedelta(days=2), TOO_LATE),
        (encounter.occurred_at - timedelta(hours=3), TOO_EARLY),
    ]:
        with pytest.raises(actions.DetainerRefused) as refused:
            actions.issue_detainer(officer_user, encounter, **detainer_data(jail, release_at=when))
        assert refused.value.messages == [reason]
    assert Detainer.objects.count() == 0
    assert not AuditEvent.objects.filter(action="detainer.issued").exists()


def test_the_page_and_the_api_show_the_reason(
    detainer: Detainer, officer_user: User, jail: Facility
) -> None:
    client = sign_in(Client(), officer_user)
    before = state(detainer)
    local = (timezone.now() + timedelta(days=3)).astimezone(detainer.time_zone_info)
    page = client.post(
        f"/detainers/{detainer.pk}/release/",
        {"release_at": local.strftime("%Y-%m-%dT%H:%M")},
        follow=True,
    )
    assert page.status_code == 200
    assert TOO_LATE in page.content.decode()
    assert state(detainer) == before
    early = (detainer.encounter.occurred_at - timedelta(hours=2)).isoformat()
    response = client.post(
        f"/api/detainers/{detainer.pk}/release/",
        {"release_at": early},
        content_type="application/json",
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["fields"]["non_field_errors"] == [TOO_EARLY]
    assert state(detainer) == before
