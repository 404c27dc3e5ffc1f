"""Status values and vocabularies of CAP screening."""

from __future__ import annotations

from access.core.choices import ChoiceSet


class RemoteInterviews(ChoiceSet):
    NONE = "none"
    PHONE = "phone"
    VIDEO = "video"
    PHONE_AND_VIDEO = "phone_and_video"
    CHOICES = [
        (NONE, "In person only", ""),
        (PHONE, "In person or by phone", ""),
        (VIDEO, "In person or by video", ""),
        (PHONE_AND_VIDEO, "In person, by phone or by video", ""),
    ]


class RosterDelivery(ChoiceSet):
    UPLOAD = "upload"
    API = "api"
    EMAIL = "email"
    FEED = "feed"
    CHOICES = [
        (UPLOAD, "Uploaded by the CAP team", ""),
        (API, "Sent by the jail's system through the API", ""),
        (EMAIL, "Emailed by the jail, uploaded by the CAP team", ""),
        (FEED, "Automated feed from the jail management system", ""),
    ]


class RosterFrequency(ChoiceSet):
    HOURLY = "hourly"
    TWICE_DAILY = "twice_daily"
    DAILY = "daily"
    WEEKLY = "weekly"
    CHOICES = [
        (HOURLY, "Every hour", ""),
        (TWICE_DAILY, "Twice a day", ""),
        (DAILY, "Daily", ""),
        (WEEKLY, "Weekly", ""),
    ]


class RosterSource(ChoiceSet):
    UPLOAD = "upload"
    API = "api"
    CLI = "cli"
    DEMO = "demo"
    CHOICES = [
        (UPLOAD, "Upload page", ""),
        (API, "API", ""),
        (CLI, "Command line", ""),
        (DEMO, "Demo data", ""),
    ]


class RosterStatus(ChoiceSet):
    QUEUED = "queued"
    SCREENING = "screening"
    SCREENED = "screened"
    CANCELLED = "cancelled"
    FAILED = "failed"
    CHOICES = [
        (QUEUED, "Waiting for the screening job", "bg-accent-warm-darker"),
        (SCREENING, "Screening", "bg-primary"),
        (SCREENED, "Screened", "bg-green"),
        (CANCELLED, "Screening cancelled", "bg-base-dark"),
        (FAILED, "Screening failed", "bg-secondary-dark"),
    ]


class BookingStatus(ChoiceSet):
    IN_CUSTODY = "in_custody"
    RELEASED = "released"
    CHOICES = [
        (IN_CUSTODY, "In custody", "bg-primary"),
        (RELEASED, "Released (absent from a later roster)", "bg-base-dark"),
    ]


class ReviewStatus(ChoiceSet):
    """A candidate record of a booked person, as the CAP officer works it."""

    PENDING = "pending"
    VERIFIED = "verified"
    REJECTED = "rejected"
    STOPPED = "stopped"
    CLEARED = "cleared"
    REFERRED = "referred"
    CHOICES = [
        (PENDING, "Awaiting review", "bg-accent-warm-darker"),
        (VERIFIED, "Verified by a CAP officer", "bg-green"),
        (REJECTED, "Rejected: not the same person", "bg-base-dark"),
        (STOPPED, "Stopped: possible U.S. citizen, with a supervisor", "bg-secondary-dark"),
        (CLEARED, "Supervisor decided: the workflow may continue", "bg-primary"),
        (REFERRED, "Referred for interview", "bg-primary"),
    ]


class InterviewMode(ChoiceSet):
    IN_PERSON = "in_person"
    PHONE = "phone"
    VIDEO = "video"
    CHOICES = [
        (IN_PERSON, "In person", ""),
        (PHONE, "By phone", ""),
        (VIDEO, "By video", ""),
    ]


class InterviewStatus(ChoiceSet):
    SCHEDULED = "scheduled"
    HELD = "held"
    CANCELLED = "cancelled"
    CHOICES = [
        (SCHEDULED, "Scheduled", "bg-primary"),
        (HELD, "Held", "bg-green"),
        (CANCELLED, "Cancelled", "bg-base-dark"),
    ]


class InterviewOutcome(ChoiceSet):
    REMOVABLE = "removable"
    NOT_REMOVABLE = "not_removable"
    CITIZENSHIP_CLAIM = "citizenship_claim"
    DECLINED = "declined"
    RELEASED_BEFORE = "released_before"
    CHOICES = [
        (REMOVABLE, "Amenable to removal: refer for a detainer decision", ""),
        (NOT_REMOVABLE, "Not amenable to removal: no further action", ""),
        (CITIZENSHIP_CLAIM, "Claimed U.S. citizenship: stopped for a supervisor", ""),
        (DECLINED, "Declined to be interviewed", ""),
        (RELEASED_BEFORE, "Released before the interview", ""),
    ]
