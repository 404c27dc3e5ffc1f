"""The detention app's declared audit events."""

from __future__ import annotations

from access.audit.registry import EventSet


class Event(EventSet):
    ISSUED = "detainer.issued"
    RELEASE_RECORDED = "detainer.release_recorded"
    CUSTODY_ASSUMED = "detainer.custody_assumed"
    RELEASED = "detainer.released"
    LIFTED = "detainer.lifted"
    DECLINED = "detainer.declined"
    ALERTED = "detainer.alerted"
    OVERDUE = "detainer.overdue"
    CLOCK_CHECK = "detainer.clock_check"
    EXPORT = "detainer.export"
    CHOICES = [
        (ISSUED, "Detainer issued", ""),
        (RELEASE_RECORDED, "Detainer release time recorded (hold clock started)", ""),
        (CUSTODY_ASSUMED, "Detainer outcome: ICE assumed custody", ""),
        (RELEASED, "Detainer outcome: released by the jail", ""),
        (LIFTED, "Detainer outcome: lifted by ICE", ""),
        (DECLINED, "Detainer outcome: declined by the jail", ""),
        (ALERTED, "Detainer hold clock alert sent", ""),
        (OVERDUE, "Detainer flagged overdue (hold deadline passed)", ""),
        (CLOCK_CHECK, "Detainer hold clock check", ""),
        (EXPORT, "Detainer list exported", ""),
    ]
