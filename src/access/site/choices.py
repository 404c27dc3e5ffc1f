"""Status values of the demo population load, with USWDS tag colours."""

from __future__ import annotations

from access.core.choices import ChoiceSet


class LoadStatus(ChoiceSet):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CHOICES = [
        (QUEUED, "Queued", "bg-base"),
        (RUNNING, "Running", "bg-accent-warm-darker"),
        (DONE, "Done", "bg-green"),
        (FAILED, "Failed", "bg-secondary-dark"),
    ]
