"""Where a detainer's release time may come from besides the officer typing it.

Another app that knows when a person held at a facility is due for release (the CAP app's
booking rosters) registers a source at start-up; detention imports none of them (imports point
down). The issue page offers the time as the form's release time when the clock may start from
it now (``actions.RELEASE_LEEWAY``); a later one is shown as a note, to be recorded when due.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from access.enforcement.models import Encounter

Source = Callable[[Encounter], datetime | None]
_SOURCES: list[Source] = []


def register(source: Source) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def expected_release(encounter: Encounter) -> datetime | None:
    """The first registered source's release time for the encounter's subject, if any."""
    for source in _SOURCES:
        found = source(encounter)
        if found is not None:
            return found
    return None
