"""The demo records: seeded for the two demo task forces, some near their review date and
queued, one due today; nothing (and no error) when the task-force demo has not run."""

from __future__ import annotations

import datetime as dt

from access.core.actors import SystemActor
from access.intelligence.demo import FRAUD, GANGS, seed_demo_intelligence
from access.intelligence.models import IntelligenceRecord, Release
from access.messaging.models import Notification

DEMO = SystemActor("test: demo")
TODAY = dt.date(2026, 12, 3)


def test_nothing_is_seeded_without_the_demo_task_forces(db):
    assert seed_demo_intelligence(DEMO, today=TODAY) == []
    assert IntelligenceRecord.objects.count() == 0


def test_the_demo_records(make_task_force, agency_a, make_user, lead):
    make_user("ice_field_agent", username="agent")
    gangs = make_task_force(GANGS, agency_a)
    make_task_force(FRAUD, agency_a, code="tf_fraud")
    records = seed_demo_intelligence(DEMO, today=TODAY)
    assert len(records) == 5
    assert {r.task_force.name for r in records} == {GANGS, FRAUD}
    due = [r for r in IntelligenceRecord.objects.all() if r.review_due == TODAY]
    assert len(due) == 1 and due[0].task_force == gangs
    queued = IntelligenceRecord.objects.exclude(queued_for_review_on=None)
    assert queued.count() == 3  # due today, in 20 days, in 75 days
    assert Release.objects.count() == 1
    assert all(r.not_solely_protected_activity and r.reasonable_suspicion for r in records)
    # The lead fixture leads the fixture task force, not the demo ones: nobody to tell here.
    assert not Notification.objects.filter(recipient=lead).exists()
