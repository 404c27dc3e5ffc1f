"""The enforcement app's declared audit events."""

from __future__ import annotations

from access.audit.registry import EventSet


class Event(EventSet):
    RECORDED = "encounter.recorded"
    SEARCHED = "encounter.searched"
    CANDIDATE_VIEWED = "encounter.candidate_viewed"
    VERIFIED = "encounter.verified"
    CONFIRMED = "encounter.confirmed"
    NOT_IDENTIFIED = "encounter.not_identified"
    CITIZENSHIP_STOP = "encounter.citizenship_stop"
    DECIDED = "encounter.decided"
    STEP_RECORDED = "encounter.step_recorded"
    REMOVAL_RECORDED = "encounter.removal_recorded"
    VIEWED = "encounter.viewed"
    FUNNEL_EXPORTED = "encounter.funnel_exported"
    CHOICES = [
        (RECORDED, "Encounter recorded", ""),
        (SEARCHED, "Encounter subject searched", ""),
        (CANDIDATE_VIEWED, "Encounter candidate record compared", ""),
        (VERIFIED, "Candidate verified by the officer", ""),
        (CONFIRMED, "Identification confirmed by an ICE supervisor", ""),
        (NOT_IDENTIFIED, "No candidate identified", ""),
        (CITIZENSHIP_STOP, "Encounter stopped for U.S. citizenship", ""),
        (DECIDED, "Encounter citizenship stop decided", ""),
        (STEP_RECORDED, "Encounter step recorded", ""),
        (REMOVAL_RECORDED, "Removal of the encounter's subject recorded", ""),
        (VIEWED, "Encounter viewed", ""),
        (FUNNEL_EXPORTED, "Enforcement funnel exported", ""),
    ]
