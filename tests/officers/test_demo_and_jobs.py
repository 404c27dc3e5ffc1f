"""Demo officers in every state; the scheduled expiry job."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from access.core.actors import SystemActor
from access.officers import authority
from access.officers.choices import OfficerStatus
from access.officers.demo import seed_demo_officers
from access.officers.models import Authorization, Officer

pytestmark = pytest.mark.django_db


def test_demo_officers_cover_every_state(make_user: Any, agency_a: Any) -> None:
    for role in ("ice_field_agent", "ice_program_manager", "ice_supervisor"):
        make_user(role)
    make_user("agency_liaison", agency_a)
    created = seed_demo_officers(SystemActor("demo"))
    assert len(created) == 30
    states = Counter(Officer.objects.values_list("status", flat=True))
    assert set(states) == set(OfficerStatus.values())
    assert states["disqualified"] == 1 and states["suspended"] == 1
    within_30_days = timezone.localdate() + timedelta(days=30)
    soon = Authorization.objects.filter(
        officer__status="authorized", ended_at__isnull=True, valid_until__lte=within_30_days
    )
    assert soon.count() == 3
    allowed = [
        o for o in Officer.objects.filter(status="authorized") if authority.functions_allowed(o)
    ]
    assert allowed, "authorized demo officers may act today"


def test_the_scheduled_job_runs_the_expiry_check(walk: Any) -> None:
    from access.officers.tasks import check_officer_authorizations

    officer = walk("authorized")
    assert check_officer_authorizations.call() == {"lapsed": []}
    assert Officer.objects.get(pk=officer.pk).status == "authorized"


def test_work_queues_over_the_demo(make_user: Any, agency_a: Any) -> None:
    from access.officers import queues

    for role in ("ice_field_agent", "ice_program_manager", "ice_supervisor"):
        make_user(role)
    make_user("agency_liaison", agency_a)
    seed_demo_officers(SystemActor("demo"))
    everyone = Officer.objects.all()
    assert queues.waiting_on_ice(everyone).count() == 2
    assert queues.authorizations_ending(everyone, 30).count() == 3
    assert queues.authorizations_ending(everyone, 60).count() == 3
    assert queues.disqualified(everyone).count() == 1
    assert not queues.without_supervisor(everyone).exists()
    due = queues.refreshers_due(everyone, within_days=30)
    assert due and all(until <= timezone.localdate() + timedelta(days=30) for _, until in due)
