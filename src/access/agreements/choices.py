"""Status values of an agreement and the parties that sign it."""

from __future__ import annotations

from access.core.choices import ChoiceSet


class AgreementStatus(ChoiceSet):
    DRAFT = "draft"
    LEGAL_REVIEW = "legal_review"
    AGENCY_REVIEW = "agency_review"
    APPROVED = "approved"
    SIGNED = "signed"
    ACTIVE = "active"
    MODIFIED = "modified"
    SUSPENDED = "suspended"
    RENEWAL_DUE = "renewal_due"
    TERMINATED = "terminated"
    EXPIRED = "expired"
    PENDING = "pending"
    SUPERSEDED = "superseded"
    CHOICES = [
        (DRAFT, "Draft", "bg-base"),
        (LEGAL_REVIEW, "ICE legal review", "bg-accent-warm-darker"),
        (AGENCY_REVIEW, "Agency review", "bg-accent-warm-darker"),
        (APPROVED, "Approved for signature", "bg-primary"),
        (SIGNED, "Signed", "bg-primary-dark"),
        (ACTIVE, "Active", "bg-green"),
        (MODIFIED, "Active, modification in progress", "bg-accent-cool-darker"),
        (SUSPENDED, "Suspended", "bg-secondary-dark"),
        (RENEWAL_DUE, "Active, renewal due", "bg-secondary-vivid"),
        (TERMINATED, "Terminated", "bg-base-darker"),
        (EXPIRED, "Expired", "bg-base-darker"),
        (PENDING, "Pending (ICE's published list)", "bg-accent-warm-darker"),
        (SUPERSEDED, "Replaced by its modification or renewal", "bg-base-darker"),
    ]
    PHRASES = {
        DRAFT: "is a draft",
        LEGAL_REVIEW: "is in ICE legal review",
        AGENCY_REVIEW: "is in agency review",
        APPROVED: "is approved for signature",
        MODIFIED: "is active, with a modification in progress",
        RENEWAL_DUE: "is active, with its renewal due",
        PENDING: "is pending on ICE's published list",
        SUPERSEDED: "is replaced by its modification or renewal",
    }


# An agreement in force: its agency may act under it (subject to suspension) and it counts
# against "one active agreement per agency and partnership type".
IN_FORCE = [
    AgreementStatus.ACTIVE,
    AgreementStatus.MODIFIED,
    AgreementStatus.SUSPENDED,
    AgreementStatus.RENEWAL_DUE,
]
# Before signature: an agreement (or a modification or renewal of one) still in its reviews.
IN_PROGRESS = [
    AgreementStatus.DRAFT,
    AgreementStatus.LEGAL_REVIEW,
    AgreementStatus.AGENCY_REVIEW,
    AgreementStatus.APPROVED,
    AgreementStatus.SIGNED,
]
# An agreement in force may be modified or renewed from these states.
AMENDABLE = [AgreementStatus.ACTIVE, AgreementStatus.MODIFIED, AgreementStatus.RENEWAL_DUE]
# Section text may be edited only in these states (each edit is a new version).
EDITABLE = [AgreementStatus.DRAFT, AgreementStatus.MODIFIED]


class Party(ChoiceSet):
    ICE = "ice"
    AGENCY = "agency"
    CHOICES = [
        (ICE, "U.S. Immigration and Customs Enforcement", "bg-primary-dark"),
        (AGENCY, "Law enforcement agency", "bg-primary"),
    ]


class ModelCode(ChoiceSet):
    """The models that have a clause template (the 287(g) models, LESC access and training,
    the Criminal Alien Program and joint task forces), and their partnership type codes."""

    JEM = "JEM"
    TFM = "TFM"
    WSO = "WSO"
    LESC = "LESC"
    CAP = "CAP"
    JTF = "JTF"
    CHOICES = [
        (JEM, "287(g) Jail Enforcement Model", ""),
        (TFM, "287(g) Task Force Model", ""),
        (WSO, "287(g) Warrant Service Officer", ""),
        (LESC, "LESC access and training", ""),
        (CAP, "Criminal Alien Program", ""),
        (JTF, "Joint task force", ""),
    ]
    BY_PARTNERSHIP_TYPE = {
        "287g_jem": JEM,
        "287g_tfm": TFM,
        "287g_wso": WSO,
        "lesc_training": LESC,
        "cap_team": CAP,
        # One template for the three task-force types (gangs, fraud, Community Shield).
        "tf_gangs": JTF,
        "tf_fraud": JTF,
        "ocs": JTF,
    }


class AmendmentKind(ChoiceSet):
    """What a follow-on agreement does to the one it amends (blank: an original agreement)."""

    MODIFICATION = "modification"
    RENEWAL = "renewal"
    CHOICES = [
        (MODIFICATION, "Modification", "bg-accent-cool-darker"),
        (RENEWAL, "Renewal", "bg-secondary-vivid"),
    ]
