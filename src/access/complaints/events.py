"""The complaints app's audit events."""

from __future__ import annotations

from access.audit.registry import EventSet


class Event(EventSet):
    FILE = "complaint.file"
    ASSIGN = "complaint.assign"
    SUSPEND_OFFICER = "complaint.suspend_officer"
    RESOLVE = "complaint.resolve"
    CLOCK_CHECK = "complaint.clock_check"
    CHOICES = [
        (FILE, "Complaint filed and referred to OPR", ""),
        (ASSIGN, "Complaint assigned to an OPR investigator", ""),
        (SUSPEND_OFFICER, "Officer's authority suspended while a complaint is pending", ""),
        (RESOLVE, "Complaint resolved and the complainant notified", ""),
        (CLOCK_CHECK, "Daily check of complaints against their 90-day clock", ""),
    ]
