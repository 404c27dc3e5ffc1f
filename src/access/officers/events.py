"""The officers app's audit events."""

from __future__ import annotations

from access.audit.registry import EventSet
from access.officers.choices import OfficerStatus


class Event(EventSet):
    NOMINATE = "officer.nominate"
    BULK_NOMINATE = "officer.bulk_nominate"
    RECORD_EXAM = "officer.record_exam"
    ASSIGN_SUPERVISOR = "officer.assign_supervisor"
    EXPORT = "officer.export"
    PRINT = "officer.print"
    REPORT_DISCIPLINARY = "officer.report_disciplinary"
    ACKNOWLEDGE_DISCIPLINARY = "officer.acknowledge_disciplinary"
    EXPIRY_CHECK = "officer.expiry_check"
    LINK_ACCOUNT = "officer.link_account"
    # Training classes (officers/training.py).
    CLASS_SCHEDULE = "officer.class_schedule"
    CLASS_START = "officer.class_start"
    CLASS_COMPLETE = "officer.class_complete"
    CLASS_CANCEL = "officer.class_cancel"
    CLASS_ENROL = "officer.class_enrol"
    CLASS_ATTENDANCE = "officer.class_attendance"
    CLASS_SCORES = "officer.class_scores"
    # One per step of the path: ``officer.<transition name>``.
    CLEAR_CHECK = "officer.clear_check"
    REJECT_CHECK = "officer.reject_check"
    DISQUALIFY = "officer.disqualify"
    LIFT_DISQUALIFICATION = "officer.lift_disqualification"
    CERTIFY = "officer.certify"
    AUTHORIZE = "officer.authorize"
    RENEW = "officer.renew"
    LAPSE = "officer.lapse"
    SUSPEND = "officer.suspend"
    REINSTATE = "officer.reinstate"
    REVOKE = "officer.revoke"
    WITHDRAW = "officer.withdraw"
    # How the coded values these events record read in the audit trail.
    VALUES = {"from": OfficerStatus, "to": OfficerStatus}
    CHOICES = [
        (NOMINATE, "Officer nominated", ""),
        (BULK_NOMINATE, "Officers nominated from a roster file", ""),
        (RECORD_EXAM, "Exam result recorded", ""),
        (ASSIGN_SUPERVISOR, "ICE supervisor assigned", ""),
        (EXPORT, "Officer list exported", ""),
        (PRINT, "Certificate or authorization letter printed (PDF)", ""),
        (REPORT_DISCIPLINARY, "Disciplinary event reported by the agency", ""),
        (ACKNOWLEDGE_DISCIPLINARY, "Disciplinary report acknowledged by ICE", ""),
        (EXPIRY_CHECK, "Daily officer authorization expiry check", ""),
        (LINK_ACCOUNT, "Officer record linked to (or unlinked from) the officer's account", ""),
        (CLASS_SCHEDULE, "Training class scheduled", ""),
        (CLASS_START, "Training class started", ""),
        (CLASS_COMPLETE, "Training class completed", ""),
        (CLASS_CANCEL, "Training class cancelled", ""),
        (CLASS_ENROL, "Officers enrolled in a training class", ""),
        (CLASS_ATTENDANCE, "Class attendance recorded", ""),
        (CLASS_SCORES, "Class exam scores recorded", ""),
        (CLEAR_CHECK, "ICE background check cleared", ""),
        (REJECT_CHECK, "ICE background check rejected", ""),
        (DISQUALIFY, "Disqualified after a failed retake", ""),
        (LIFT_DISQUALIFICATION, "Disqualification lifted", ""),
        (CERTIFY, "Officer certified", ""),
        (AUTHORIZE, "Officer authorized", ""),
        (RENEW, "Authorization renewed", ""),
        (LAPSE, "Authorization expired", ""),
        (SUSPEND, "Officer suspended", ""),
        (REINSTATE, "Officer reinstated", ""),
        (REVOKE, "Officer's authority revoked", ""),
        (WITHDRAW, "Nomination withdrawn by the agency", ""),
    ]

    @classmethod
    def transition(cls, name: str) -> str:
        return cls.named(f"officer.{name}")
