"""Fixtures for the step from a removable interview outcome to an encounter and a detainer:
the queue's CAP officer sworn under a CAP agreement with the jail's agency (the officers
app's own path), and a candidate verified, referred and interviewed (the CAP actions).
Import them with the officers' fixtures they rest on (``OFFICER_FIXTURES``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from tests.officers.conftest import make_agreement

from access.accounts.models import User
from access.agencies.models import Agency, Facility
from access.agreements.models import Agreement
from access.cap.actions import queue as actions
from access.cap.models import ScreeningCandidate
from access.officers.models import Officer


@pytest.fixture
def cap_agreement(agency_a: Agency) -> Agreement:
    return make_agreement(agency_a, "cap_team")


@pytest.fixture
def sworn(walk: Callable[..., Officer], cap_agreement: Agreement, q_officer: User) -> Officer:
    """The queue's CAP officer, authorized under the CAP agreement of the jail's agency."""
    officer = walk("authorized", on=cap_agreement)
    Officer.objects.filter(pk=officer.pk).update(user=q_officer)
    officer.refresh_from_db()
    return officer


def interviewed(candidate: ScreeningCandidate, officer: User, outcome: str = "removable") -> Any:
    """Verify (dates of birth checked), refer, schedule and hold the interview."""
    Facility.objects.filter(pk=candidate.booking.facility.facility_id).update(
        time_zone="America/New_York"
    )
    actions.view_candidate(officer, candidate)
    actions.verify(officer, candidate, fields_checked=["date_of_birth", "photograph"])
    candidate = ScreeningCandidate.objects.get(pk=candidate.pk)
    actions.refer(officer, candidate)
    candidate = ScreeningCandidate.objects.get(pk=candidate.pk)
    interview = actions.schedule_interview(
        officer,
        candidate,
        mode="in_person",
        scheduled_for=timezone.now() + timedelta(minutes=30),
        interpreter_language="Spanish",
    )
    actions.record_interview(officer, interview, held_at=timezone.now(), outcome=outcome)
    return ScreeningCandidate.objects.get(pk=candidate.pk)


@pytest.fixture
def removable(q_candidate: ScreeningCandidate, q_officer: User) -> ScreeningCandidate:
    return interviewed(q_candidate, q_officer)
