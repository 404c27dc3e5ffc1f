"""Date rules of the intake steps, shared by the forms and the actions (the API path too).

Each check raises ``ValidationError`` keyed by the field, with a message that says the rule.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

# A meeting is recorded after it was held or scheduled ahead; a year back covers a late entry,
# two years ahead covers any planning horizon. Outside that the date is a typing mistake.
MEETING_PAST = timedelta(days=365)
MEETING_AHEAD = timedelta(days=2 * 365)
# A milestone falls due after the plan was written and within a plan's life.
MILESTONE_AHEAD = timedelta(days=5 * 365)


def check_meeting_date(held_on: date, today: date | None = None) -> None:
    today = today or timezone.localdate()
    if held_on < today - MEETING_PAST:
        raise ValidationError(
            {
                "held_on": f"A meeting date cannot be more than a year in the past "
                f"(the earliest is {today - MEETING_PAST:%Y-%m-%d})."
            }
        )
    if held_on > today + MEETING_AHEAD:
        raise ValidationError(
            {
                "held_on": f"A meeting cannot be scheduled more than two years ahead "
                f"(the latest is {today + MEETING_AHEAD:%Y-%m-%d})."
            }
        )


def check_milestone_due(due_on: date, plan_start: date, today: date | None = None) -> None:
    today = today or timezone.localdate()
    if due_on < plan_start:
        raise ValidationError(
            {
                "due_on": "A milestone cannot fall due before the plan of action began "
                f"({plan_start:%Y-%m-%d})."
            }
        )
    latest = max(today, plan_start) + MILESTONE_AHEAD
    if due_on > latest:
        raise ValidationError(
            {
                "due_on": f"A milestone cannot fall due more than five years ahead ({latest:%Y-%m-%d})."
            }
        )
