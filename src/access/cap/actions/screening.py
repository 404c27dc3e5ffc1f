"""Queueing and cancelling a roster's screening (contract; the screening work fills in cancel)."""

from __future__ import annotations

from django.db import transaction

from access.cap.models import Roster


def queue_screening(roster: Roster) -> None:
    """Queue the roster for the job worker once the transaction that stored it commits."""
    from access.cap.tasks import screen_roster

    transaction.on_commit(lambda: screen_roster.enqueue(roster.pk))
