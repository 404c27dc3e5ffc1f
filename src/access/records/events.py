"""The records app's audit events."""

from __future__ import annotations

from access.audit.registry import EventSet


class Event(EventSet):
    LOADED = "records.loaded"
    REINDEXED = "records.reindexed"
    ONLINE_PUBLISHED = "records.online_published"
    ONLINE_WITHDRAWN = "records.online_withdrawn"
    RECORD_VIEWED = "record.viewed"
    MODEL_TRAINED = "matching_model.trained"
    MODEL_CALIBRATED = "matching_model.calibrated"
    MODEL_EVALUATED = "matching_model.evaluated"
    MODEL_ACTIVATED = "matching_model.activated"
    MODEL_RETIRED = "matching_model.retired"
    MODEL_DRIFT_ALERTED = "matching_model.drift_alerted"
    CHOICES = [
        (LOADED, "Person records loaded", ""),
        (REINDEXED, "Candidate index rebuilt", ""),
        (ONLINE_PUBLISHED, "Online store published", ""),
        (ONLINE_WITHDRAWN, "Online store withdrawn", ""),
        (RECORD_VIEWED, "Person record viewed", ""),
        (MODEL_TRAINED, "Matching model trained", ""),
        (MODEL_CALIBRATED, "Matching model calibrated", ""),
        (MODEL_EVALUATED, "Matching model evaluated", ""),
        (MODEL_ACTIVATED, "Matching model activated", ""),
        (MODEL_RETIRED, "Matching model retired", ""),
        (MODEL_DRIFT_ALERTED, "Program managers alerted: bands differ from decisions", ""),
    ]
