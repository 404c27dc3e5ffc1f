"""The inquiries app's audit events (LESC inquiries, case registers, misuse rules)."""

from __future__ import annotations

from access.audit.registry import EventSet
from access.inquiries.message import PURPOSE_CODES


class Event(EventSet):
    SUBMITTED = "inquiry.submitted"
    DETAILS_RECORDED = "inquiry.details_recorded"
    VIEWED = "inquiry.viewed"
    SEARCHED = "inquiry.searched"
    LIST_VIEWED = "inquiry.list_viewed"
    CANDIDATE_VIEWED = "inquiry.candidate_viewed"
    CITIZENSHIP_STOP = "inquiry.citizenship_stop"
    IAR_ISSUED = "inquiry.iar_issued"
    DECIDED = "inquiry.decided"
    IAR_VIEWED = "inquiry.iar_viewed"
    CONFIRMATION_ESCALATED = "inquiry.confirmation_escalated"
    CASE_CREATE = "agencycase.create"
    CASE_CLOSE = "agencycase.close"
    CASE_IMPORT = "agencycase.import"
    RULE_CREATE = "misuserule.create"
    RULE_DEACTIVATE = "misuserule.deactivate"
    FLAG_CLOSE = "misuseflag.close"
    FLAG_DENIALS = "misuseflag.denials"
    # How the coded values these events record read in the audit trail.
    VALUES = {"purpose_code": PURPOSE_CODES}
    CHOICES = [
        (SUBMITTED, "Inquiry submitted", ""),
        (DETAILS_RECORDED, "Missing reason and case number recorded; inquiry searched", ""),
        (VIEWED, "Inquiry viewed", ""),
        (SEARCHED, "Queued inquiry searched with the new matching model", ""),
        (LIST_VIEWED, "Inquiry list viewed", ""),
        (CANDIDATE_VIEWED, "Candidate record opened beside the inquiry", ""),
        (CITIZENSHIP_STOP, "Stopped for a supervisor: U.S. citizenship indicated", ""),
        (IAR_ISSUED, "Response (IAR) issued", ""),
        (DECIDED, "Supervisor decided a citizenship stop", ""),
        (IAR_VIEWED, "Response (IAR) read", ""),
        (CONFIRMATION_ESCALATED, "Overdue hit confirmation escalated to supervisors", ""),
        (CASE_CREATE, "Case added to the register", ""),
        (CASE_CLOSE, "Case closed", ""),
        (CASE_IMPORT, "Cases imported", ""),
        (RULE_CREATE, "Misuse rule added", ""),
        (RULE_DEACTIVATE, "Misuse rule turned off", ""),
        (FLAG_CLOSE, "Misuse flag closed", ""),
        (FLAG_DENIALS, "Misuse flag raised: a user refused again and again", ""),
    ]
