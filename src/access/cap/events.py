"""The CAP app's audit events. Each helper area keeps its own block; labels say what happened."""

from __future__ import annotations

from access.audit.registry import EventSet


class Event(EventSet):
    # Facilities and teams
    CHANGE_FACILITY = "cap.change_facility"
    # Rosters
    RECEIVE_ROSTER = "cap.receive_roster"
    # Screening
    SCREEN_ROSTER = "cap.screen_roster"
    CANCEL_SCREENING = "cap.cancel_screening"
    REQUEUE_SCREENING = "cap.requeue_screening"
    # Queue, review, interviews
    VIEW_CANDIDATE = "cap.view_candidate"
    VIEW_BOOKING = "cap.view_booking"
    VIEW_RESULTS = "cap.view_results"
    EXPORT = "cap.export"
    VERIFY = "cap.verify"
    REJECT = "cap.reject"
    STOP = "cap.stop"
    DECIDE_STOP = "cap.decide_stop"
    REFER = "cap.refer"
    SCHEDULE_INTERVIEW = "cap.schedule_interview"
    RECORD_INTERVIEW = "cap.record_interview"
    RECORD_ENCOUNTER = "cap.record_encounter"
    CHOICES = [
        (CHANGE_FACILITY, "A facility's CAP settings changed", ""),
        (RECEIVE_ROSTER, "A booking roster received and queued for screening", ""),
        (SCREEN_ROSTER, "A roster screened against the person records", ""),
        (CANCEL_SCREENING, "A roster's screening cancelled", ""),
        (REQUEUE_SCREENING, "A roster queued to be screened again", ""),
        (VIEW_CANDIDATE, "A screening candidate viewed", ""),
        (VIEW_BOOKING, "A booked person viewed", ""),
        (VIEW_RESULTS, "A roster's screening results (its booked people) viewed", ""),
        (EXPORT, "Screening results exported", ""),
        (VERIFY, "A screening candidate verified by a CAP officer", ""),
        (REJECT, "A screening candidate rejected", ""),
        (STOP, "Screening stopped for a possible U.S. citizen", ""),
        (DECIDE_STOP, "A supervisor decided a citizenship stop in screening", ""),
        (REFER, "A booked person referred for interview", ""),
        (SCHEDULE_INTERVIEW, "An interview scheduled", ""),
        (RECORD_INTERVIEW, "An interview's outcome recorded", ""),
        (RECORD_ENCOUNTER, "A removable interview outcome recorded as an encounter", ""),
    ]
