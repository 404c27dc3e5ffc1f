"""Status values of person records, with USWDS tag colours."""

from __future__ import annotations

from access.core.choices import ChoiceSet


class Sex(ChoiceSet):
    MALE, FEMALE, UNSPECIFIED, UNKNOWN = "M", "F", "X", ""
    CHOICES = [
        (MALE, "Male", ""),
        (FEMALE, "Female", ""),
        (UNSPECIFIED, "Unspecified", ""),
        (UNKNOWN, "Not recorded", "bg-base-lighter"),
    ]


class Citizenship(ChoiceSet):
    """Citizenship *as recorded*. A record without it is "unknown", never "noncitizen"."""

    US_BORN = "us_born"
    NATURALIZED = "naturalized"
    LPR = "lawful_permanent_resident"
    NONCITIZEN = "noncitizen"
    UNKNOWN = "unknown"
    CHOICES = [
        (US_BORN, "U.S. citizen (born)", "bg-green"),
        (NATURALIZED, "U.S. citizen (naturalized)", "bg-green"),
        (LPR, "Lawful permanent resident", "bg-secondary-dark"),
        (NONCITIZEN, "Noncitizen", "bg-base-dark"),
        (UNKNOWN, "Unknown", "bg-base"),
    ]
    CITIZENS = (US_BORN, NATURALIZED)


class RecordSource(ChoiceSet):
    IMMIGRATION = "immigration"
    BOOKING = "booking"
    NLETS = "nlets"
    INQUIRY = "inquiry"
    OTHER = "other"
    CHOICES = [
        (IMMIGRATION, "DHS immigration file", ""),
        (BOOKING, "Jail booking", ""),
        (NLETS, "Nlets / state return", ""),
        (INQUIRY, "Inquiry", ""),
        (OTHER, "Other", ""),
    ]


class ImmigrationEventKind(ChoiceSet):
    ENTRY = "entry"
    STATUS_GRANT = "status_grant"
    NATURALIZATION = "naturalization"
    ORDER = "order"
    REMOVAL = "removal"
    OTHER = "other"
    CHOICES = [
        (ENTRY, "Entry", ""),
        (STATUS_GRANT, "Status granted", "bg-secondary-dark"),
        (NATURALIZATION, "Naturalization", "bg-green"),
        (ORDER, "Order (removal, voluntary departure)", "bg-gold"),
        (REMOVAL, "Removal", "bg-secondary"),
        (OTHER, "Other", ""),
    ]


class Disposition(ChoiceSet):
    PENDING = "pending"
    CONVICTED = "convicted"
    DISMISSED = "dismissed"
    ACQUITTED = "acquitted"
    DEFERRED = "deferred"
    CHOICES = [
        (PENDING, "Pending", "bg-gold"),
        (CONVICTED, "Convicted", "bg-secondary"),
        (DISMISSED, "Dismissed", "bg-base-lighter"),
        (ACQUITTED, "Acquitted", "bg-green"),
        (DEFERRED, "Deferred adjudication", "bg-base"),
    ]


class ViewPurpose(ChoiceSet):
    """Why a record is opened (DOMAIN.md section 6, safeguard 5)."""

    INQUIRY = "inquiry"
    SCREENING = "screening"
    SUPERVISOR_REVIEW = "supervisor_review"
    OVERSIGHT = "oversight"
    OTHER = "other"
    CHOICES = [
        (INQUIRY, "LESC inquiry (IAQ)", ""),
        (SCREENING, "Jail screening (CAP)", ""),
        (SUPERVISOR_REVIEW, "Supervisor review (citizenship claim)", ""),
        (OVERSIGHT, "Oversight / audit", ""),
        (OTHER, "Other", ""),
    ]


class ModelStatus(ChoiceSet):
    """Where a stored matching model version is in its lifecycle (docs/records.md)."""

    TRAINED = "trained"
    CALIBRATED = "calibrated"
    ACTIVE = "active"
    RETIRED = "retired"
    CHOICES = [
        (TRAINED, "Trained (not calibrated)", "bg-base"),
        (CALIBRATED, "Calibrated", "bg-secondary-dark"),
        (ACTIVE, "Active", "bg-green"),
        (RETIRED, "Retired", "bg-base-darker"),
    ]
