"""The detainers API: scoped reads, issue with the page's rules, release, outcome."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone
from tests.conftest import sign_in

from access.accounts.models import User
from access.agencies.models import Agency, Facility
from access.detention.choices import DetainerStatus
from access.detention.models import Detainer
from access.enforcement.choices import EncounterStatus
from access.enforcement.models import Encounter


def _client(user: User) -> Client:
    return sign_in(Client(), user)


def _issue(encounter: Encounter, jail: Facility, **overrides: Any) -> dict[str, Any]:
    return {
        "encounter": encounter.pk,
        "facility": jail.pk,
        "probable_cause": "pending_proceedings",
        "probable_cause_details": "Notice to Appear filed with the immigration court.",
        "served_at": timezone.now().isoformat(),
        "service_method": "officer_in_person",
        **overrides,
    }


def test_issue_release_outcome_and_scope(
    make_encounter: Callable[..., Encounter],
    officer_user: User,
    jail: Facility,
    supervisor: User,
    make_user: Callable[..., User],
    agency_b: Agency,
) -> None:
    encounter = make_encounter()
    officer = _client(officer_user)
    created = officer.post(
        "/api/detainers/", _issue(encounter, jail), content_type="application/json"
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["status"] == "issued" and created.json()["deadline"] is None

    release = (timezone.now() - timedelta(hours=1)).isoformat()
    started = officer.post(
        f"/api/detainers/{pk}/release/", {"release_at": release}, content_type="application/json"
    )
    assert started.status_code == 200
    assert started.json()["status"] == "holding"
    assert started.json()["deadline_local"].endswith(("-04:00", "-05:00"))

    outsider = _client(make_user("agency_officer", agency_b))
    assert outsider.get(f"/api/detainers/{pk}/").status_code == 404
    denied = outsider.post(
        f"/api/detainers/{pk}/outcome/",
        {"outcome": "released", "reason": "x"},
        content_type="application/json",
    )
    assert denied.status_code == 404 and denied.json()["error"]["code"] == "not_found"
    assert Detainer.objects.get(pk=pk).status == DetainerStatus.HOLDING

    done = _client(supervisor).post(
        f"/api/detainers/{pk}/outcome/",
        {"outcome": "custody_assumed", "reason": "Transferred to ICE custody"},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["status"] == "custody_assumed"


def test_refusals_in_the_documented_shape(
    make_encounter: Callable[..., Encounter], officer_user: User, jail: Facility
) -> None:
    unverified = make_encounter(status=EncounterStatus.CANDIDATES)
    response = _client(officer_user).post(
        "/api/detainers/", _issue(unverified, jail), content_type="application/json"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert any("not verified" in m for m in error["fields"]["non_field_errors"])
    bad_time = _client(officer_user).post(
        "/api/detainers/",
        _issue(make_encounter(), jail, served_at="soon"),
        content_type="application/json",
    )
    assert bad_time.status_code == 400 and "served_at" in bad_time.json()["error"]["fields"]
    assert Detainer.objects.count() == 0
