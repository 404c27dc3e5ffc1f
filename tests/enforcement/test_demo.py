"""The demo encounters: months of encounters at the demo agency, every level, a few stops."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from django.utils import timezone

from access.agencies.models import Facility
from access.core.actors import SystemActor, bound_actor
from access.enforcement.demo import seed_demo_encounters
from access.enforcement.models import Encounter
from access.officers.demo import seed_demo_officers

pytestmark = pytest.mark.django_db


def test_demo_encounters_span_months_levels_and_stops(make_user: Any, agency_a: Any) -> None:
    for role in ("ice_field_agent", "ice_program_manager", "ice_supervisor"):
        make_user(role)
    make_user("agency_liaison", agency_a)
    make_user("agency_officer", agency_a, username="officer")
    with bound_actor(SystemActor("demo")):
        Facility.objects.create(agency=agency_a, name="Alpha County Jail")
    seed_demo_officers(SystemActor("demo"))
    created = seed_demo_encounters(SystemActor("demo"))
    assert len(created) == 36
    levels = Counter(Encounter.objects.values_list("priority_level", flat=True))
    assert set(levels) == {"1", "2", "3"}
    severities = set(Encounter.objects.values_list("severity", flat=True))
    assert severities == {"felony", "misdemeanor", "infraction"}
    assert Encounter.objects.filter(citizenship_stop=True).count() == 3
    first = Encounter.objects.order_by("occurred_at").first()
    assert first is not None
    assert (timezone.now() - first.occurred_at).days > 90  # several months
