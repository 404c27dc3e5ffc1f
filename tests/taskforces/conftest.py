"""Task-force fixtures: the officers app's people and its walk along the path (an authorized
officer of agency A), and a task force led by agency A with the field agent as ICE lead."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from tests.officers.conftest import (  # noqa: F401  (fixtures shared with the officers tests)
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

from access.agencies.models import Agency
from access.partnerships.models import PartnershipType
from access.taskforces.actions import charter
from access.taskforces.models import TaskForce


def charter_for(agency: Agency, lead: Any = None, **overrides: Any) -> charter.Charter:
    today = timezone.localdate()
    values: dict[str, Any] = {
        "name": "Alpha County Gang Task Force",
        "partnership_type": PartnershipType.objects.get(code="tf_gangs"),
        "challenge": "gangs",
        "area": "Alpha County",
        "lead_agency": agency,
        "starts_on": today - timedelta(days=30),
        "review_on": today + timedelta(days=335),
        "ice_lead": lead,
        "community_shield": True,
        "objectives": [("Dismantle two violent gangs", "Gang leaders charged")],
    }
    values.update(overrides)
    return charter.Charter(**values)


@pytest.fixture
def task_force(manager: Any, agent: Any, agency_a: Agency) -> TaskForce:  # noqa: F811
    return charter.open_task_force(manager, charter_for(agency_a, agent))


@pytest.fixture
def officer_a(walk: Callable[..., Any]) -> Any:  # noqa: F811
    """An authorized 287(g) officer (Jail Enforcement Model) of agency A."""
    return walk("authorized")
