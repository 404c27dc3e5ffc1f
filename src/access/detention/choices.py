"""Status values and kinds of detainers (Form I-247A)."""

from __future__ import annotations

from access.core.choices import ChoiceSet


class DetainerStatus(ChoiceSet):
    ISSUED = "issued"
    HOLDING = "holding"
    CUSTODY_ASSUMED = "custody_assumed"
    RELEASED = "released"
    LIFTED = "lifted"
    DECLINED = "declined"
    CHOICES = [
        (ISSUED, "Issued, release date not yet known", "bg-primary"),
        (HOLDING, "Hold clock running", "bg-accent-warm-darker"),
        (CUSTODY_ASSUMED, "ICE assumed custody", "bg-green"),
        (RELEASED, "Released by the jail", "bg-base-darker"),
        (LIFTED, "Lifted by ICE", "bg-base-dark"),
        (DECLINED, "Declined by the jail", "bg-secondary-dark"),
    ]


OPEN = [DetainerStatus.ISSUED, DetainerStatus.HOLDING]
OUTCOMES = [
    DetainerStatus.CUSTODY_ASSUMED,
    DetainerStatus.RELEASED,
    DetainerStatus.LIFTED,
    DetainerStatus.DECLINED,
]


class ProbableCause(ChoiceSet):
    """The I-247A's grounds for probable cause of removability (one box is checked)."""

    FINAL_ORDER = "final_order"
    PENDING_PROCEEDINGS = "pending_proceedings"
    BIOMETRIC_MATCH = "biometric_match"
    STATEMENTS = "statements"
    CHOICES = [
        (FINAL_ORDER, "A final order of removal against the subject", ""),
        (PENDING_PROCEEDINGS, "Removal proceedings pending against the subject", ""),
        (
            BIOMETRIC_MATCH,
            "Biometric confirmation of identity and records showing no lawful status",
            "",
        ),
        (
            STATEMENTS,
            "Statements to an immigration officer or other reliable evidence of removability",
            "",
        ),
    ]


class ServiceMethod(ChoiceSet):
    """How the detainer was served on the subject."""

    IN_PERSON_BY_OFFICER = "officer_in_person"
    BY_FACILITY_STAFF = "facility_staff"
    CHOICES = [
        (IN_PERSON_BY_OFFICER, "In person by the issuing officer", ""),
        (BY_FACILITY_STAFF, "By the facility's staff, on ICE's request", ""),
    ]
