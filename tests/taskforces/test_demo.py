"""The task-force demo: two task forces (gangs in Community Shield, document fraud) with
members, objectives and operations, through the app's own actions."""

from __future__ import annotations

import pytest

from access.core.actors import SystemActor
from access.officers.demo import seed_demo_officers
from access.site.demo import load_demo
from access.taskforces import demo, rollups
from access.taskforces.models import Operation, TaskForce

pytestmark = pytest.mark.django_db
ACTOR = SystemActor("demo data")


def test_the_demo_task_forces_and_their_operations(db):
    load_demo(ACTOR)
    seed_demo_officers(ACTOR)
    made = demo.seed_demo_taskforces(ACTOR)
    assert [t.name for t in made] == [demo.GANGS, demo.FRAUD]
    gangs = TaskForce.objects.get(name=demo.GANGS)
    assert gangs.community_shield and gangs.status == "active"
    assert gangs.members.filter(officer__isnull=False).count() == 2
    assert gangs.objectives.count() == 2
    statuses = sorted(gangs.operations.values_list("status", flat=True))
    assert statuses == ["completed", "completed", "planned"]
    assert rollups.community_shield().operations == 1
    assert rollups.community_shield().arrests == 9
    fraud = TaskForce.objects.get(name=demo.FRAUD)
    assert not fraud.community_shield
    assert Operation.objects.filter(task_force=fraud, status="completed").count() == 1
    # Run again: nothing added.
    assert demo.seed_demo_taskforces(ACTOR) == []
    assert TaskForce.objects.count() == 2
