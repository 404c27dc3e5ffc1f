"""Officer fixtures: an agreement in force, the people of each role, and a walk along the path."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from access.agencies.models import Agency
from access.agreements.choices import AgreementStatus
from access.agreements.models import Agreement
from access.core.actors import SystemActor, bound_actor
from access.officers import actions
from access.officers.models import Course, Officer
from access.partnerships.models import PartnershipType

FIXTURE_ACTOR = SystemActor("officer fixtures")


def make_agreement(agency: Agency, code: str = "287g_jem", **fields: Any) -> Agreement:
    """An agreement already in force (the agreements app's own path is tested there)."""
    values: dict[str, Any] = {
        "status": AgreementStatus.ACTIVE,
        "officer_limit": 5,
        "effective_on": date(2025, 1, 1),
        "expires_on": timezone.localdate() + timedelta(days=700),
        **fields,
    }
    with bound_actor(FIXTURE_ACTOR):
        return Agreement.objects.create(
            agency=agency, partnership_type=PartnershipType.objects.get(code=code), **values
        )


def set_agreement_status(agreement: Agreement, status: str) -> None:
    Agreement.objects.filter(pk=agreement.pk).update(status=status)


def nomination(**overrides: Any) -> dict[str, Any]:
    today = timezone.localdate()
    data: dict[str, Any] = {
        "first_name": "Jordan",
        "last_name": "Lee",
        "badge_number": "B-100",
        "position": "Detention deputy",
        "hired_on": today - timedelta(days=2000),
        "citizenship_attested": True,
        "agency_check_on": today - timedelta(days=60),
        "agency_check_result": "passed",
        "disciplinary_history": "",
        "excessive_force_allegations": False,
        "discrimination_allegations": False,
    }
    data.update(overrides)
    return data


def check_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "fingerprints_submitted_on": timezone.localdate() - timedelta(days=40),
        "fingerprint_result": "passed",
        "personal_history": "Reviewed; nothing of note.",
        "disciplinary_review": "No sustained complaints.",
    }
    data.update(overrides)
    return data


@pytest.fixture
def liaison(make_user: Callable[..., Any], agency_a: Agency) -> Any:
    return make_user("agency_liaison", agency_a, username="liaison.a")


@pytest.fixture
def agent(make_user: Callable[..., Any]) -> Any:
    return make_user("ice_field_agent", username="agent")


@pytest.fixture
def director(make_user: Callable[..., Any]) -> Any:
    return make_user("ice_field_office_director", username="director")


@pytest.fixture
def manager(make_user: Callable[..., Any]) -> Any:
    return make_user("ice_program_manager", username="manager")


@pytest.fixture
def supervisor(make_user: Callable[..., Any]) -> Any:
    return make_user("ice_supervisor", username="supervisor")


@pytest.fixture
def agreement(agency_a: Agency) -> Agreement:
    return make_agreement(agency_a)


@pytest.fixture
def people(
    liaison: Any, agent: Any, director: Any, manager: Any, supervisor: Any
) -> dict[str, Any]:
    return {
        "liaison": liaison,
        "agent": agent,
        "director": director,
        "manager": manager,
        "supervisor": supervisor,
    }


STATES = ["nominated", "cleared", "certified", "authorized"]


@pytest.fixture
def walk(people: dict[str, Any], agreement: Agreement) -> Callable[..., Officer]:
    """An officer walked along the path up to ``until`` (one of STATES)."""
    counter = {"n": 0}

    def make(until: str = "authorized", on: Agreement | None = None, **overrides: Any) -> Officer:
        counter["n"] += 1
        target = on or agreement
        overrides.setdefault("badge_number", f"W-{counter['n']:03d}")
        officer = actions.nominate(
            people["liaison"]
            if target.agency_id == people["liaison"].agency_id
            else people["manager"],
            agreement=target,
            reason="Assigned to the 287(g) unit",
            **nomination(**overrides),
        )
        if until == "nominated":
            return officer
        actions.record_background_check(
            people["agent"],
            officer,
            outcome="cleared",
            reason="Nothing disqualifying",
            **check_data(),
        )
        if until == "cleared":
            return Officer.objects.get(pk=officer.pk)
        course = Course.in_effect(
            target.partnership_type_id, timezone.localdate(), "initial"
        ).first()
        assert course is not None
        actions.record_exam(
            people["agent"],
            officer,
            course=course,
            taken_on=timezone.localdate() - timedelta(days=20),
            location="Charleston, SC",
            score=88,
            reason="Final exam",
        )
        actions.certify(people["agent"], officer, reason="Passed the basic course")
        if until == "certified":
            return Officer.objects.get(pk=officer.pk)
        functions = list(
            target.partnership_type.functions.values_list("code", flat=True).distinct()
        )
        actions.authorize(
            people["director"],
            officer,
            functions=functions,
            supervisor=people["supervisor"],
            reason="Completed training",
            valid_from=timezone.localdate() - timedelta(days=10),
        )
        return Officer.objects.get(pk=officer.pk)

    return make
