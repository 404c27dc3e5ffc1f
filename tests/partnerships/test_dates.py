"""Date rules of intake: meetings within a sensible window, milestones not before the plan."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from tests.partnerships.test_intake import _assessing, people  # noqa: F401 (fixture)

from access.audit.models import AuditEvent
from access.partnerships import actions
from access.partnerships.models import AssessmentMeeting, Milestone


def _iso(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


@pytest.mark.parametrize(
    ("held_on", "message"),
    [
        ("2099-01-01", "more than two years ahead"),
        ("1999-01-01", "more than a year in the past"),
    ],
)
def test_a_meeting_outside_the_window_is_refused(people, ice_office, held_on, message):  # noqa: F811
    req = _assessing(people, ice_office)
    events = AuditEvent.objects.count()
    response = people["agent"].post(
        f"/requests/{req.pk}/meetings/new/", {"held_on": held_on, "attendees": "Sheriff"}
    )
    assert response.status_code == 400
    assert message in response.context["form"].errors["held_on"][0]
    assert not AssessmentMeeting.objects.exists() and AuditEvent.objects.count() == events
    with pytest.raises(ValidationError, match=message):
        actions.record_meeting(
            people["agent_user"],
            req,
            held_on=timezone.datetime.fromisoformat(held_on).date(),
            attendees="Sheriff",
        )
    assert not AssessmentMeeting.objects.exists()


def test_a_meeting_next_month_is_accepted(people, ice_office):  # noqa: F811
    req = _assessing(people, ice_office)
    response = people["agent"].post(
        f"/requests/{req.pk}/meetings/new/", {"held_on": _iso(30), "attendees": "Sheriff"}
    )
    assert response.status_code == 302 and AssessmentMeeting.objects.count() == 1


def test_a_milestone_before_the_plan_is_refused(people, ice_office):  # noqa: F811
    req = _assessing(people, ice_office)
    agent = people["agent"]
    agent.post(f"/requests/{req.pk}/plan/", {"objectives": "Screen bookings."})
    owner = people["agent_user"].pk
    response = agent.post(
        f"/requests/{req.pk}/plan/milestones/new/",
        {"title": "Nominate officers", "owner": owner, "due_on": "1999-01-15"},
    )
    assert response.status_code == 400
    assert "before the plan of action began" in response.context["form"].errors["due_on"][0]
    far = agent.post(
        f"/requests/{req.pk}/plan/milestones/new/",
        {"title": "Nominate officers", "owner": owner, "due_on": "2099-01-15"},
    )
    assert far.status_code == 400 and "five years ahead" in far.context["form"].errors["due_on"][0]
    assert not Milestone.objects.exists()
    with pytest.raises(ValidationError, match="before the plan of action began"):
        actions.add_milestone(
            people["agent_user"],
            req,
            title="x",
            owner=people["agent_user"],
            due_on=timezone.localdate() - timedelta(days=400),
        )
    assert not Milestone.objects.exists()
    ok = agent.post(
        f"/requests/{req.pk}/plan/milestones/new/",
        {"title": "Nominate officers", "owner": owner, "due_on": _iso(60)},
    )
    assert ok.status_code == 302 and Milestone.objects.count() == 1
