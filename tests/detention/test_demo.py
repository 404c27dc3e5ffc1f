"""The demo loader leaves a detainer in every state, one within 4 hours of its deadline."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from access.core.actors import SystemActor
from access.detention.choices import DetainerStatus
from access.detention.demo import seed_demo_detainers
from access.detention.models import Detainer


def test_demo_detainers(jem_officer: Any, jail: Any) -> None:
    made = seed_demo_detainers(SystemActor("demo test"))
    assert len(made) == 8
    statuses = set(Detainer.objects.values_list("status", flat=True))
    assert statuses == set(DetainerStatus.values())
    now = timezone.now()
    running = Detainer.objects.filter(status=DetainerStatus.HOLDING)
    assert running.filter(overdue_since__isnull=False).count() >= 1
    # Within 4 hours of the deadline, unless now+3 h falls on an excluded day (no business
    # deadline can fall there): then it is already overdue and flagged.
    near = running.filter(deadline__gt=now, deadline__lte=now + timedelta(hours=4))
    assert near.count() == 1 or running.filter(overdue_since__isnull=False).count() == 2
