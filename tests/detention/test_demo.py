"""The demo loader leaves a detainer in every state, one within 4 hours of its deadline,
whenever it is seeded: weekdays, Friday evenings, weekends and around federal holidays."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from access.core.actors import SystemActor
from access.detention import clock
from access.detention.choices import DetainerStatus
from access.detention.demo import seed_demo_detainers, urgent_release
from access.detention.models import Detainer

NY = ZoneInfo("America/New_York")
FOUR_HOURS = timedelta(hours=4)


def _urgent(now: datetime) -> Detainer:
    """The running detainer whose deadline is nearest after ``now``."""
    running = Detainer.objects.filter(status=DetainerStatus.HOLDING, deadline__gt=now)
    found = running.order_by("deadline").first()
    assert found is not None and found.deadline is not None
    return found


def test_demo_detainers(jem_officer: Any, jail: Any) -> None:
    now = timezone.now()
    made = seed_demo_detainers(SystemActor("demo test"), now=now)
    assert len(made) == 8
    statuses = set(Detainer.objects.values_list("status", flat=True))
    assert statuses == set(DetainerStatus.values())
    running = Detainer.objects.filter(status=DetainerStatus.HOLDING)
    assert running.filter(overdue_since__isnull=False).count() == 1
    urgent = _urgent(now)
    assert urgent.deadline is not None
    left = clock.business_time_left(now, urgent.deadline, "America/New_York")
    assert timedelta(0) < left <= FOUR_HOURS


# (the moment of seeding in New York, the real time left to the urgent deadline at most 4 h?)
MOMENTS = [
    # A Friday evening: the hold runs until Saturday 00:00, two real hours ahead.
    (datetime(2026, 11, 20, 22, 0, tzinfo=NY), True),
    # Late on a Friday evening: Saturday 00:00 is too near; 3 hold hours end on Monday.
    (datetime(2026, 11, 20, 23, 30, tzinfo=NY), False),
    # A Saturday: the hold does not run; its 3 hours end early on Monday.
    (datetime(2026, 11, 21, 11, 0, tzinfo=NY), False),
    # The evening before Thanksgiving (Thursday 26 November 2026).
    (datetime(2026, 11, 25, 21, 0, tzinfo=NY), True),
    # Thanksgiving itself: the 3 hold hours end early on Friday.
    (datetime(2026, 11, 26, 15, 0, tzinfo=NY), False),
    # The evening before Independence Day observed (Friday 3 July 2026; the 4th is a
    # Saturday): the hold ends Friday 00:00 at the latest, or on Monday 6 July.
    (datetime(2026, 7, 2, 21, 30, tzinfo=NY), True),
    (datetime(2026, 7, 2, 23, 30, tzinfo=NY), False),
    # An ordinary Tuesday afternoon.
    (datetime(2026, 11, 17, 14, 0, tzinfo=NY), True),
]


@pytest.mark.parametrize(("now", "real_window"), MOMENTS)
def test_the_urgent_release_ends_within_four_hours_of_the_hold(
    now: datetime, real_window: bool
) -> None:
    release = urgent_release(now, "America/New_York")
    due = clock.deadline(release, "America/New_York")
    left = clock.business_time_left(now, due, "America/New_York")
    assert timedelta(hours=1) < left <= FOUR_HOURS
    real = clock.elapsed(now, due)
    assert (timedelta(hours=1) <= real <= FOUR_HOURS) is real_window
    assert release < now  # a release already past: the clock is running
    if not real_window:  # the deadline falls on the next business day's early hours
        local = due.astimezone(NY)
        assert clock.is_business_day(local.date()) and local.hour < 4


@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 11, 20, 22, 0, tzinfo=NY),  # Friday evening
        datetime(2026, 11, 21, 11, 0, tzinfo=NY),  # Saturday
        datetime(2026, 11, 25, 21, 0, tzinfo=NY),  # the day before Thanksgiving
    ],
)
def test_seeding_at_a_fixed_moment_leaves_one_detainer_near_its_deadline(
    jem_officer: Any, jail: Any, now: datetime
) -> None:
    seed_demo_detainers(SystemActor("demo test"), now=now)
    assert set(Detainer.objects.values_list("status", flat=True)) == set(DetainerStatus.values())
    urgent = _urgent(now)
    assert urgent.deadline is not None
    left = clock.business_time_left(now, urgent.deadline, urgent.time_zone)
    assert timedelta(0) < left <= FOUR_HOURS
    # The overdue one is flagged as of that moment, and only it.
    flagged = Detainer.objects.filter(overdue_since__isnull=False)
    assert list(flagged.values_list("overdue_since", flat=True)) == [now]


def test_the_demo_records_removals_in_past_months(
    jem_officer: Any, jail: Any, supervisor: Any
) -> None:
    """With an officer authorized for months, three subjects were removed after ICE assumed
    custody; the funnel's last step counts them."""
    from access.enforcement import funnel
    from access.enforcement.models import Encounter, EncounterStep
    from access.officers.models import (
        Authorization,
        Certification,
        ExamAttempt,
        SupervisorAssignment,
    )

    long_ago = timezone.localdate() - timedelta(days=200)
    Authorization.objects.filter(officer=jem_officer).update(valid_from=long_ago)
    Certification.objects.filter(officer=jem_officer).update(certified_on=long_ago)
    ExamAttempt.objects.filter(officer=jem_officer).update(taken_on=long_ago)
    start = timezone.now() - timedelta(days=200)
    SupervisorAssignment.objects.filter(officer=jem_officer).update(started_at=start)
    now = timezone.now()
    made = seed_demo_detainers(SystemActor("demo test"), now=now)
    assert len(made) == 11
    removals = EncounterStep.objects.filter(kind="removed").select_related("encounter")
    assert removals.count() == 3
    for step in removals:
        assert step.recorded_by == supervisor
        assert step.occurred_on <= timezone.localdate() - timedelta(days=7)
        detainer = step.encounter.detainers.get()
        assert detainer.status == DetainerStatus.CUSTODY_ASSUMED
    rows = {r.stage.key: r for r in funnel.compute(Encounter.objects.all())}
    assert rows["removed"].total == 3
    assert sum(rows["removed"].by_level.values()) == 3
