"""The intelligence app's audit events: entry, every view, validation, queueing for review,
purge, every release outside the task force, and refusals."""

from __future__ import annotations

from access.audit.registry import EventSet


class Event(EventSet):
    SUBMIT = "intelligence.submit"
    VIEW = "intelligence.view"
    VALIDATE = "intelligence.validate"
    QUEUE_REVIEW = "intelligence.queue_review"
    PURGE = "intelligence.purge"
    RELEASE = "intelligence.release"
    EXPORT_RELEASES = "release.export"  # core list view: "<model>.export"
    CHOICES = [
        (SUBMIT, "A criminal intelligence record entered", ""),
        (VIEW, "A criminal intelligence record viewed", ""),
        (VALIDATE, "A criminal intelligence record validated again", ""),
        (QUEUE_REVIEW, "A criminal intelligence record queued for review", ""),
        (PURGE, "A criminal intelligence record purged", ""),
        (RELEASE, "A criminal intelligence record released outside its task force", ""),
        (EXPORT_RELEASES, "The intelligence release log exported", ""),
    ]
