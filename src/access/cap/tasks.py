"""CAP jobs, run by the tasks worker: screening a roster (queued when the roster arrives)."""

from __future__ import annotations

from django_tasks import task


@task()
def screen_roster(roster_id: int) -> int:
    """Screen one roster's bookings against the person records; returns the bookings screened."""
    from access.cap.screening import screen

    return screen(roster_id).progress_done
