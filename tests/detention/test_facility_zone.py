"""A facility's time zone: from the agency's state where the state has one clock, editable."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from access.agencies.actions import save_facility
from access.agencies.models import Agency, Facility
from access.audit.models import AuditEvent
from access.core.actors import SystemActor

ACTOR = SystemActor("facility zone tests")


def test_a_single_zone_state_gives_the_default(make_agency: Callable[..., Agency]) -> None:
    agency = make_agency(state="AZ", county_fips="04013", ori="AZ0070000")
    facility = save_facility(ACTOR, Facility(agency=agency), name="Lower Buckeye Jail")
    assert Facility.objects.get(pk=facility.pk).time_zone == "America/Phoenix"
    created = AuditEvent.objects.filter(action="facility.create", object_id=str(facility.pk))
    assert created.get().after["time_zone"] == "America/Phoenix"


def test_a_state_with_two_zones_is_left_for_staff(make_agency: Callable[..., Agency]) -> None:
    florida = make_agency()  # Florida: Eastern, and Central in the panhandle
    facility = save_facility(ACTOR, Facility(agency=florida), name="Main Jail")
    assert facility.time_zone == ""


def test_staff_choose_the_zone(make_agency: Callable[..., Agency], db: Any) -> None:
    florida = make_agency()
    facility = save_facility(
        ACTOR, Facility(agency=florida), name="Panhandle Jail", time_zone="America/Chicago"
    )
    save_facility(ACTOR, facility, time_zone="America/New_York")
    assert Facility.objects.get(pk=facility.pk).time_zone == "America/New_York"
