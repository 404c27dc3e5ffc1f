"""Pages and API: the right roles act, others get 404 and change nothing; the funnel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from tests.conftest import sign_in
from tests.enforcement.conftest import encounter_input

from access.accounts.models import User
from access.agencies.models import Agency, Facility
from access.audit.models import AuditEvent
from access.enforcement import actions, funnel
from access.enforcement.models import Encounter
from access.officers.models import Officer

pytestmark = pytest.mark.django_db


def client(user: User) -> Client:
    return sign_in(Client(), user)


@pytest.fixture
def encounter(jem_officer: Officer, officer_user: User, jail: Facility) -> Encounter:
    return actions.record_encounter(officer_user, encounter_input(facility_id=jail.pk))


def form_data(jail: Facility, **overrides: Any) -> dict[str, Any]:
    data = {
        "function": "interview",
        "occurred_at": (timezone.now() + timedelta(seconds=2)).strftime("%Y-%m-%dT%H:%M:%S"),
        "origin": "booking",
        "facility": jail.pk,
        "family_name": "Okafor",
        "given_name": "Daniel",
        "date_of_birth": "1990-02-03",
        "offense_code_1": "3599",
        "severity_1": "felony",
    }
    data.update(overrides)
    return data


def test_an_officer_records_from_the_page(
    jem_officer: Officer, officer_user: User, jail: Facility
) -> None:
    response = client(officer_user).post("/encounters/new/", form_data(jail))
    assert response.status_code == 302
    encounter = Encounter.objects.get()
    assert encounter.priority_level == "1"  # a dangerous-drug felony
    page = client(officer_user).get(response["Location"])
    assert page.status_code == 200
    assert b"OKAFOR" in page.content
    assert AuditEvent.objects.filter(
        action="encounter.viewed", object_id=str(encounter.pk)
    ).exists()


def test_the_page_shows_each_refusal_and_stores_nothing(
    jem_officer: Officer, officer_user: User, jail: Facility
) -> None:
    future = (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%S")
    response = client(officer_user).post(
        "/encounters/new/", form_data(jail, occurred_at=future, offense_code_1="9999")
    )
    assert response.status_code == 400
    assert b"is in the future" in response.content
    assert b"unknown NCIC offense code" in response.content
    assert not Encounter.objects.exists()


def test_another_agency_gets_404_everywhere_and_changes_nothing(
    encounter: Encounter, make_user: Callable[..., User], agency_b: Agency
) -> None:
    other = client(make_user("agency_officer", agency_b))
    before = Encounter.objects.values_list("status", "updated_at").get()
    for url in [
        f"/encounters/{encounter.pk}/",
        f"/encounters/{encounter.pk}/verify/",
        f"/encounters/{encounter.pk}/steps/new/",
        f"/encounters/{encounter.pk}/citizenship/",
        f"/api/encounters/{encounter.pk}/",
    ]:
        assert other.get(url).status_code == 404, url
    assert (
        other.post(
            f"/encounters/{encounter.pk}/citizenship/", {"claimed": "yes", "notes": "x"}
        ).status_code
        == 404
    )
    assert other.post(f"/encounters/{encounter.pk}/search/").status_code == 404
    assert (
        other.post(
            f"/api/encounters/{encounter.pk}/verify/",
            {"candidate": 1, "fields_checked": ["date_of_birth"]},
            content_type="application/json",
        ).status_code
        == 404
    )
    assert other.get("/api/encounters/").json()["count"] == 0
    assert Encounter.objects.values_list("status", "updated_at").get() == before


@pytest.mark.parametrize("role", ["agency_liaison", "lesc_analyst", "ice_field_agent"])
def test_roles_without_a_grant_see_nothing(
    encounter: Encounter, make_user: Callable[..., User], role: str, agency_a: Agency
) -> None:
    user = make_user(role, agency_a if role == "agency_liaison" else None)
    c = client(user)
    assert c.get("/encounters/").status_code == 404
    assert c.get(f"/encounters/{encounter.pk}/").status_code == 404
    assert c.get("/encounters/funnel/").status_code == 404
    assert c.get("/api/encounters/").status_code == 404


@pytest.mark.parametrize("role", ["ice_program_manager", "oversight_auditor", "ice_supervisor"])
def test_program_staff_read_every_agency(
    encounter: Encounter, make_user: Callable[..., User], role: str
) -> None:
    c = client(make_user(role))
    assert c.get(f"/encounters/{encounter.pk}/").status_code == 200
    assert c.get("/api/encounters/").json()["count"] == 1
    assert c.post("/encounters/new/", {}).status_code == 404  # reading is not recording


def test_the_api_records_and_refuses_in_the_documented_shape(
    jem_officer: Officer, officer_user: User, jail: Facility
) -> None:
    c = client(officer_user)
    payload = {
        "function": "interview",
        "occurred_at": timezone.now().isoformat(),
        "origin": "booking",
        "facility": jail.pk,
        "family_name": "Okafor",
        "dates_of_birth": ["1990-02-03"],
        "charges": [{"offense_code": "0000", "severity": "felony"}],
    }
    refused = c.post("/api/encounters/", payload, content_type="application/json")
    assert refused.status_code == 400
    body = refused.json()["error"]
    assert body["code"] == "invalid"
    assert "unknown NCIC offense code" in body["fields"]["charges"][0]
    assert not Encounter.objects.exists()
    payload["charges"] = [{"offense_code": "1313", "severity": "felony"}]
    created = c.post("/api/encounters/", payload, content_type="application/json")
    assert created.status_code == 201, created.json()
    assert created.json()["priority_level"] == "1"
    assert created.json()["charges"][0]["offense_category"] == "Assault"


def test_the_funnel_counts_recorded_steps_by_level_and_severity(
    jem_officer: Officer, officer_user: User, jail: Facility, make_user: Callable[..., User]
) -> None:
    from access.enforcement.actions import ChargeInput

    for code, severity in [("0999", "felony"), ("5499", "infraction"), ("5499", "infraction")]:
        actions.record_encounter(
            officer_user,
            encounter_input(facility_id=jail.pk, charges=[ChargeInput(code, severity)]),
        )
    rows = funnel.compute(Encounter.objects.all())
    encountered = rows[0]
    assert encountered.total == 3
    assert encountered.by_level == {"1": 1, "2": 0, "3": 2}
    assert encountered.by_severity == {"felony": 1, "misdemeanor": 0, "infraction": 2}
    assert encountered.lowest_level_share == round(2 / 3, 3)
    assert rows[1].total == 0  # nothing searched: the store is empty
    manager = client(make_user("ice_program_manager"))
    page = manager.get("/encounters/funnel/")
    assert page.status_code == 200
    assert b"chart-funnel" in page.content
    csv = manager.get("/encounters/funnel/?export=csv")
    assert csv.status_code == 200
    lines = csv.content.decode().splitlines()
    assert lines[1].startswith("Encountered,1,0,2,1,0,2,3,")
    assert AuditEvent.objects.filter(action="encounter.funnel_exported").count() == 1


def test_another_app_registers_a_funnel_step(
    jem_officer: Officer, officer_user: User, jail: Facility
) -> None:
    actions.record_encounter(officer_user, encounter_input(facility_id=jail.pk))
    installed = funnel._STAGES.get("detainer_issued")
    try:
        funnel.register_stage(
            "detainer_issued", "Detainer issued", lambda rows: rows.filter(priority_level="3"), 40
        )
        rows = funnel.compute(Encounter.objects.all())
        labels = [row.stage.label for row in rows]
        # Placed by its order: after identification, before the removal (this app's last).
        assert labels.index("Detainer issued") == 3
        assert labels[-1] == "Removed"
        assert "Detainer issued" not in funnel.missing_stages()
    finally:  # put back what the detention app registered
        if installed is None:
            funnel._STAGES.pop("detainer_issued", None)
        else:
            funnel._STAGES["detainer_issued"] = installed
