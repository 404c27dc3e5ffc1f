"""Screening a roster on the job worker (contract; the screening work fills this in).

``screen(roster_id, progress=None)`` runs synchronously (the worker's ``tasks.screen_roster``
calls it; the CLI calls it with a progress bar): it screens the roster's bookings in chunks
through the records front door, stores ``ScreeningCandidate`` rows, updates the roster's
``progress_done``/``progress_total`` at least every 2 seconds, stops when ``cancel_requested``
is set, and returns the roster.
"""

from __future__ import annotations

from collections.abc import Callable

from access.cap.models import Roster

Progress = Callable[[int, int], None]  # (done, total)


def screen(roster_id: int, *, progress: Progress | None = None) -> Roster:
    raise NotImplementedError("screening is built on the capscreen branch")
