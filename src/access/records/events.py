"""The records app's audit events."""

from __future__ import annotations

from access.audit.registry import EventSet


class Event(EventSet):
    LOADED = "records.loaded"
    REINDEXED = "records.reindexed"
    ONLINE_PUBLISHED = "records.online_published"
    ONLINE_WITHDRAWN = "records.online_withdrawn"
    RECORD_VIEWED = "record.viewed"
    CHOICES = [
        (LOADED, "Person records loaded", ""),
        (REINDEXED, "Candidate index rebuilt", ""),
        (ONLINE_PUBLISHED, "Online store published", ""),
        (ONLINE_WITHDRAWN, "Online store withdrawn", ""),
        (RECORD_VIEWED, "Person record viewed", ""),
    ]
