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
    ]


# An agreement in force: its agency may act under it (subject to suspension) and it counts
# against "one active agreement per agency and partnership type".
IN_FORCE = [
    AgreementStatus.ACTIVE,
    AgreementStatus.MODIFIED,
    AgreementStatus.SUSPENDED,
    AgreementStatus.RENEWAL_DUE,
]
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
    """The models that have a clause template (the 287(g) models and LESC access and
    training), and their partnership type codes."""

    JEM = "JEM"
    TFM = "TFM"
    WSO = "WSO"
    LESC = "LESC"
    CHOICES = [
        (JEM, "287(g) Jail Enforcement Model", ""),
        (TFM, "287(g) Task Force Model", ""),
        (WSO, "287(g) Warrant Service Officer", ""),
        (LESC, "LESC access and training", ""),
    ]
    BY_PARTNERSHIP_TYPE = {
        "287g_jem": JEM,
        "287g_tfm": TFM,
        "287g_wso": WSO,
        "lesc_training": LESC,
    }
