"""Status values of an officer's path and of the records along it."""

from __future__ import annotations

from access.core.choices import ChoiceSet


class OfficerStatus(ChoiceSet):
    NOMINATED = "nominated"
    CLEARED = "cleared"
    REJECTED = "rejected"
    DISQUALIFIED = "disqualified"
    CERTIFIED = "certified"
    AUTHORIZED = "authorized"
    SUSPENDED = "suspended"
    LAPSED = "lapsed"
    REVOKED = "revoked"
    WITHDRAWN = "withdrawn"
    CHOICES = [
        (NOMINATED, "Nominated, ICE background check pending", "bg-accent-warm-darker"),
        (CLEARED, "Background check cleared, in training", "bg-primary"),
        (REJECTED, "Background check rejected", "bg-base-darker"),
        (DISQUALIFIED, "Disqualified (second exam failure)", "bg-secondary-dark"),
        (CERTIFIED, "Certified, not yet authorized", "bg-primary-dark"),
        (AUTHORIZED, "Authorized", "bg-green"),
        (SUSPENDED, "Suspended", "bg-secondary-dark"),
        (LAPSED, "Authorization expired", "bg-secondary-vivid"),
        (REVOKED, "Revoked", "bg-base-darker"),
        (WITHDRAWN, "Withdrawn by the agency", "bg-base-darker"),
    ]


# Officers that count against an agreement's officer limit: everyone still on the path.
ON_PATH = [
    OfficerStatus.NOMINATED,
    OfficerStatus.CLEARED,
    OfficerStatus.CERTIFIED,
    OfficerStatus.AUTHORIZED,
    OfficerStatus.SUSPENDED,
    OfficerStatus.LAPSED,
]
# No step leads out of these.
FINAL = [OfficerStatus.REJECTED, OfficerStatus.REVOKED, OfficerStatus.WITHDRAWN]


class CheckResult(ChoiceSet):
    PASSED = "passed"
    FAILED = "failed"
    CHOICES = [(PASSED, "Passed", "bg-green"), (FAILED, "Failed", "bg-secondary-dark")]


class CheckOutcome(ChoiceSet):
    CLEARED = "cleared"
    REJECTED = "rejected"
    CHOICES = [(CLEARED, "Cleared", "bg-green"), (REJECTED, "Rejected", "bg-secondary-dark")]


class CourseKind(ChoiceSet):
    INITIAL = "initial"
    REFRESHER = "refresher"
    CHOICES = [
        (INITIAL, "Initial course (leads to certification)", ""),
        (REFRESHER, "Refresher (keeps training current)", ""),
    ]


class Delivery(ChoiceSet):
    IN_PERSON = "in_person"
    ONLINE = "online"
    CHOICES = [(IN_PERSON, "In person", ""), (ONLINE, "Online", "")]


# Who may sit a course of each kind: the initial course after the ICE check clears; the
# refresher for certified officers (renewal of a lapsed authorization needs one too). Both
# exams (``actions.record_exam``) and class rosters (``training.enrol``) use this one rule.
MAY_TAKE = {
    CourseKind.INITIAL: [OfficerStatus.CLEARED],
    CourseKind.REFRESHER: [
        OfficerStatus.CERTIFIED,
        OfficerStatus.AUTHORIZED,
        OfficerStatus.LAPSED,
        OfficerStatus.SUSPENDED,
    ],
}


class ClassStatus(ChoiceSet):
    SCHEDULED = "scheduled"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    CHOICES = [
        (SCHEDULED, "Scheduled", "bg-primary"),
        (IN_PROGRESS, "In progress", "bg-accent-warm-darker"),
        (COMPLETED, "Completed", "bg-green"),
        (CANCELLED, "Cancelled", "bg-base-darker"),
    ]


class Attendance(ChoiceSet):
    ATTENDED = "attended"
    PARTIAL = "partial"
    ABSENT = "absent"
    CHOICES = [
        (ATTENDED, "Attended", "bg-green"),
        (PARTIAL, "Partly attended", "bg-accent-warm-darker"),
        (ABSENT, "Absent", "bg-secondary-dark"),
    ]
